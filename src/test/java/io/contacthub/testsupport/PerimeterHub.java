package io.contacthub.testsupport;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The hub behind a reverse proxy, as the perimeter tests attack it: real embedded PostgreSQL, HTTP
 * on a random port, 127.0.0.1 the one trusted proxy (so a test is any client it likes by writing
 * X-Forwarded-For from there), 127.0.0.2 an untrusted peer, and small public budgets (5 a minute per
 * client), and two staff endpoints that fail like bugs do ({@link PerimeterFaults}). No mailboxes
 * or Twilio: the web perimeter only. Every test uses client addresses of its
 * own ({@link #newClient()}), so budgets and sign-in counters never leak between tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(PerimeterFaults.class)
public abstract class PerimeterHub {

    public static final String ADMIN_PASSWORD = "perimeter-hub-sign-in-2026";
    public static final int PER_CLIENT_PER_MINUTE = 5;
    public static final String UNTRUSTED_PEER = "127.0.0.2";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected PasswordEncoder encoder;

    @DynamicPropertySource
    static void perimeter(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> Path.of("target", "test-data", "perimeter-" + UUID.randomUUID()).toString());
        registry.add("hub.admin-password", () -> ADMIN_PASSWORD);
        registry.add("hub.web.trusted-proxies", () -> "127.0.0.1, ::1");
        registry.add("hub.web.rate-limit-per-minute", () -> String.valueOf(PER_CLIENT_PER_MINUTE));
        registry.add("hub.web.global-rate-limit-per-minute", () -> "100000");
    }

    /** admin has signed in from the proxy's own address before: it is a known address for the account. */
    @BeforeEach
    void adminKnownAtTheProxyAddress() {
        RawHttp.Response answer = http().basic("admin", ADMIN_PASSWORD).get("/api/tickets");
        if (answer.status() != 200) {
            throw new AssertionError("admin cannot sign in: " + answer);
        }
    }

    /** Requests from the trusted proxy, without a client behind it. */
    protected RawHttp http() {
        return RawHttp.to(port);
    }

    /** Requests from a client of this test's own behind the trusted proxy. */
    protected RawHttp client(String address) {
        return RawHttp.to(port).forwardedFor(address);
    }

    /** A client address no other test uses (TEST-NET-2/3 and 10/8 are never real customers). */
    protected static String newClient() {
        int n = CLIENTS.incrementAndGet();
        return "10.77." + (n / 250) + "." + (n % 250 + 1);
    }

    /** A staff account of the given role with the password "right-password-123". */
    protected String staffUser(String role) {
        String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into staff_user (username, password_hash, role) values (?, ?, ?)")
                .params(name, encoder.encode("right-password-123"), role).update();
        return name;
    }

    protected static String message(String email) {
        return "{\"email\": \"" + email + "\", \"subject\": \"perimeter\", \"body\": \"hello\"}";
    }
}
