package io.contacthub.customer;

import io.contacthub.descriptor.ChannelCatalog;
import io.contacthub.descriptor.IdentityKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the customer behind a contact's e-mail address and phone number, or registers a new general
 * customer, keeping apart what the channel proved and what a stranger typed (docs/SECURITY.md):
 * <ul>
 *   <li>an observed or verified identity that belongs to a customer makes the contact theirs;</li>
 *   <li>a claimed identity never attaches to another customer's record, and never makes the
 *       contact another customer's when that customer is known by anything proven: the contact
 *       keeps a record of its own and the claim is returned for staff to see and merge;</li>
 *   <li>a contact proven by nothing joins only a customer that is itself proven by nothing (two
 *       web messages typing the same address are one unproven correspondent);</li>
 *   <li>a claimed identity the channel later proves is upgraded to observed.</li>
 * </ul>
 * Runs inside the caller's transaction.
 */
@Component
public class CustomerDirectory {

    private final JdbcClient jdbc;
    private final ChannelCatalog catalog;
    private final CustomerMasterData masterData;

    public CustomerDirectory(JdbcClient jdbc, ChannelCatalog catalog, CustomerMasterData masterData) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.masterData = masterData;
    }

    /**
     * Who wrote, as the channel gives it.
     *
     * @param others identities of any other registered kind (a fax number, a marketplace buyer id)
     */
    public record Sender(String email, Provenance emailProvenance, String phone, Provenance phoneProvenance, String name,
                         String language, Long memberCustomerId, List<GivenIdentity> others) {

        public Sender {
            others = others == null ? List.of() : List.copyOf(others);
        }

        public Sender(String email, Provenance emailProvenance, String phone, Provenance phoneProvenance, String name,
                      String language, Long memberCustomerId) {
            this(email, emailProvenance, phone, phoneProvenance, name, language, memberCustomerId, List.of());
        }

        public static Sender claimed(String email, String phone, String name, String language) {
            return new Sender(email, Provenance.CLAIMED, phone, Provenance.CLAIMED, name, language, null);
        }
    }

    /** An identity the contact gave that belongs to another customer, so it was not attached. */
    public record ForeignClaim(String kind, String value, long customerId) {
    }

    /**
     * @param customerId    the contact's customer, or null for an anonymous sender (no usable identity)
     * @param proven        the customer was chosen by an observed or verified identity (or the member's session)
     * @param provenIdentities the contact's observed/verified identities as {@code KIND:value}
     * @param foreignClaims claimed identities that belong to other customers
     */
    public record Identified(Long customerId, boolean proven, List<String> provenIdentities, List<ForeignClaim> foreignClaims) {

        static final Identified ANONYMOUS = new Identified(null, false, List.of(), List.of());
    }

    private record Identity(String kind, String value, Provenance provenance) {
        String key() {
            return kind + ":" + value;
        }
    }

    private record Owner(long customerId, Provenance provenance) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Identified identify(Sender sender) {
        List<Identity> identities = new ArrayList<>();
        List<GivenIdentity> given = new ArrayList<>();
        given.add(new GivenIdentity(BuiltInIdentityKinds.EMAIL, sender.email(), sender.emailProvenance()));
        given.add(new GivenIdentity(BuiltInIdentityKinds.PHONE, sender.phone(), sender.phoneProvenance()));
        given.addAll(sender.others());
        for (GivenIdentity g : given) {
            IdentityKind kind = catalog.kind(g.kind()).orElseThrow(() -> new IllegalArgumentException(
                    "the sender's identity is of kind " + g.kind() + ", which no channel registers"));
            kind.normalize(g.value()).map(v -> new Identity(kind.name(), v, g.provenance()))
                    .filter(id -> identities.stream().noneMatch(known -> known.key().equals(id.key())))
                    .ifPresent(identities::add);
        }
        if (sender.memberCustomerId() != null) {
            // The session proved the member; what the message names is the member's own record anyway.
            return new Identified(current(sender.memberCustomerId()), true, verifiedIdentities(sender.memberCustomerId()), List.of());
        }
        if (identities.isEmpty()) {
            return Identified.ANONYMOUS;
        }
        // Two workers meeting the same new sender at once must create one customer, not two.
        for (Identity identity : identities) {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", identity.key()).query().singleRow();
        }
        List<Optional<Owner>> owners = identities.stream().map(this::owner).toList();

        Long customerId = null;
        boolean proven = false;
        for (int i = 0; i < identities.size() && customerId == null; i++) {
            if (identities.get(i).provenance().proven() && owners.get(i).isPresent()) {
                customerId = owners.get(i).get().customerId();
                proven = true;
            }
        }
        boolean anyProven = identities.stream().anyMatch(id -> id.provenance().proven());
        if (customerId == null && !anyProven) {
            for (Optional<Owner> owner : owners) {
                if (owner.isPresent() && owner.get().provenance() == Provenance.CLAIMED && !knownByProof(owner.get().customerId())) {
                    customerId = owner.get().customerId();
                    break;
                }
            }
        }
        if (customerId == null) {
            customerId = jdbc.sql("insert into customer (kind, display_name, language) values ('GENERAL', ?, ?) returning id")
                    .params(blankToNull(sender.name()), sender.language()).query(Long.class).single();
            proven = anyProven;
        } else if (sender.name() != null && !sender.name().isBlank()) {
            jdbc.sql("update customer set display_name = ? where id = ? and display_name is null")
                    .params(sender.name().strip(), customerId).update();
        }

        List<String> provenKeys = new ArrayList<>();
        List<ForeignClaim> foreign = new ArrayList<>();
        for (int i = 0; i < identities.size(); i++) {
            Identity identity = identities.get(i);
            Optional<Owner> owner = owners.get(i);
            if (owner.isEmpty()) {
                jdbc.sql("insert into customer_identity (customer_id, kind, value, provenance) values (?, ?, ?, ?)")
                        .params(customerId, identity.kind(), identity.value(), identity.provenance().name()).update();
                if (identity.provenance().proven()) {
                    provenKeys.add(identity.key());
                    numberProven(customerId, identity.kind(), identity.value());
                }
            } else if (owner.get().customerId() == customerId) {
                if (identity.provenance().proven()) {
                    provenKeys.add(identity.key());
                    if (owner.get().provenance() == Provenance.CLAIMED) {
                        jdbc.sql("update customer_identity set provenance = ? where kind = ? and value = ?")
                                .params(identity.provenance().name(), identity.kind(), identity.value()).update();
                        numberProven(customerId, identity.kind(), identity.value());
                    }
                }
            } else {
                foreign.add(new ForeignClaim(identity.kind(), identity.value(), owner.get().customerId()));
            }
        }
        return new Identified(customerId, proven, List.copyOf(provenKeys), List.copyOf(foreign));
    }

    /**
     * Staff or a one-time code confirmed this identity belongs to the customer. An identity of
     * another customer never moves by this: that is a merge, which staff decide separately.
     *
     * @return false when the identity belongs to another customer (nothing changed)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markVerified(long customerId, String kind, String value, String verifiedBy) {
        boolean verified = jdbc.sql("""
                        insert into customer_identity (customer_id, kind, value, provenance, verified_at, verified_by)
                        values (?, ?, ?, 'VERIFIED', now(), ?)
                        on conflict (kind, value) do update set provenance = 'VERIFIED', verified_at = now(),
                            verified_by = excluded.verified_by
                        where customer_identity.customer_id = excluded.customer_id""")
                .params(customerId, kind, value, verifiedBy).update() > 0;
        if (verified) {
            numberProven(customerId, kind, value);
        }
        return verified;
    }

    /** A number proven to be the customer's tells where they are, roughly (the region it was issued in). */
    private void numberProven(long customerId, String kind, String value) {
        if (BuiltInIdentityKinds.PHONE.equals(kind) || BuiltInIdentityKinds.FAX.equals(kind)) {
            masterData.regionFromNumber(customerId, kind, value);
        }
    }

    private Optional<Owner> owner(Identity identity) {
        return jdbc.sql("select customer_id, provenance from customer_identity where kind = ? and value = ?")
                .params(identity.kind(), identity.value())
                .query((rs, n) -> new Owner(rs.getLong(1), Provenance.valueOf(rs.getString(2))))
                .optional();
    }

    private boolean knownByProof(long customerId) {
        return jdbc.sql("select exists (select 1 from customer_identity where customer_id = ? and provenance <> 'CLAIMED')")
                .param(customerId).query(Boolean.class).single();
    }

    private List<String> verifiedIdentities(long customerId) {
        return jdbc.sql("select kind || ':' || value from customer_identity where customer_id = ? and provenance <> 'CLAIMED'")
                .param(customerId).query(String.class).list();
    }

    /** A merged customer's contacts go to the record it was merged into. */
    private long current(long customerId) {
        Long target = customerId;
        for (int hops = 0; hops < 10; hops++) {
            Long next = jdbc.sql("select merged_into from customer where id = ?").param(target).query(Long.class).optional().orElse(null);
            if (next == null) {
                return target;
            }
            target = next;
        }
        return target;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
