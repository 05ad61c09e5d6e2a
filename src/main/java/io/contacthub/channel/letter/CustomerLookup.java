package io.contacthub.channel.letter;

import io.contacthub.customer.CustomerProfiles;
import io.contacthub.customer.PhoneNumbers;
import io.contacthub.ticket.TicketQueries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the existing customer a letter or a visitor may be, for the staff member logging it: by a ticket
 * reference, a customer number ({@code #12}), an e-mail address, a phone or fax number, or part of a name.
 * Each customer comes with their identities (and how the hub knows each) and open tickets, so staff can
 * check who it is before they vouch for one identity. Merged records are shown as the record they were
 * merged into.
 */
@Component
class CustomerLookup {

    static final int MAX_RESULTS = 10;
    private static final Pattern TICKET = Pattern.compile("\\[?#?\\s*(CH-\\d{6,})\\s*]?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CUSTOMER_NUMBER = Pattern.compile("#?(\\d{1,7})");

    private final JdbcClient jdbc;
    private final CustomerProfiles profiles;
    private final TicketQueries tickets;
    private final PhoneNumbers phones;

    CustomerLookup(JdbcClient jdbc, CustomerProfiles profiles, TicketQueries tickets, PhoneNumbers phones) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.tickets = tickets;
        this.phones = phones;
    }

    /** One identity of a found customer; {@code choice} is the form value that vouches for it. */
    record FoundIdentity(String kind, String value, String provenance, String choice) {
    }

    record OpenTicket(String ref, String subject, String status) {
    }

    /** @param foundBy what matched ("ticket CH-000123", "EMAIL", "name") */
    record Found(long id, String name, String kind, String foundBy, List<FoundIdentity> identities, List<OpenTicket> openTickets) {
    }

    /** A ticket a letter is to be added to: its id and customer (null for an anonymous one). */
    record TicketOwner(long id, String ref, Long customerId, String status) {
    }

    List<Found> find(String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty() || q.length() > 254) {
            return List.of();
        }
        Set<Long> ids = new LinkedHashSet<>();
        String foundBy;
        Matcher ticket = TICKET.matcher(q);
        Matcher number = CUSTOMER_NUMBER.matcher(q);
        if (ticket.matches()) {
            foundBy = "ticket " + ticket.group(1).toUpperCase(Locale.ROOT);
            ticket(ticket.group(1)).map(TicketOwner::customerId).ifPresent(ids::add);
        } else if (number.matches()) {
            foundBy = "#";
            ids.add(Long.parseLong(number.group(1)));
        } else if (q.contains("@")) {
            foundBy = "EMAIL";
            ids.addAll(owners("EMAIL", q.toLowerCase(Locale.ROOT)));
        } else if (phones.normalize(q).isPresent()) {
            foundBy = "PHONE / FAX";
            String e164 = phones.normalize(q).get();
            ids.addAll(owners("PHONE", e164));
            ids.addAll(owners("FAX", e164));
        } else if (q.length() >= 2) {
            foundBy = "name";
            String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            ids.addAll(jdbc.sql("select id from customer where display_name ilike ? order by id desc limit " + MAX_RESULTS)
                    .param(like).query(Long.class).list());
        } else {
            return List.of();
        }
        List<Found> found = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (Long id : ids) {
            long current = current(id);
            if (seen.add(current) && found.size() < MAX_RESULTS) {
                customer(current, foundBy).ifPresent(found::add);
            }
        }
        return found;
    }

    Optional<Found> customer(long id, String foundBy) {
        return profiles.find(id).map(p -> new Found(p.id(), p.name(), p.kind(), foundBy,
                p.identities().stream().filter(i -> LetterFormController.VOUCHABLE_KINDS.contains(i.kind()))
                        .map(i -> new FoundIdentity(i.kind(), i.value(), i.provenance(), p.id() + ":" + i.kind() + ":" + i.value()))
                        .toList(),
                tickets.list(null, null, p.id(), 50, 0).stream()
                        .filter(t -> !"RESOLVED".equals(t.status()) && !"CLOSED".equals(t.status())).limit(10)
                        .map(t -> new OpenTicket(t.ref(), t.subject(), t.status())).toList()));
    }

    Optional<TicketOwner> ticket(String ref) {
        return jdbc.sql("select id, ref, customer_id, status from ticket where id = ticket_id_of(?)").param(ref.strip().toUpperCase(Locale.ROOT))
                .query((rs, n) -> new TicketOwner(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getString(4)))
                .optional();
    }

    /** The identity is this customer's now, and the customer has not been merged into another. */
    boolean owns(long customerId, String kind, String value) {
        return jdbc.sql("""
                        select exists (select 1 from customer_identity i join customer c on c.id = i.customer_id
                                       where i.customer_id = ? and i.kind = ? and i.value = ? and c.merged_into is null)""")
                .params(customerId, kind, value).query(Boolean.class).single();
    }

    private List<Long> owners(String kind, String value) {
        return jdbc.sql("select customer_id from customer_identity where kind = ? and value = ?").params(kind, value)
                .query(Long.class).list();
    }

    /** A merged customer's record is the one it was merged into. */
    private long current(long id) {
        long target = id;
        for (int hops = 0; hops < 10; hops++) {
            Long next = jdbc.sql("select merged_into from customer where id = ?").param(target).query(Long.class).optional().orElse(null);
            if (next == null) {
                return target;
            }
            target = next;
        }
        return target;
    }
}
