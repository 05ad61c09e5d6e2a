package io.contacthub.channel.webhook;

import static io.contacthub.config.SettingsTesting.messages;
import static io.contacthub.config.SettingsTesting.metadata;
import static io.contacthub.config.SettingsTesting.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code hub.webhook-in}: shipped defaults, a source's defaults, and a bad value stops the start naming its property. */
class WebhookSettingsTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(WebhookConfiguration.class)
            .withPropertyValues("hub.webhook-in.max-body-bytes=1MB", "hub.webhook-in.thread-window=72h",
                    "hub.webhook-in.acknowledge=true", "hub.webhook-in.attachment-connect-timeout=10s",
                    "hub.webhook-in.attachment-timeout=30s", "hub.webhook-in.reply-timeout=15s");

    private static final String SHOP = "hub.webhook-in.sources.shop.";

    @Test
    void theShippedDefaultsHaveNoSources() {
        WebhookSettings settings = shipped("hub.webhook-in", WebhookSettings.class);
        assertThat(settings.sources()).isEmpty();
        assertThat(settings.maxBodyBytes().toMegabytes()).isEqualTo(1);
        assertThat(settings.threadWindow()).isEqualTo(Duration.ofHours(72));
        assertThat(settings.acknowledge()).isTrue();
        assertThat(settings.attachmentTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.replyTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aSourceGetsTheDocumentedDefaults() {
        hub.withPropertyValues(SHOP + "secret=0123456789abcdef", SHOP + "identity-kind=shop_buyer",
                SHOP + "identity-labels.zh=买家", SHOP + "identity-labels.en=Buyer", SHOP + "fields.text=/message/content",
                SHOP + "reply-url=https://shop.example.com/replies", SHOP + "attachment-hosts=cdn.shop.example,http://files.local:8080")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    WebhookSettings.Source shop = context.getBean(WebhookSettings.class).source("SHOP").orElseThrow();
                    assertThat(shop.identityKind()).isEqualTo("SHOP_BUYER");
                    assertThat(shop.signatureHeader()).isEqualTo("X-Hub-Signature-256");
                    assertThat(shop.timestampHeader()).isNull();
                    assertThat(shop.timestampTolerance()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(shop.fields().id()).isEqualTo("/id");
                    assertThat(shop.fields().senderId()).isEqualTo("/sender/id");
                    assertThat(shop.fields().text()).isEqualTo("/message/content");
                    assertThat(shop.fields().attachmentBase64()).isEqualTo("/base64");
                    assertThat(shop.maxAttachmentBytes().toMegabytes()).isEqualTo(10);
                    assertThat(shop.maxAttachments()).isEqualTo(10);
                    assertThat(shop.hostRules()).hasSize(2);
                    assertThat(shop.answersByPost()).isTrue();
                    assertThat(shop.toString()).as("the secret never shows").doesNotContain("0123456789abcdef");
                });
    }

    @Test
    void aBadSourceStopsStartUpNamingTheProperty() {
        fails("a source needs an identity kind", SHOP + "identity-kind", SHOP + "secret=0123456789abcdef");
        fails("a short secret", SHOP + "secret must be at least 16 characters", SHOP + "secret=short", SHOP + "identity-kind=X");
        fails("a pointer that is no JSON Pointer", SHOP + "fields.text must be a JSON Pointer", SHOP + "identity-kind=X",
                SHOP + "fields.text=message.text");
        fails("a relative reply URL", SHOP + "reply-url must be an absolute http(s) URL", SHOP + "identity-kind=X",
                SHOP + "reply-url=/replies");
        fails("an attachment host with a path", SHOP + "attachment-hosts[1]", SHOP + "identity-kind=X",
                SHOP + "attachment-hosts=cdn.example.com,cdn.example.com/files");
        fails("labels for a built-in kind", SHOP + "identity-labels: PHONE is built into the hub", SHOP + "identity-kind=PHONE",
                SHOP + "identity-labels.zh=电话", SHOP + "identity-labels.en=Phone");
        fails("the portal's login kind", SHOP + "identity-kind: LOGIN", SHOP + "identity-kind=LOGIN");
        fails("a source name that cannot be a path segment", "a source name is 1-32 lower-case letters",
                "hub.webhook-in.sources.[my shop].identity-kind=X");
        fails("two sources of one kind", "hub.webhook-in.sources.other.identity-kind: X is already the identity kind of source shop",
                SHOP + "identity-kind=X", "hub.webhook-in.sources.other.identity-kind=X");
        fails("a negative window", "hub.webhook-in.thread-window", "hub.webhook-in.thread-window=-1h");
        fails("a zero timeout", "hub.webhook-in.reply-timeout", "hub.webhook-in.reply-timeout=0s");
    }

    @Test
    void theSettingsAreInTheGeneratedMetadataForIdes() {
        assertThat(metadata()).containsKeys("hub.webhook-in.max-body-bytes", "hub.webhook-in.thread-window",
                "hub.webhook-in.acknowledge", "hub.webhook-in.attachment-timeout", "hub.webhook-in.reply-timeout",
                "hub.webhook-in.sources");
    }

    private void fails(String what, String expected, String... properties) {
        hub.withPropertyValues(properties).run(context -> {
            assertThat(context).as(what).hasFailed();
            assertThat(messages(context.getStartupFailure())).as(what).contains(expected);
        });
    }

    // Not a @Configuration: component scanning of a hub started in a test must not pick it up.
    @EnableConfigurationProperties(WebhookSettings.class)
    static class WebhookConfiguration {
    }
}
