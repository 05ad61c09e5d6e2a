package io.contacthub.config;

import static io.contacthub.config.SettingsTesting.messages;
import static io.contacthub.config.SettingsTesting.metadata;
import static io.contacthub.config.SettingsTesting.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.channel.email.MailSettings;
import io.contacthub.channel.fax.FaxSettings;
import io.contacthub.channel.voice.VoiceProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code hub.mail}, {@code hub.fax} and {@code hub.voice}: shipped defaults, and a bad value stops the start naming
 * its property instead of falling back to a default.
 */
class ChannelSettingsTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(ChannelConfiguration.class)
            .withPropertyValues("hub.mail.poll-delay=10s", "hub.mail.fetch-size=200", "hub.fax.spool-poll-delay=2s",
                    "hub.fax.max-file-bytes=20971520", "hub.voice.default-language=zh", "hub.voice.max-recording-seconds=120",
                    "hub.voice.gather-timeout-seconds=6", "hub.voice.tracking-lookup-deadline=5s");

    @Test
    void theShippedDefaultsAreTheDocumentedOnes() {
        MailSettings mail = shipped("hub.mail", MailSettings.class);
        assertThat(mail.all()).isEmpty();
        assertThat(mail.pollDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(mail.fetchSize()).isEqualTo(200);
        FaxSettings fax = shipped("hub.fax", FaxSettings.class);
        assertThat(fax.spoolDir()).isNull();
        assertThat(fax.spoolPollDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(fax.maxFileBytes()).isEqualTo(20_971_520L);
        assertThat(fax.emailSenders()).isEmpty();
        VoiceProperties voice = shipped("hub.voice", VoiceProperties.class);
        assertThat(voice.defaultLanguage()).isEqualTo("zh");
        assertThat(voice.numbers()).isEmpty();
        assertThat(voice.maxRecordingSeconds()).isEqualTo(120);
        assertThat(voice.gatherTimeoutSeconds()).isEqualTo(6);
        assertThat(voice.trackingLookupDeadline()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aValidConfigurationStarts() {
        hub.withPropertyValues("hub.voice.default-language=en", "hub.voice.numbers.[+85230001234]=zh",
                "hub.fax.email-senders=fax@gateway.example.com").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(VoiceProperties.class).languageFor("+85230001234")).isEqualTo("zh");
                    assertThat(context.getBean(VoiceProperties.class).languageFor("+85230009999")).isEqualTo("en");
                    assertThat(context.getBean(FaxSettings.class).emailSenders()).containsExactly("fax@gateway.example.com");
                });
    }

    @Test
    void aZeroOrMissingValueStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.mail.fetch-size=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.mail.fetch-size", "greater than 0");
        });
        hub.withPropertyValues("hub.fax.spool-poll-delay=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.fax.spool-poll-delay", "above zero");
        });
        hub.withPropertyValues("hub.fax.max-file-bytes=-1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.fax.max-file-bytes");
        });
        hub.withPropertyValues("hub.voice.max-recording-seconds=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.voice.max-recording-seconds");
        });
    }

    @Test
    void aLanguageTheIvrDoesNotSpeakStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.voice.default-language=fr").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.voice.default-language must be zh or en", "'fr'");
        });
        hub.withPropertyValues("hub.voice.numbers.[+85230001234]=de").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.voice.numbers[+85230001234]");
        });
    }

    @Test
    void theSettingsAreInTheGeneratedMetadataForIdes() {
        assertThat(metadata()).containsKeys("hub.mail.url", "hub.mail.poll-delay", "hub.mail.fetch-size", "hub.mail.mailboxes",
                "hub.fax.spool-dir", "hub.fax.spool-poll-delay", "hub.fax.max-file-bytes", "hub.fax.email-senders",
                "hub.voice.default-language", "hub.voice.numbers", "hub.voice.max-recording-seconds",
                "hub.voice.gather-timeout-seconds", "hub.voice.tracking-lookup-deadline");
    }

    // Not a @Configuration: component scanning of a hub started in a test must not pick it up.
    @EnableConfigurationProperties({MailSettings.class, FaxSettings.class, VoiceProperties.class})
    static class ChannelConfiguration {
    }
}
