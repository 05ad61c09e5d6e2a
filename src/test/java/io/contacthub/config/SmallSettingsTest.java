package io.contacthub.config;

import static io.contacthub.config.SettingsTesting.messages;
import static io.contacthub.config.SettingsTesting.metadata;
import static io.contacthub.config.SettingsTesting.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.channel.sms.SmsSettings;
import io.contacthub.customer.PhoneSettings;
import io.contacthub.extract.speech.SpeechSettings;
import io.contacthub.ticket.ThreadingSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code hub.speech}, {@code hub.threading}, {@code hub.sms} and {@code hub.phone}: shipped defaults, and a bad
 * value stops the start naming its property.
 */
class SmallSettingsTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(SmallConfiguration.class)
            .withPropertyValues("hub.speech.workers=1", "hub.speech.queue-size=16", "hub.threading.same-matter-window-days=14",
                    "hub.sms.thread-window-hours=72", "hub.phone.default-region=CN");

    @Test
    void theShippedDefaultsAreTheDocumentedOnes() {
        SpeechSettings speech = shipped("hub.speech", SpeechSettings.class);
        assertThat(speech.modelEn()).isEmpty();
        assertThat(speech.modelZh()).isEmpty();
        assertThat(speech.workers()).isEqualTo(1);
        assertThat(speech.queueSize()).isEqualTo(16);
        assertThat(shipped("hub.threading", ThreadingSettings.class).sameMatterWindowDays()).isEqualTo(14);
        assertThat(shipped("hub.sms", SmsSettings.class).threadWindowHours()).isEqualTo(72);
        assertThat(shipped("hub.phone", PhoneSettings.class).defaultRegion()).isEqualTo("CN");
    }

    @Test
    void aValidConfigurationStartsAndZeroTurnsTheWindowsOff() {
        hub.withPropertyValues("hub.sms.thread-window-hours=0", "hub.threading.same-matter-window-days=0",
                "hub.speech.queue-size=0", "hub.phone.default-region=hk").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SmsSettings.class).threadWindowHours()).isZero();
            assertThat(context.getBean(PhoneSettings.class).defaultRegion()).isEqualTo("HK");
        });
    }

    @Test
    void noSpeechWorkerStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.speech.workers=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.speech.workers", "greater than 0");
        });
    }

    @Test
    void aNegativeWindowStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.sms.thread-window-hours=-1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.sms.thread-window-hours");
        });
        hub.withPropertyValues("hub.threading.same-matter-window-days=-14").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.threading.same-matter-window-days");
        });
    }

    @Test
    void aRegionLibphonenumberDoesNotKnowStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.phone.default-region=China").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure()))
                    .contains("hub.phone.default-region must be a region libphonenumber knows", "'China'");
        });
        hub.withPropertyValues("hub.phone.default-region=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.phone.default-region");
        });
    }

    @Test
    void theSettingsAreInTheGeneratedMetadataForIdes() {
        assertThat(metadata()).containsKeys("hub.speech.model-en", "hub.speech.model-zh", "hub.speech.workers",
                "hub.speech.queue-size", "hub.threading.same-matter-window-days", "hub.sms.thread-window-hours",
                "hub.phone.default-region");
    }

    // Not a @Configuration: component scanning of a hub started in a test must not pick it up.
    @EnableConfigurationProperties({SpeechSettings.class, ThreadingSettings.class, SmsSettings.class, PhoneSettings.class})
    static class SmallConfiguration {
    }
}
