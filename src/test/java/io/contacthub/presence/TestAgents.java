package io.contacthub.presence;

import io.contacthub.web.console.FormSession;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Staff accounts for presence and call tests: each test makes its own agents, with a known password. */
public final class TestAgents {

    public static final String PASSWORD = "agent-password-2026";

    private TestAgents() {
    }

    /** A new active agent (no one-time password to change), optionally with a call address. */
    public static String create(JdbcClient jdbc, PasswordEncoder encoder, String callAddress) {
        String name = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into staff_user (username, password_hash, role, display_name, call_address) values (?, ?, 'AGENT', ?, ?)")
                .params(name, encoder.encode(PASSWORD), "Agent " + name.substring(6), callAddress).update();
        return name;
    }

    public static FormSession signIn(int port, String username) throws Exception {
        FormSession session = new FormSession(port);
        String landed = session.signIn("/login", username, PASSWORD);
        if (!landed.endsWith("/console")) {
            throw new AssertionError(username + " could not sign in: " + landed);
        }
        return session;
    }

    /** Everyone this test made AWAY again, so no later test finds them available. */
    public static void away(JdbcClient jdbc, String... usernames) {
        for (String u : usernames) {
            jdbc.sql("update agent_presence set status = 'AWAY', on_call = false where username = ?").param(u).update();
        }
    }
}
