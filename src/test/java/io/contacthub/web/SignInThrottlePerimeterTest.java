package io.contacthub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.testsupport.PerimeterHub;
import io.contacthub.testsupport.RawHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is slowed on every door, per account and address, without letting a guesser
 * keep an account's owner out: over real HTTP, each client a different address behind the trusted
 * proxy.
 */
class SignInThrottlePerimeterTest extends PerimeterHub {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;,\\s]+)");

    @Test
    void guessingOverBasicIsAnswered429WithRetryAfterAfterFiveFailures() {
        String agent = staffUser("AGENT");
        String guesser = newClient();
        for (int i = 0; i < 5; i++) {
            assertThat(client(guesser).basic(agent, "guess-" + i).get("/api/tickets").status()).isEqualTo(401);
        }
        RawHttp.Response slowed = client(guesser).basic(agent, "right-password-123").get("/api/tickets");
        assertThat(slowed.status()).as("refused before the password is looked at").isEqualTo(429);
        assertThat(Integer.parseInt(slowed.header("Retry-After"))).isBetween(1, 30);
        assertThat(slowed.body()).contains("too many failed sign-ins");
        assertThat(client(guesser).basic(agent, "guess-again").get("/api/tickets").status()).isEqualTo(429);

        assertThat(client(newClient()).basic(agent, "right-password-123").get("/api/tickets").status())
                .as("the owner at another address").isEqualTo(200);
    }

    @Test
    void guessesOverBasicCountForTheConsoleFormAndTheOtherWayRound() {
        String agent = staffUser("AGENT");
        String guesser = newClient();
        for (int i = 0; i < 5; i++) {
            client(guesser).basic(agent, "guess-" + i).get("/api/tickets");
        }
        assertThat(signIn("/login", guesser, agent, "right-password-123")).endsWith("/login?locked");

        String other = staffUser("AGENT");
        String formGuesser = newClient();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("/login", formGuesser, other, "guess-" + i)).endsWith("/login?error");
        }
        assertThat(client(formGuesser).basic(other, "right-password-123").get("/api/tickets").status()).isEqualTo(429);
    }

    @Test
    void wrongConsolePasswordsFromOneAddressDoNotLockTheAccountAtAnother() {
        String agent = staffUser("AGENT");
        String guesser = newClient();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("/login", guesser, agent, "wrong-" + i)).endsWith("/login?error");
        }
        assertThat(signIn("/login", guesser, agent, "right-password-123")).endsWith("/login?locked");
        assertThat(signIn("/login", newClient(), agent, "right-password-123")).endsWith("/console");
        // nor other accounts at the guesser's address: 5 failures are far from the address' own budget
        assertThat(signIn("/login", guesser, staffUser("AGENT"), "right-password-123")).endsWith("/console");
    }

    @Test
    void guessersEverywhereCannotKeepAdminOutAtAnAddressAdminSignedInFromBefore() {
        String office = newClient();
        assertThat(signIn("/login", office, "admin", ADMIN_PASSWORD)).endsWith("/console");
        // a botnet: four addresses, five wrong passwords each, then refused
        for (int bot = 0; bot < 4; bot++) {
            String address = newClient();
            for (int i = 0; i < 5; i++) {
                assertThat(signIn("/login", address, "admin", "wrong-" + bot + "-" + i)).endsWith("/login?error");
            }
            assertThat(signIn("/login", address, "admin", "wrong-again")).endsWith("/login?locked");
        }
        assertThat(signIn("/login", office, "admin", ADMIN_PASSWORD)).as("admin at the office").endsWith("/console");
        assertThat(client(office).basic("admin", ADMIN_PASSWORD).get("/api/tickets").status()).isEqualTo(200);
        // 20 failures against admin from everywhere: an address admin never used is slowed for everyone
        // (the price of slowing a botnet), the office is not
        assertThat(signIn("/login", newClient(), "admin", ADMIN_PASSWORD)).endsWith("/login?locked");
    }

    @Test
    void portalFailuresDoNotCountAgainstTheConsole() {
        String address = newClient();
        for (int i = 0; i < 20; i++) { // the portal's budget for one address, many member names
            assertThat(signIn("/portal/login", address, "member-" + UUID.randomUUID(), "guess")).endsWith("/portal/login?error");
        }
        assertThat(signIn("/portal/login", address, "member-" + UUID.randomUUID(), "guess"))
                .as("the portal counter did trip").endsWith("/portal/login?locked");
        assertThat(signIn("/login", address, staffUser("AGENT"), "right-password-123")).endsWith("/console");
        assertThat(client(address).basic(staffUser("AGENT"), "right-password-123").get("/api/tickets").status()).isEqualTo(200);
    }

    /** A browser's sign-in from {@code client}: the form page (session, CSRF token), then the post. @return Location */
    private String signIn(String loginPath, String client, String user, String password) {
        RawHttp.Response page = client(client).get(loginPath);
        Matcher token = CSRF.matcher(page.body());
        Matcher session = SESSION.matcher(String.valueOf(page.header("Set-Cookie")));
        assertThat(token.find()).as("CSRF token on " + loginPath).isTrue();
        assertThat(session.find()).as("session cookie from " + loginPath).isTrue();
        String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
        RawHttp.Response answer = client(client).header("Cookie", "JSESSIONID=" + session.group(1))
                .send("POST", loginPath, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        return answer.header("Location");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
