package io.contacthub.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.descriptor.ChannelDescriptor;
import io.contacthub.http.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

/** What the channel declares from its settings, and what its door refuses before any work, without Spring. */
class WebhookChannelDescriptorTest {

    @Test
    void withoutSourcesTheChannelStillExistsButAnswersNowhereAndEveryPostIs404() throws Exception {
        WebhookSettings none = settings(Map.of());
        ChannelDescriptor channel = new WebhookChannel().webhookChannelDescriptor(none);
        assertThat(channel.name()).isEqualTo("WEBHOOK");
        assertThat(channel.label(false)).isEqualTo("Webhook");
        assertThat(channel.label(true)).isEqualTo("第三方接入");
        assertThat(channel.identityKinds()).isEmpty();
        assertThat(channel.answer().byItself()).isFalse();
        assertThat(channel.sameSenderWindow()).isEqualTo(Duration.ofHours(72));

        assertThat(status(controller(none), "shop", "{}")).isEqualTo(404);
    }

    @Test
    void onlyKindsTheSourcesDeclareAndAnswerByPostAreAddressedOnTheChannel() {
        Map<String, WebhookSettings.Source> sources = new LinkedHashMap<>();
        sources.put("shop", source("SHOP_BUYER", true, "https://shop.example.com/replies"));
        sources.put("carrier", source("CARRIER_ACCOUNT", true, null));              // no reply-url
        sources.put("telco", source("PHONE", false, "https://telco.example.com/replies")); // vouches for phones
        ChannelDescriptor channel = new WebhookChannel().webhookChannelDescriptor(settings(sources));
        assertThat(channel.identityKinds()).containsExactly("SHOP_BUYER", "CARRIER_ACCOUNT", "PHONE");
        assertThat(channel.answer().outbound()).isEqualTo("WEBHOOK");
        assertThat(channel.answer().addressed()).as("a phone number is texted, never handed to a source's system")
                .containsExactly("SHOP_BUYER");
    }

    @Test
    void aSourceWithoutASecretAnswers503AndATooLargeBody413BeforeAnySignatureIsChecked() throws Exception {
        WebhookSettings settings = settings(Map.of("off", new WebhookSettings.Source(null, null, null, null, "OFF_KIND",
                        new WebhookSettings.Labels("关", "Off"), null, null, null, null, null, null),
                "small", new WebhookSettings.Source("small-secret-0123456789", null, null, null, "SMALL_KIND",
                        new WebhookSettings.Labels("小", "Small"), null, null, null, null, null, DataSize.ofBytes(10))));
        assertThat(status(controller(settings), "off", "{}")).isEqualTo(503);
        assertThat(status(controller(settings), "small", "{\"id\": \"more than ten bytes\"}")).isEqualTo(413);
        assertThat(status(controller(settings), "small", "{}")).as("unsigned").isEqualTo(401);
    }

    /** The status the door answers: refusals are problems the web layer writes (RFC 9457). */
    private static int status(WebhookController controller, String source, String body) throws Exception {
        try {
            return controller.receive(source, post(body)).getStatusCode().value();
        } catch (ApiProblem problem) {
            return problem.getStatusCode().value();
        }
    }

    private static WebhookController controller(WebhookSettings settings) {
        // nothing past the refusals is reached, so intake, queries and catalog are not needed
        return new WebhookController(settings, new WebhookMapper(new ObjectMapper()), null, null, null);
    }

    private static MockHttpServletRequest post(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/in/x");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    private static WebhookSettings settings(Map<String, WebhookSettings.Source> sources) {
        return new WebhookSettings(DataSize.ofKilobytes(64), Duration.ofHours(72), true, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), sources);
    }

    private static WebhookSettings.Source source(String kind, boolean declared, String replyUrl) {
        return new WebhookSettings.Source("secret-0123456789abcdef", null, null, null, kind,
                declared ? new WebhookSettings.Labels("某", "Some") : null, null, replyUrl, List.of(), null, null, null);
    }
}
