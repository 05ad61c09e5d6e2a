package io.contacthub.customer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time codes that prove an e-mail address or phone number belongs to whoever typed it: six
 * digits, valid for {@code hub.verification.code-ttl} (15 min), at most
 * {@code hub.verification.max-attempts} (5) guesses each, at most {@code max-codes-per-purpose} (3)
 * codes for one purpose and {@code max-codes-per-address-per-day} (5) to one address, so neither
 * guessing nor re-sending is unbounded. Only a salted hash of the code is stored.
 */
@Component
public class VerificationCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Duration ttl;
    private final int maxAttempts;
    private final int maxPerPurpose;
    private final int maxPerAddressPerDay;

    VerificationCodes(JdbcClient jdbc, VerificationSettings settings) {
        this.jdbc = jdbc;
        this.ttl = settings.codeTtl();
        this.maxAttempts = settings.maxAttempts();
        this.maxPerPurpose = settings.maxCodesPerPurpose();
        this.maxPerAddressPerDay = settings.maxCodesPerAddressPerDay();
    }

    /** Why no code was issued. */
    public static class TooManyCodes extends RuntimeException {
        TooManyCodes(String message) {
            super(message);
        }
    }

    /** What to send: the code, and where. */
    public record Issued(String kind, String value, String code, Duration validFor) {
    }

    /** A fresh code for this purpose and address; earlier unused ones for the purpose stop working. */
    @Transactional
    public Issued issue(String purpose, String kind, String value) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", "code:" + kind + ":" + value).query().singleRow();
        long forPurpose = jdbc.sql("select count(*) from verification_code where purpose = ?").param(purpose).query(Long.class).single();
        if (forPurpose >= maxPerPurpose) {
            throw new TooManyCodes("already sent " + forPurpose + " codes for this request");
        }
        long today = jdbc.sql("select count(*) from verification_code where kind = ? and value = ? and created_at > now() - interval '1 day'")
                .params(kind, value).query(Long.class).single();
        if (today >= maxPerAddressPerDay) {
            throw new TooManyCodes("already sent " + today + " codes to this address today");
        }
        jdbc.sql("update verification_code set used_at = now() where purpose = ? and used_at is null").param(purpose).update();
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        jdbc.sql("""
                        insert into verification_code (purpose, kind, value, code_hash, expires_at)
                        values (?, ?, ?, ?, now() + ? * interval '1 second')""")
                .params(purpose, kind, value, saltHex + ":" + hash(saltHex, code), ttl.toSeconds()).update();
        return new Issued(kind, value, code, ttl);
    }

    /**
     * @return the address the code proved, when {@code code} is the live code for this purpose;
     *         every wrong guess counts, and the code dies after the last allowed one
     */
    @Transactional
    public Optional<Proved> check(String purpose, String code) {
        var live = jdbc.sql("""
                        select id, kind, value, code_hash, attempts from verification_code
                        where purpose = ? and used_at is null and expires_at > now() order by id desc limit 1 for update""")
                .param(purpose)
                .query((rs, n) -> new Live(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
                .optional();
        if (live.isEmpty() || code == null) {
            return Optional.empty();
        }
        Live c = live.get();
        String[] parts = c.hash().split(":", 2);
        boolean right = MessageDigest.isEqual(parts[1].getBytes(StandardCharsets.US_ASCII),
                hash(parts[0], code.strip()).getBytes(StandardCharsets.US_ASCII));
        if (right) {
            jdbc.sql("update verification_code set used_at = now(), attempts = attempts + 1 where id = ?").param(c.id()).update();
            return Optional.of(new Proved(c.kind(), c.value()));
        }
        jdbc.sql("""
                update verification_code set attempts = attempts + 1,
                    used_at = case when attempts + 1 >= ? then now() else used_at end
                where id = ?""").params(maxAttempts, c.id()).update();
        return Optional.empty();
    }

    public record Proved(String kind, String value) {
    }

    private record Live(long id, String kind, String value, String hash, int attempts) {
    }

    private static String hash(String salt, String code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((salt + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
