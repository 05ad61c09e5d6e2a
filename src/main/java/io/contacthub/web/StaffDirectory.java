package io.contacthub.web;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The staff accounts as admins manage them (console {@code /console/staff}, API {@code /api/admin/staff}) and as each
 * person keeps their own (profile, password). Accounts are never deleted, only deactivated: tickets, notes and case
 * steps keep naming them.
 * <ul>
 *   <li>A new account, and one whose password an admin resets, gets a one-time password that is shown once to the
 *       admin (never stored in clear, never e-mailed); the person must choose their own at their first sign-in.</li>
 *   <li>Deactivating, resetting, changing the role and changing one's own password end the account's sessions
 *       ({@code session_epoch}; see {@link StaffAccountCheck}); a deactivated account cannot sign in.</li>
 *   <li>There is always an active admin: the last one can be neither deactivated nor given another role, and nobody
 *       deactivates themselves.</li>
 * </ul>
 * Every change is written to {@code staff_event} with who made it.
 */
@Component
public class StaffDirectory {

    private static final Logger log = LoggerFactory.getLogger(StaffDirectory.class);

    public static final List<String> ROLES = List.of("AGENT", "SUPERVISOR", "ADMIN");
    public static final List<String> LANGUAGES = List.of("zh", "en");

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().\\-/]{1,28}([,;#x*][0-9]{1,8})?");
    /** One-time passwords: no 0/o, 1/l/i, so they can be read out over the phone. */
    private static final char[] OTP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String COLUMNS = """
            username, display_name, role, team, language, time_zone, phone, active, must_change_password, created_at,
            password_changed_at, deactivated_at, deactivated_by, last_sign_in_at, updated_at""";

    /** An account as admins see it; never its password. */
    public record Account(String username, String displayName, String role, String team, String language, String timeZone,
                          String phone, boolean active, boolean mustChangePassword, OffsetDateTime createdAt,
                          OffsetDateTime passwordChangedAt, OffsetDateTime deactivatedAt, String deactivatedBy,
                          OffsetDateTime lastSignInAt, OffsetDateTime updatedAt) {

        /** The display name, or the user name when there is none. */
        public String name() {
            return displayName == null || displayName.isBlank() ? username : displayName;
        }
    }

    /**
     * What an admin sets on an account. Blank optional fields are stored as none; on an update a {@code null} field
     * is left as it was.
     */
    public record Details(String displayName, String role, String team, String language, String timeZone, String phone) {
    }

    /** What a person sets on their own account: everything but role and team, which are the admin's. */
    public record ProfileChanges(String displayName, String language, String timeZone, String phone) {
    }

    /** A new account and its one-time password, which is shown this once and kept nowhere. */
    public record Created(Account account, String oneTimePassword) {
    }

    public record Event(String action, String actor, String detail, OffsetDateTime at) {
    }

    /**
     * Why a change was refused: a {@link ResponseStatusException}, so the API answers with its status (400, 404, 409)
     * and English reason; the console shows its message key with arguments in the reader's language.
     */
    public static class Refused extends ResponseStatusException {
        public enum Reason {
            NOT_FOUND(404), USERNAME_INVALID(400), USERNAME_TAKEN(409), ROLE_INVALID(400), LANGUAGE_INVALID(400),
            TIME_ZONE_INVALID(400), PHONE_INVALID(400), NAME_TOO_LONG(400), TEAM_TOO_LONG(400), LAST_ADMIN(409), OWN_ACCOUNT(409),
            WRONG_PASSWORD(400), PASSWORD_RULE(400);

            private final int status;

            Reason(int status) {
                this.status = status;
            }
        }

        private final Reason reason;
        private final String key;
        private final transient Object[] args;

        Refused(Reason reason, String text, Object... args) {
            this(reason, "staff.refused." + reason.name().toLowerCase(Locale.ROOT).replace('_', '-'), text, args);
        }

        private Refused(Reason reason, String key, String text, Object[] args) {
            super(HttpStatusCode.valueOf(reason.status), text);
            this.reason = reason;
            this.key = key;
            this.args = args;
        }

        static Refused password(PasswordRules.Problem problem) {
            return new Refused(Reason.PASSWORD_RULE, problem.key(), problem.text(), problem.args());
        }

        public Reason reason() {
            return reason;
        }

        public String key() {
            return key;
        }

        public Object[] args() {
            return args.clone();
        }
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    StaffDirectory(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    // ---- reading ----

    /** Every account, the active ones first. */
    public List<Account> list() {
        return jdbc.sql("select " + COLUMNS + " from staff_user order by active desc, username").query(Account.class).list();
    }

    public Optional<Account> find(String username) {
        return jdbc.sql("select " + COLUMNS + " from staff_user where username = ?").param(normalized(username))
                .query(Account.class).optional();
    }

    public Account get(String username) {
        return find(username).orElseThrow(() -> new Refused(Refused.Reason.NOT_FOUND, "no staff account " + username, username));
    }

    /** The teams accounts are in now, for suggestions in the forms. */
    public List<String> teams() {
        return jdbc.sql("select distinct team from staff_user where team is not null order by team").query(String.class).list();
    }

    /** Open and pending tickets each account is the assignee of (what to hand over when someone leaves). */
    public Map<String, Long> openTickets() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select assignee, count(*) from ticket where assignee is not null and status in ('OPEN', 'PENDING') group by assignee")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    public List<Event> events(String username, int limit) {
        return jdbc.sql("select action, actor, detail, created_at as at from staff_event where username = ? order by id desc limit ?")
                .params(normalized(username), limit).query(Event.class).list();
    }

    // ---- what admins do ----

    @Transactional
    public Created create(String username, Details details, String actor) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new Refused(Refused.Reason.USERNAME_INVALID, "user name: 2 to 64 characters, lower-case letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        if (jdbc.sql("select exists (select 1 from staff_user where lower(username) = ?)").param(name).query(Boolean.class).single()) {
            throw new Refused(Refused.Reason.USERNAME_TAKEN, "there is a staff account " + name + " already", name);
        }
        Details d = valid(details, true);
        String password = oneTimePassword(name);
        jdbc.sql("""
                        insert into staff_user (username, password_hash, role, display_name, team, language, time_zone, phone,
                                                must_change_password)
                        values (?, ?, ?, ?, ?, ?, ?, ?, true)""")
                .params(name, encoder.encode(password), d.role(), d.displayName(), d.team(), d.language(), d.timeZone(), d.phone())
                .update();
        event(name, "CREATED", actor, "role " + d.role() + (d.team() == null ? "" : ", team " + d.team()));
        log.info("Staff account '{}' ({}) created by {}", name, d.role(), actor);
        return new Created(get(name), password);
    }

    /** Changes what {@code details} gives (its null fields are left alone); a new role ends the account's sessions. */
    @Transactional
    public Account update(String username, Details details, String actor) {
        Account before = locked(username);
        Details d = valid(details, false);
        String role = d.role() == null ? before.role() : d.role();
        if (!role.equals(before.role())) {
            if ("ADMIN".equals(before.role())) {
                refuseLastAdmin(before, "given another role");
            }
        }
        Account after = new Account(before.username(), d.displayName() == null ? before.displayName() : blankToNull(d.displayName()),
                role, d.team() == null ? before.team() : blankToNull(d.team()),
                d.language() == null ? before.language() : blankToNull(d.language()),
                d.timeZone() == null ? before.timeZone() : blankToNull(d.timeZone()),
                d.phone() == null ? before.phone() : blankToNull(d.phone()), before.active(), before.mustChangePassword(),
                before.createdAt(), before.passwordChangedAt(), before.deactivatedAt(), before.deactivatedBy(),
                before.lastSignInAt(), before.updatedAt());
        String changes = changes(before, after);
        if (changes.isEmpty()) {
            return before;
        }
        jdbc.sql("""
                        update staff_user set display_name = ?, role = ?, team = ?, language = ?, time_zone = ?, phone = ?,
                               session_epoch = session_epoch + ?, updated_at = now()
                        where username = ?""")
                .params(after.displayName(), after.role(), after.team(), after.language(), after.timeZone(), after.phone(),
                        role.equals(before.role()) ? 0 : 1, before.username())
                .update();
        event(before.username(), "CHANGED", actor, changes);
        if (!role.equals(before.role())) {
            log.info("Staff account '{}' is now {} (was {}), changed by {}; its sessions ended", before.username(), role,
                    before.role(), actor);
        }
        return get(before.username());
    }

    /** The account can no longer sign in, and its sessions and API credentials stop working at once. */
    @Transactional
    public Account deactivate(String username, String actor) {
        Account account = locked(username);
        if (account.username().equals(actor)) {
            throw new Refused(Refused.Reason.OWN_ACCOUNT, "you cannot deactivate your own account; another admin can");
        }
        if (!account.active()) {
            return account;
        }
        if ("ADMIN".equals(account.role())) {
            refuseLastAdmin(account, "deactivated");
        }
        jdbc.sql("""
                        update staff_user set active = false, deactivated_at = now(), deactivated_by = ?,
                               session_epoch = session_epoch + 1, updated_at = now()
                        where username = ?""")
                .params(actor, account.username()).update();
        event(account.username(), "DEACTIVATED", actor, null);
        log.info("Staff account '{}' deactivated by {}; its sessions ended", account.username(), actor);
        return get(account.username());
    }

    @Transactional
    public Account reactivate(String username, String actor) {
        Account account = locked(username);
        if (account.active()) {
            return account;
        }
        jdbc.sql("update staff_user set active = true, deactivated_at = null, deactivated_by = null, updated_at = now() where username = ?")
                .param(account.username()).update();
        event(account.username(), "REACTIVATED", actor, null);
        log.info("Staff account '{}' reactivated by {}", account.username(), actor);
        return get(account.username());
    }

    /**
     * A new one-time password for the account, shown this once to the admin: the old password stops working, the
     * account's sessions end, and the person must choose their own password at their next sign-in.
     */
    @Transactional
    public String resetPassword(String username, String actor) {
        Account account = locked(username);
        String password = oneTimePassword(account.username());
        setOneTimePassword(account.username(), password);
        event(account.username(), "PASSWORD_RESET", actor, null);
        log.info("Password of staff account '{}' reset by {}; its sessions ended", account.username(), actor);
        return password;
    }

    // ---- what each person does ----

    /**
     * The person chooses their own password: the current one must be given, the new one must follow
     * {@link PasswordRules} and differ from it. Their other sessions end; the caller renews the current one
     * ({@link StaffSessions#renew}).
     */
    @Transactional
    public void changeOwnPassword(String username, String current, String next, String repeated) {
        String hash = jdbc.sql("select password_hash from staff_user where username = ? for update").param(username)
                .query(String.class).optional()
                .orElseThrow(() -> new Refused(Refused.Reason.NOT_FOUND, "no staff account " + username, username));
        if (current == null || current.getBytes(StandardCharsets.UTF_8).length > PasswordRules.MAX_BYTES
                || !encoder.matches(current, hash)) {
            throw new Refused(Refused.Reason.WRONG_PASSWORD, "the current password is not right");
        }
        if (!Objects.equals(next, repeated)) {
            throw Refused.password(PasswordRules.Problem.MISMATCH);
        }
        Optional<PasswordRules.Problem> problem = PasswordRules.check(username, next);
        if (problem.isPresent()) {
            throw Refused.password(problem.get());
        }
        if (encoder.matches(next, hash)) {
            throw Refused.password(PasswordRules.Problem.SAME_AS_BEFORE);
        }
        jdbc.sql("""
                        update staff_user set password_hash = ?, must_change_password = false, password_changed_at = now(),
                               session_epoch = session_epoch + 1, updated_at = now()
                        where username = ?""")
                .params(encoder.encode(next), username).update();
        event(username, "PASSWORD_CHANGED", username, null);
        log.info("Staff account '{}' chose a new password", username);
    }

    @Transactional
    public Account updateOwnProfile(String username, ProfileChanges changes) {
        Details d = new Details(changes.displayName(), null, null, changes.language(), changes.timeZone(), changes.phone());
        return update(username, d, username);
    }

    // ---- the hub itself ----

    /**
     * Start-up recovery ({@code --hub.recover-admin}): the account becomes an active ADMIN with a one-time password,
     * made if it does not exist. Written to the log by the caller, once.
     */
    @Transactional
    public String recoverAdmin(String username, String detail) {
        String name = normalized(username).toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new Refused(Refused.Reason.USERNAME_INVALID, "hub.recover-admin: '" + username + "' is not a valid user name");
        }
        String password = oneTimePassword(name);
        boolean exists = find(name).isPresent();
        if (!exists) {
            jdbc.sql("insert into staff_user (username, password_hash, role, must_change_password) values (?, ?, 'ADMIN', true)")
                    .params(name, encoder.encode(password)).update();
        } else {
            jdbc.sql("""
                            update staff_user set role = 'ADMIN', active = true, deactivated_at = null, deactivated_by = null
                            where username = ?""")
                    .param(name).update();
            setOneTimePassword(name, password);
        }
        event(name, "RECOVERED", "hub start-up", detail);
        return password;
    }

    // ---- helpers ----

    private void setOneTimePassword(String username, String password) {
        jdbc.sql("""
                        update staff_user set password_hash = ?, must_change_password = true, session_epoch = session_epoch + 1,
                               updated_at = now()
                        where username = ?""")
                .params(encoder.encode(password), username).update();
    }

    private Account locked(String username) {
        String name = normalized(username);
        jdbc.sql("select username from staff_user where username = ? for update").param(name).query(String.class).optional()
                .orElseThrow(() -> new Refused(Refused.Reason.NOT_FOUND, "no staff account " + username, username));
        return get(name);
    }

    /**
     * Refuses when {@code admin} is the only active ADMIN. The active admins' rows are locked first, so two admins
     * removing each other at the same moment cannot both succeed.
     */
    private void refuseLastAdmin(Account admin, String what) {
        List<String> admins = jdbc.sql("select username from staff_user where role = 'ADMIN' and active for update")
                .query(String.class).list();
        if (admin.active() && admins.size() <= 1 && admins.contains(admin.username())) {
            throw new Refused(Refused.Reason.LAST_ADMIN, admin.username() + " is the last active admin and cannot be " + what
                    + "; make another account an admin first", admin.username());
        }
    }

    private static Details valid(Details d, boolean creating) {
        if (d == null) {
            d = new Details(null, null, null, null, null, null);
        }
        String role = d.role() == null ? null : d.role().strip().toUpperCase(Locale.ROOT);
        if (creating && (role == null || role.isEmpty())) {
            role = "AGENT";
        }
        if (role != null && !ROLES.contains(role)) {
            throw new Refused(Refused.Reason.ROLE_INVALID, "role must be AGENT, SUPERVISOR or ADMIN");
        }
        String language = trimmed(d.language());
        if (language != null && !language.isEmpty()) {
            language = language.toLowerCase(Locale.ROOT);
            if (!LANGUAGES.contains(language)) {
                throw new Refused(Refused.Reason.LANGUAGE_INVALID, "language must be zh or en, or empty for the browser's language");
            }
        }
        String zone = trimmed(d.timeZone());
        if (zone != null && !zone.isEmpty() && !ZoneId.getAvailableZoneIds().contains(zone)) {
            throw new Refused(Refused.Reason.TIME_ZONE_INVALID, "time zone '" + zone + "' is not an IANA time zone id such as "
                    + "Asia/Shanghai or Europe/Berlin", zone);
        }
        String phone = trimmed(d.phone());
        if (phone != null && !phone.isEmpty() && !PHONE.matcher(phone).matches()) {
            throw new Refused(Refused.Reason.PHONE_INVALID, "phone: digits, spaces and + ( ) - . / only, e.g. +86 21 5555 0100 "
                    + "or 8021 for an extension");
        }
        String displayName = cleaned(d.displayName(), 120, Refused.Reason.NAME_TOO_LONG, "display name");
        String team = cleaned(d.team(), 64, Refused.Reason.TEAM_TOO_LONG, "team");
        if (creating) {
            return new Details(blankToNull(displayName), role, blankToNull(team), blankToNull(language), blankToNull(zone),
                    blankToNull(phone));
        }
        return new Details(displayName, role, team, language, zone, phone);
    }

    private static String cleaned(String value, int max, Refused.Reason tooLong, String field) {
        if (value == null) {
            return null;
        }
        String v = value.strip().replaceAll("\\p{Cntrl}", "");
        if (v.codePointCount(0, v.length()) > max) {
            throw new Refused(tooLong, field + ": at most " + max + " characters", max);
        }
        return v;
    }

    private static String changes(Account before, Account after) {
        List<String> changed = new ArrayList<>();
        compare(changed, "display name", before.displayName(), after.displayName());
        compare(changed, "role", before.role(), after.role());
        compare(changed, "team", before.team(), after.team());
        compare(changed, "language", before.language(), after.language());
        compare(changed, "time zone", before.timeZone(), after.timeZone());
        compare(changed, "phone", before.phone(), after.phone());
        return String.join(", ", changed);
    }

    private static void compare(List<String> changed, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            changed.add(field + " " + (before == null ? "-" : before) + " → " + (after == null ? "-" : after));
        }
    }

    private void event(String username, String action, String actor, String detail) {
        jdbc.sql("insert into staff_event (username, action, actor, detail) values (?, ?, ?, ?)")
                .params(username, action, actor == null ? "?" : actor, detail).update();
    }

    /** Four groups of four, e.g. {@code k7mq-x3dp-9fwe-tn2h}: about 79 bits, and it meets {@link PasswordRules}. */
    static String oneTimePassword(String username) {
        while (true) {
            StringBuilder password = new StringBuilder(19);
            for (int i = 0; i < 16; i++) {
                if (i > 0 && i % 4 == 0) {
                    password.append('-');
                }
                password.append(OTP_ALPHABET[RANDOM.nextInt(OTP_ALPHABET.length)]);
            }
            if (PasswordRules.check(username, password.toString()).isEmpty()) {
                return password.toString();
            }
        }
    }

    private static String normalized(String username) {
        return username == null ? "" : username.strip();
    }

    private static String trimmed(String value) {
        return value == null ? null : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

}
