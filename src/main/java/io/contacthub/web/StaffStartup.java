package io.contacthub.web;

import io.contacthub.config.HubSettings;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The staff accounts at start-up.
 * <ol>
 *   <li><b>First start</b> (no ADMIN account): the account {@code admin} is made with {@code HUB_ADMIN_PASSWORD},
 *       or with a one-time password printed once in the log. A printed one, or a HUB_ADMIN_PASSWORD that breaks
 *       {@link PasswordRules}, must be changed at the first sign-in.</li>
 *   <li><b>Every later start</b>: HUB_ADMIN_PASSWORD is not applied (the admin may have changed the password since,
 *       and a variable must not undo that). When it is set and is not {@code admin}'s password, the log says so, with
 *       how to recover a lost admin password.</li>
 *   <li><b>Recovery</b> ({@code --hub.recover-admin[=name]} or {@code HUB_RECOVER_ADMIN}, default name {@code admin}):
 *       that account becomes an active ADMIN (made if missing) with a one-time password printed once in the log; it
 *       must be changed at the first sign-in, and the account's sessions end. It happens on every start the setting
 *       is given, so it is meant for one start: remove it afterwards.</li>
 * </ol>
 */
@Component
class StaffStartup {

    private static final Logger log = LoggerFactory.getLogger(StaffStartup.class);

    static final String RECOVER = "hub.recover-admin";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final StaffDirectory directory;
    private final String adminPassword;
    private final Environment environment;

    StaffStartup(JdbcClient jdbc, PasswordEncoder encoder, StaffDirectory directory, HubSettings hub, Environment environment) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.directory = directory;
        this.adminPassword = hub.adminPassword();
        this.environment = environment;
    }

    @EventListener(ContextRefreshedEvent.class)
    void atStart() {
        boolean firstStart = !jdbc.sql("select exists (select 1 from staff_user where role = 'ADMIN')").query(Boolean.class).single();
        if (firstStart) {
            createFirstAdmin();
        } else if (!adminPassword.isBlank()) {
            warnAdminPasswordNotApplied();
        }
        recoverTo().ifPresent(this::recover);
    }

    private void createFirstAdmin() {
        boolean generated = adminPassword.isBlank();
        String password = generated ? StaffDirectory.oneTimePassword("admin") : adminPassword;
        Optional<PasswordRules.Problem> weak = generated ? Optional.empty() : PasswordRules.check("admin", password);
        boolean mustChange = generated || weak.isPresent();
        int made = jdbc.sql("""
                        insert into staff_user (username, password_hash, role, must_change_password) values ('admin', ?, 'ADMIN', ?)
                        on conflict do nothing""")
                .params(encoder.encode(password), mustChange).update();
        if (made == 0) {
            log.warn("First start: there is no ADMIN account, but an account 'admin' of another role exists; start once with "
                    + "--hub.recover-admin to make it an admin (README, \"Staff accounts\")");
            return;
        }
        jdbc.sql("insert into staff_event (username, action, actor, detail) values ('admin', 'CREATED', 'hub start-up', ?)")
                .param(generated ? "first start, one-time password printed in the log" : "first start, HUB_ADMIN_PASSWORD")
                .update();
        if (generated) {
            log.warn("""

                    ==============================================================
                     First start: staff account 'admin' created with the one-time password
                         {}
                     It is shown only this once. Sign in at /login and choose your own
                     password. (Set HUB_ADMIN_PASSWORD before the first start to choose it.)
                    ==============================================================""", password);
        } else if (weak.isPresent()) {
            log.warn("First start: staff account 'admin' created with the password from HUB_ADMIN_PASSWORD, which breaks the "
                    + "password rules ({}); it must be changed at the first sign-in", weak.get().text());
        } else {
            log.info("First start: staff account 'admin' created with the password from HUB_ADMIN_PASSWORD");
        }
    }

    private void warnAdminPasswordNotApplied() {
        Optional<String> hash = jdbc.sql("select password_hash from staff_user where username = 'admin'").query(String.class).optional();
        boolean matches = hash.isPresent() && adminPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 72
                && encoder.matches(adminPassword, hash.get());
        if (matches) {
            log.info("HUB_ADMIN_PASSWORD is set; it is used only on the first start (it matches the password of 'admin' now)");
            return;
        }
        log.warn("HUB_ADMIN_PASSWORD is set but was NOT applied: it is used only on the first start, when the account 'admin' "
                + "is created, and staff accounts exist already{}. Staff change their passwords at /console/password and admins "
                + "reset others' at /console/staff. To recover a lost admin password, start the hub once with "
                + "--hub.recover-admin (or HUB_RECOVER_ADMIN=admin): it prints a one-time password (README, \"Staff accounts\").",
                hash.isPresent() ? "" : " (none is called 'admin')");
    }

    private Optional<String> recoverTo() {
        String value = environment.getProperty(RECOVER);
        if (value == null || value.strip().equalsIgnoreCase("false")) {
            return Optional.empty();
        }
        String name = value.strip();
        return Optional.of(name.isEmpty() || name.equalsIgnoreCase("true") ? "admin" : name.toLowerCase(Locale.ROOT));
    }

    private void recover(String username) {
        String before = directory.find(username)
                .map(a -> "was " + a.role() + (a.active() ? "" : ", deactivated"))
                .orElse("did not exist");
        String password = directory.recoverAdmin(username, before);
        log.warn("""

                ==============================================================
                 {}: staff account '{}' ({}) is an active ADMIN with the one-time password
                     {}
                 It is shown only this once. Sign in at /login and choose a new password;
                 the account's other sessions have ended.
                 Remove {} now: every start with it sets a new password.
                ==============================================================""",
                RECOVER, username, before, password, RECOVER);
    }
}
