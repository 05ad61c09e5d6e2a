package io.contacthub.web;

import io.contacthub.config.HubSettings;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Staff sign-in from the staff_user table (BCrypt hashes). On first start the account
 * {@code admin} is created with HUB_ADMIN_PASSWORD, or with a random password printed once.
 */
@Component
class StaffAccounts implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(StaffAccounts.class);

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final String adminPassword;

    @Autowired
    StaffAccounts(JdbcClient jdbc, PasswordEncoder encoder, HubSettings hub) {
        this(jdbc, encoder, hub.adminPassword());
    }

    StaffAccounts(JdbcClient jdbc, PasswordEncoder encoder, String adminPassword) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.adminPassword = adminPassword;
    }

    @EventListener(ContextRefreshedEvent.class)
    void createFirstAdmin() {
        boolean hasAdmin = jdbc.sql("select count(*) from staff_user where role = 'ADMIN'").query(Long.class).single() > 0;
        if (hasAdmin) {
            return;
        }
        String password = adminPassword;
        boolean generated = password == null || password.isBlank();
        if (generated) {
            byte[] random = new byte[15];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        jdbc.sql("insert into staff_user (username, password_hash, role) values ('admin', ?, 'ADMIN') on conflict do nothing")
                .param(encoder.encode(password)).update();
        if (generated) {
            log.warn("""

                    ==============================================================
                     First start: staff account 'admin' created with password
                         {}
                     It is shown only this once. Set HUB_ADMIN_PASSWORD to choose it.
                    ==============================================================""", password);
        } else {
            log.info("First start: staff account 'admin' created with the password from HUB_ADMIN_PASSWORD");
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("select username, password_hash, role from staff_user where username = ?")
                .param(username)
                .query((rs, n) -> User.withUsername(rs.getString(1)).password(rs.getString(2))
                        .authorities(List.of(new SimpleGrantedAuthority("ROLE_" + rs.getString(3)))).build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }
}
