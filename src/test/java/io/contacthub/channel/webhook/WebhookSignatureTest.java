package io.contacthub.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The signature scheme, without Spring: GitHub's published test vector, and what is refused. */
class WebhookSignatureTest {

    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void signsLikeGitHubsDocumentedExample() {
        // docs.github.com, "Validating webhook deliveries": the same scheme, so integrators' libraries work as they are.
        assertThat(WebhookSignature.sign(SECRET, null, BODY))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void acceptsItsSignatureInEitherCaseOfHexAndRefusesAnyOther() {
        String signature = WebhookSignature.sign(SECRET, null, BODY);
        assertThat(WebhookSignature.matches(SECRET, null, BODY, signature)).isTrue();
        assertThat(WebhookSignature.matches(SECRET, null, BODY, "SHA256=" + signature.substring(7).toUpperCase())).isTrue();
        assertThat(WebhookSignature.matches(SECRET, null, "Hello, World?".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(WebhookSignature.matches("another secret", null, BODY, signature)).isFalse();
        assertThat(WebhookSignature.matches(SECRET, null, BODY, signature.substring(7))).as("no sha256= prefix").isFalse();
        assertThat(WebhookSignature.matches(SECRET, null, BODY, signature.substring(0, 40))).as("truncated").isFalse();
        assertThat(WebhookSignature.matches(SECRET, null, BODY, "sha256=zz")).isFalse();
        assertThat(WebhookSignature.matches(SECRET, null, BODY, "sha1=" + signature.substring(7))).isFalse();
    }

    @Test
    void aTimestampIsPartOfWhatIsSignedAndMustBeNearTheClock() {
        WebhookSettings.Source source = source("X-Timestamp");
        String now = String.valueOf(NOW.getEpochSecond());
        String signed = WebhookSignature.sign("test-secret-0123456789", now, BODY);
        assertThat(WebhookSignature.refusal(source, BODY, signed, now, NOW)).isNull();
        assertThat(WebhookSignature.refusal(source, BODY, signed, now, NOW.plus(Duration.ofMinutes(4)))).isNull();
        assertThat(WebhookSignature.refusal(source, BODY, signed, now, NOW.plus(Duration.ofMinutes(6))))
                .contains("X-Timestamp is 360 s away");
        String later = String.valueOf(NOW.getEpochSecond() + 1);
        assertThat(WebhookSignature.refusal(source, BODY, signed, later, NOW)).as("timestamp changed after signing")
                .isEqualTo("invalid X-Hub-Signature-256");
        assertThat(WebhookSignature.refusal(source, BODY, signed, null, NOW)).isEqualTo("missing X-Timestamp header");
        assertThat(WebhookSignature.refusal(source, BODY, WebhookSignature.sign("test-secret-0123456789", null, BODY), now, NOW))
                .as("signed without the timestamp").isEqualTo("invalid X-Hub-Signature-256");
    }

    @Test
    void withoutATimestampHeaderOnlyTheBodyIsSigned() {
        WebhookSettings.Source source = source(null);
        String signed = WebhookSignature.sign("test-secret-0123456789", null, BODY);
        assertThat(WebhookSignature.refusal(source, BODY, signed, "12345", NOW)).as("a stray timestamp header is ignored").isNull();
        assertThat(WebhookSignature.refusal(source, BODY, null, null, NOW)).isEqualTo("missing X-Hub-Signature-256 header");
        assertThat(WebhookSignature.refusal(source, BODY, " ", null, NOW)).isEqualTo("missing X-Hub-Signature-256 header");
    }

    private static WebhookSettings.Source source(String timestampHeader) {
        return new WebhookSettings.Source("test-secret-0123456789", null, timestampHeader, null, "SHOP_BUYER", null, null, null, null,
                null, null, null);
    }
}
