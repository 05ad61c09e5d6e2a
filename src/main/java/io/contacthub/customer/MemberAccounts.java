package io.contacthub.customer;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Member customers' logins: the portal signs members in against this table, never against staff_user. */
@Component
public class MemberAccounts {

    private final JdbcClient jdbc;

    MemberAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Account(String login, long customerId, String passwordHash) {
    }

    public Optional<Account> find(String login) {
        if (login == null || login.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("select login, customer_id, password_hash from member_account where login = ?")
                .param(normalize(login))
                .query((rs, n) -> new Account(rs.getString(1), rs.getLong(2), rs.getString(3)))
                .optional();
    }

    public boolean loginTaken(String login) {
        return jdbc.sql("select count(*) from member_account where login = ?").param(normalize(login))
                .query(Long.class).single() > 0;
    }

    /** Makes the customer a member with this login; runs in the caller's transaction. */
    public void create(String login, long customerId, String passwordHash) {
        String name = normalize(login);
        jdbc.sql("insert into member_account (login, customer_id, password_hash) values (?, ?, ?)")
                .params(name, customerId, passwordHash).update();
        jdbc.sql("update customer set kind = 'MEMBER' where id = ?").param(customerId).update();
        jdbc.sql("insert into customer_identity (customer_id, kind, value) values (?, 'LOGIN', ?) on conflict (kind, value) do nothing")
                .params(customerId, name).update();
    }

    /** The address a member's portal messages come from, so they join the member's own customer record. */
    public Optional<String> emailOf(long customerId) {
        return jdbc.sql("select value from customer_identity where customer_id = ? and kind = 'EMAIL' order by id limit 1")
                .param(customerId).query(String.class).optional();
    }

    public Optional<String> phoneOf(long customerId) {
        return jdbc.sql("select value from customer_identity where customer_id = ? and kind = 'PHONE' order by id limit 1")
                .param(customerId).query(String.class).optional();
    }

    /** Where a member's password-reset code may go: an e-mail or phone the hub observed or verified, never a merely typed one. */
    public Optional<VerificationCodes.Proved> provenAddress(long customerId) {
        return jdbc.sql("""
                        select kind, value from customer_identity where customer_id = ? and kind in ('EMAIL', 'PHONE')
                          and provenance <> 'CLAIMED' order by kind = 'EMAIL' desc, provenance = 'VERIFIED' desc, id limit 1""")
                .param(customerId).query((rs, n) -> new VerificationCodes.Proved(rs.getString(1), rs.getString(2))).optional();
    }

    public void changePassword(String login, String passwordHash) {
        jdbc.sql("update member_account set password_hash = ? where login = ?").params(passwordHash, normalize(login)).update();
    }

    public static String normalize(String login) {
        return login.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
