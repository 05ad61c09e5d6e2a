package io.contacthub.channel.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.contacthub.notify.ChannelSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Answers POSTed to a source's reply-url, against a WireMock integrator, without Spring: signed, classified, bounded. */
class WebhookReplySenderTest {

    private static final String SECRET = "reply-test-secret-0123456789";
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static WireMockServer integrator;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        integrator = new WireMockServer(wireMockConfig().dynamicPort());
        integrator.start();
    }

    @AfterAll
    static void stop() {
        integrator.stop();
    }

    @Test
    void anAnswerIsPostedAsSignedJsonAndTheIntegratorsIdIsTheProviderId() throws Exception {
        String path = path();
        integrator.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(201).withBody("{\"id\": \"msg-77\"}")));
        String providerId = sender(path, null).send(notification(7, "SHOP_BUYER"));
        assertThat(providerId).isEqualTo("msg-77");

        LoggedRequest request = only(path);
        assertThat(request.getHeader("X-Hub-Signature-256")).isEqualTo(WebhookSignature.sign(SECRET, null, request.getBody()));
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("contact-hub-notification-7");
        JsonNode body = json.readTree(request.getBody());
        assertThat(body.path("source").asText()).isEqualTo("shop");
        assertThat(body.path("notificationId").asLong()).isEqualTo(7);
        assertThat(body.path("ticket").asText()).isEqualTo("CH-000007");
        assertThat(body.path("reference").asText()).isEqualTo("[#CH-000007]");
        assertThat(body.at("/recipient/kind").asText()).isEqualTo("SHOP_BUYER");
        assertThat(body.at("/recipient/id").asText()).isEqualTo("buyer-7");
        assertThat(body.path("template").asText()).isEqualTo("reply");
        assertThat(body.path("language").asText()).isEqualTo("zh");
        assertThat(body.path("text").asText()).isEqualTo("您好，已补发。");
    }

    @Test
    void aSourceWithATimestampHeaderGetsItOnAnswersTooAndTheSignatureCoversIt() throws Exception {
        String path = path();
        integrator.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
        assertThat(sender(path, "X-Hub-Timestamp").send(notification(8, "SHOP_BUYER"))).isEqualTo("shop: HTTP 204");
        LoggedRequest request = only(path);
        String timestamp = String.valueOf(NOW.getEpochSecond());
        assertThat(request.getHeader("X-Hub-Timestamp")).isEqualTo(timestamp);
        assertThat(request.getHeader("X-Hub-Signature-256")).isEqualTo(WebhookSignature.sign(SECRET, timestamp, request.getBody()));
    }

    @Test
    void serverErrorsThrottlingAndTimeoutsAreRetriedOtherRefusalsAreNot() {
        assertFailure(500, true);
        assertFailure(503, true);
        assertFailure(429, true);
        assertFailure(408, true);
        assertFailure(400, false);
        assertFailure(404, false);
        assertFailure(302, false); // redirects are not followed

        String slow = path();
        integrator.stubFor(post(urlPathEqualTo(slow)).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        assertThatThrownBy(() -> sender(slow, null).send(notification(9, "SHOP_BUYER")))
                .isInstanceOfSatisfying(ChannelSender.SendFailure.class, f -> assertThat(f.retryable()).isTrue())
                .hasMessageContaining("no answer");
    }

    @Test
    void aRecipientOfAKindNoSourceAnswersIsRefusedWithoutAPost() {
        String path = path();
        assertThatThrownBy(() -> sender(path, null).send(notification(10, "OTHER_KIND")))
                .isInstanceOfSatisfying(ChannelSender.SendFailure.class, f -> assertThat(f.retryable()).isFalse())
                .hasMessageContaining("answers identity kind OTHER_KIND");
        assertThat(integrator.findAll(postRequestedFor(urlPathEqualTo(path)))).isEmpty();
    }

    @Test
    void itIsConfiguredOnlyWhenASourceAnswersByPost() {
        assertThat(sender(path(), null).notConfiguredReason()).isNull();
        WebhookSettings noReplyUrl = settings(Map.of("feed", new WebhookSettings.Source(SECRET, null, null, null, "FEED_KIND",
                new WebhookSettings.Labels("源", "Feed"), null, null, List.of(), null, null, null)));
        assertThat(new WebhookReplySender(noReplyUrl, json).notConfiguredReason()).contains("reply-url");
    }

    private void assertFailure(int status, boolean retryable) {
        String path = path();
        integrator.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status).withHeader("Location", "/elsewhere")));
        assertThatThrownBy(() -> sender(path, null).send(notification(11, "SHOP_BUYER")))
                .as("HTTP %d", status)
                .isInstanceOfSatisfying(ChannelSender.SendFailure.class, f -> assertThat(f.retryable()).as("HTTP %d", status)
                        .isEqualTo(retryable))
                .hasMessageContaining("HTTP " + status);
    }

    private WebhookReplySender sender(String path, String timestampHeader) {
        Map<String, WebhookSettings.Source> sources = new LinkedHashMap<>();
        sources.put("shop", new WebhookSettings.Source(SECRET, null, timestampHeader, null, "SHOP_BUYER",
                new WebhookSettings.Labels("买家", "Buyer"), null, integrator.baseUrl() + path, List.of(), null, null, null));
        return new WebhookReplySender(settings(sources), json, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static WebhookSettings settings(Map<String, WebhookSettings.Source> sources) {
        return new WebhookSettings(DataSize.ofKilobytes(64), Duration.ofHours(72), true, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), sources);
    }

    private static ChannelSender.PendingNotification notification(long id, String kind) {
        return new ChannelSender.PendingNotification(id, "buyer-" + id, "reply", null, "您好，已补发。", null, null, "zh", 0, kind,
                "CH-00000" + id);
    }

    private static String path() {
        return "/replies/" + UUID.randomUUID();
    }

    private static LoggedRequest only(String path) {
        List<LoggedRequest> requests = integrator.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
