package io.contacthub.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the customer behind an e-mail address or phone number, or registers a new general
 * customer. Runs inside the caller's transaction.
 */
@Component
public class CustomerDirectory {

    private final JdbcClient jdbc;
    private final PhoneNumbers phones;

    public CustomerDirectory(JdbcClient jdbc, PhoneNumbers phones) {
        this.jdbc = jdbc;
        this.phones = phones;
    }

    /** @return the customer's id, or empty when there is no usable identity (anonymous sender) */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Long> identify(String email, String phone, String name, String language) {
        List<Identity> identities = new ArrayList<>();
        if (email != null && email.contains("@")) {
            identities.add(new Identity("EMAIL", email.trim().toLowerCase(Locale.ROOT)));
        }
        phones.normalize(phone).ifPresent(e164 -> identities.add(new Identity("PHONE", e164)));
        if (identities.isEmpty()) {
            return Optional.empty();
        }
        // Two workers meeting the same new sender at once must create one customer, not two.
        for (Identity identity : identities) {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", identity.kind() + ":" + identity.value())
                    .query().singleRow();
        }
        Long customerId = null;
        for (Identity identity : identities) {
            customerId = jdbc.sql("select customer_id from customer_identity where kind = ? and value = ?")
                    .params(identity.kind(), identity.value()).query(Long.class).optional().orElse(null);
            if (customerId != null) {
                break;
            }
        }
        if (customerId == null) {
            customerId = jdbc.sql("insert into customer (kind, display_name, language) values ('GENERAL', ?, ?) returning id")
                    .params(blankToNull(name), language).query(Long.class).single();
        } else if (name != null && !name.isBlank()) {
            jdbc.sql("update customer set display_name = ? where id = ? and display_name is null")
                    .params(name, customerId).update();
        }
        for (Identity identity : identities) {
            jdbc.sql("insert into customer_identity (customer_id, kind, value) values (?, ?, ?) on conflict (kind, value) do nothing")
                    .params(customerId, identity.kind(), identity.value()).update();
        }
        return Optional.of(customerId);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private record Identity(String kind, String value) {
    }
}
