package io.contacthub.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.testsupport.PerimeterHub;
import io.contacthub.testsupport.RawHttp;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * POST /api/messages is limited on what Spring routes, however the path is spelled, and per client
 * as the trusted proxy names it: over real HTTP, with the bytes of the request target as an
 * attacker writes them.
 */
class IntakeLimitsPerimeterTest extends PerimeterHub {

    /** Spellings the hub must not serve at all, limited or not. */
    private static final String[] NOT_SERVED = {"/api%2Fmessages", "/api/messages/", "/api/messages;jsessionid=0F1E2D3C",
            "/api//messages", "//api/messages", "/API/messages", "/api/Messages", "/api/./messages", "/api/x/../messages",
            "/api/%2e/messages", "/api/messages%2F", "/api/messages%3Bx=1", "/api/messages.json"};

    @ParameterizedTest
    @ValueSource(strings = {"/api/%6Dessages", "/api/%6d%65%73%73%61%67%65%73", "/%61pi/messages"})
    void encodedSpellingIsServedButLimitedLikeThePlainPath(String spelling) {
        String client = newClient();
        assertThat(client(client).postJson(spelling, message(mail())).status()).as("Spring routes it").isEqualTo(202);
        for (int i = 1; i < PER_CLIENT_PER_MINUTE; i++) {
            assertThat(client(client).postJson("/api/messages", message(mail())).status()).isEqualTo(202);
        }
        RawHttp.Response refused = client(client).postJson(spelling, message(mail()));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(client(client).postJson("/api/messages", message(mail())).status()).isEqualTo(429);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/%6Dessages", "/api/%6d%65%73%73%61%67%65%73", "/%61pi/messages"})
    void encodedSpellingIsCappedAt64KiBLikeThePlainPath(String spelling) {
        String email = mail();
        String big = "{\"email\": \"" + email + "\", \"subject\": \"big\", \"body\": \"" + "x".repeat(70_000) + "\"}";
        RawHttp.Response answer = client(newClient()).postJson(spelling, big);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("larger than 65536 bytes");
    }

    @Test
    void spellingsSpringDoesNotRouteAreNeverAcceptedWithinOrOverTheBudget() {
        for (String spelling : NOT_SERVED) {
            String client = newClient();
            for (int i = 0; i <= PER_CLIENT_PER_MINUTE; i++) {
                RawHttp.Response answer = client(client).postJson(spelling, message(mail()));
                assertThat(answer.status()).as(spelling + " #" + i + ": " + answer.body()).isNotEqualTo(202)
                        .isGreaterThanOrEqualTo(400).isLessThan(500);
            }
            String big = "{\"body\": \"" + "x".repeat(70_000) + "\"}";
            assertThat(client(newClient()).postJson(spelling, big).status()).as(spelling).isNotEqualTo(202)
                    .isGreaterThanOrEqualTo(400).isLessThan(500);
        }
    }

    @Test
    void forgedForwardedForFromAnUntrustedPeerDoesNotEscapeTheLimit() {
        RawHttp untrusted = RawHttp.from(UNTRUSTED_PEER, port);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < PER_CLIENT_PER_MINUTE + 3; i++) {
            // a new "client" every time, in both headers a proxy might write
            RawHttp.Response answer = untrusted.header("X-Forwarded-For", "203.0.113." + (i + 1))
                    .header("Forwarded", "for=198.51.100." + (i + 1)).postJson("/api/messages", message(mail()));
            if (answer.status() == 202) {
                accepted++;
            } else {
                assertThat(answer.status()).isEqualTo(429);
                refused++;
            }
        }
        assertThat(accepted).as("the peer's own budget, whatever it claims").isLessThanOrEqualTo(PER_CLIENT_PER_MINUTE);
        assertThat(refused).isGreaterThanOrEqualTo(3);
    }

    @Test
    void clientNamedByTheTrustedProxyHasItsOwnBudget() {
        String first = newClient();
        for (int i = 0; i < PER_CLIENT_PER_MINUTE; i++) {
            assertThat(client(first).postJson("/api/messages", message(mail())).status()).isEqualTo(202);
        }
        assertThat(client(first).postJson("/api/messages", message(mail())).status()).isEqualTo(429);
        assertThat(client(newClient()).postJson("/api/messages", message(mail())).status())
                .as("another client behind the same proxy").isEqualTo(202);
    }

    @Test
    void whatTheClientWroteBeforeTheProxyAppendedItsAddressIsIgnored() {
        String real = newClient();
        for (int i = 0; i < PER_CLIENT_PER_MINUTE; i++) {
            // the client sends "X-Forwarded-For: <anything>", the proxy appends the real address
            RawHttp.Response answer = http().header("X-Forwarded-For", "192.0.2." + (i + 1) + ", " + real)
                    .postJson("/api/messages", message(mail()));
            assertThat(answer.status()).isEqualTo(202);
        }
        assertThat(http().header("X-Forwarded-For", "192.0.2.99, " + real).postJson("/api/messages", message(mail())).status())
                .isEqualTo(429);
    }

    private static String mail() {
        return "perimeter-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
