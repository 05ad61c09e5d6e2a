package io.contacthub.web;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Staff sign-in from the staff_user table (BCrypt hashes), for the console form and HTTP Basic alike. A deactivated
 * account loads as not enabled, so Spring Security refuses it whatever password is given. User names are stored
 * in lower case; what is typed is matched without regard to case and surrounding spaces. The first account is
 * made at the first start ({@link StaffStartup}); the rest by admins ({@link StaffDirectory}).
 */
@Component
class StaffAccounts implements UserDetailsService {

    /** What is checked against a session's sign-in on every console request. */
    record State(boolean active, int sessionEpoch, boolean mustChangePassword) {
    }

    /** Checked once the password is right: a deactivated account is refused (the console shows it as a failed sign-in). */
    static final UserDetailsChecker AFTER_PASSWORD = user -> {
        if (!user.isEnabled()) {
            throw new DisabledException("account deactivated");
        }
    };

    private final JdbcClient jdbc;

    StaffAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UserDetails loadUserByUsername(String typed) {
        String name = typed == null ? "" : typed.strip();
        return jdbc.sql("""
                        select username, password_hash, role, active, session_epoch, must_change_password from staff_user
                        where lower(username) = lower(?) order by (username = ?) desc limit 1""")
                .params(name, name)
                .query((rs, n) -> (UserDetails) new StaffPrincipal(rs.getString(1), rs.getString(2), rs.getBoolean(4),
                        List.of(new SimpleGrantedAuthority("ROLE_" + rs.getString(3))), rs.getInt(5), rs.getBoolean(6)))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no staff account"));
    }

    Optional<State> state(String username) {
        return jdbc.sql("select active, session_epoch, must_change_password from staff_user where username = ?")
                .param(username)
                .query((rs, n) -> new State(rs.getBoolean(1), rs.getInt(2), rs.getBoolean(3)))
                .optional();
    }

    void signedIn(String username) {
        jdbc.sql("update staff_user set last_sign_in_at = now() where username = ?").param(username).update();
    }
}
