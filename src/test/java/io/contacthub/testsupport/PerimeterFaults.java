package io.contacthub.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Two staff endpoints that fail the way a bug does: an exception with internals in its text, and a real database error. */
@TestConfiguration(proxyBeanMethods = false)
public class PerimeterFaults {

    public static final String SECRET = "secret internals: select password_hash from staff_user";

    /** Registered as a member of this configuration: only contexts that import it have these endpoints. */
    @RestController
    static class Faults {
        private final JdbcClient jdbc;

        Faults(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @GetMapping("/api/test-faults/crash")
        String crash() {
            throw new IllegalStateException(SECRET);
        }

        @GetMapping("/api/test-faults/database")
        String database() {
            return jdbc.sql("select password_hash from no_such_table where username = 'admin'").query(String.class).single();
        }
    }
}
