package io.contacthub.twilio;

import static io.contacthub.config.SettingsTesting.messages;
import static io.contacthub.config.SettingsTesting.metadata;
import static io.contacthub.config.SettingsTesting.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** {@code hub.twilio}: shipped defaults, and a bad value stops the start naming its property. */
class TwilioSettingsTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(TwilioConfiguration.class)
            .withPropertyValues("hub.twilio.api-url=https://api.twilio.com", "hub.twilio.api-timeout=20s",
                    "hub.twilio.max-body-bytes=65536", "hub.twilio.max-media-bytes=10MB",
                    "hub.twilio.media-connect-timeout=10s", "hub.twilio.media-timeout=30s");

    @Test
    void theShippedDefaultsBind() {
        TwilioSettings shipped = shipped("hub.twilio", TwilioSettings.class);
        assertThat(shipped.authToken()).isEmpty();
        assertThat(shipped.accountSid()).isEmpty();
        assertThat(shipped.apiUrl()).isEqualTo("https://api.twilio.com");
        assertThat(shipped.apiTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(shipped.maxBodyBytes()).isEqualTo(DataSize.ofBytes(65536));
        assertThat(shipped.maxMediaBytes()).isEqualTo(DataSize.ofMegabytes(10));
        assertThat(shipped.mediaConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(shipped.mediaTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(shipped.mediaHosts()).isEqualTo(TwilioSettings.TWILIO_MEDIA_HOSTS);
    }

    @Test
    void aValidConfigurationStartsAndListsAreCommaSeparatedOrIndexed() {
        hub.withPropertyValues("hub.twilio.media-hosts=media.example.com, *.example.net", "hub.twilio.max-body-bytes=128KB")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    TwilioSettings settings = context.getBean(TwilioSettings.class);
                    assertThat(settings.mediaHosts()).containsExactly("media.example.com", "*.example.net");
                    assertThat(settings.maxBodyBytes().toBytes()).isEqualTo(131072);
                });
    }

    @Test
    void aZeroMediaTimeoutStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.twilio.media-timeout=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.twilio.media-timeout", "above zero");
        });
    }

    @Test
    void aMissingApiTimeoutStopsStartUpNamingTheProperty() {
        new ApplicationContextRunner().withUserConfiguration(TwilioConfiguration.class)
                .withPropertyValues("hub.twilio.api-url=https://api.twilio.com", "hub.twilio.max-body-bytes=65536",
                        "hub.twilio.max-media-bytes=10MB", "hub.twilio.media-connect-timeout=10s", "hub.twilio.media-timeout=30s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    // Nothing was set, so there is no origin to show: the record component is named under its prefix.
                    assertThat(messages(context.getStartupFailure())).contains("hub.twilio", "apiTimeout", "above zero");
                });
    }

    @Test
    void aRelativeApiUrlStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.twilio.api-url=api.twilio.com").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.twilio.api-url", "absolute http(s) URL");
        });
    }

    @Test
    void aNegativeBodyLimitStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.twilio.max-body-bytes=-1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.twilio.max-body-bytes");
        });
    }

    @Test
    void theSettingsAreInTheGeneratedMetadataForIdes() {
        assertThat(metadata()).containsKeys("hub.twilio.auth-token", "hub.twilio.account-sid", "hub.twilio.api-url",
                "hub.twilio.api-timeout", "hub.twilio.max-body-bytes", "hub.twilio.max-media-bytes",
                "hub.twilio.media-connect-timeout", "hub.twilio.media-timeout", "hub.twilio.media-hosts");
        assertThat(metadata().get("hub.twilio.media-timeout").path("type").asText()).isEqualTo("java.time.Duration");
        assertThat(metadata().get("hub.twilio.auth-token").path("description").asText()).contains("TWILIO_AUTH_TOKEN");
    }

    // Not a @Configuration: component scanning of a hub started in a test must not pick it up.
    @EnableConfigurationProperties(TwilioSettings.class)
    static class TwilioConfiguration {
    }
}
