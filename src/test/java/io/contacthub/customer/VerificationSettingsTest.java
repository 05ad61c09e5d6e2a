package io.contacthub.customer;

import static io.contacthub.config.SettingsTesting.messages;
import static io.contacthub.config.SettingsTesting.metadata;
import static io.contacthub.config.SettingsTesting.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code hub.verification}: shipped defaults, and a bad value stops the start naming its property. */
class VerificationSettingsTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(VerificationConfiguration.class)
            .withPropertyValues("hub.verification.code-ttl=15m", "hub.verification.max-attempts=5",
                    "hub.verification.max-codes-per-purpose=3", "hub.verification.max-codes-per-address-per-day=5");

    @Test
    void theShippedDefaultsAreTheDocumentedOnes() {
        VerificationSettings shipped = shipped("hub.verification", VerificationSettings.class);
        assertThat(shipped.codeTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(shipped.maxAttempts()).isEqualTo(5);
        assertThat(shipped.maxCodesPerPurpose()).isEqualTo(3);
        assertThat(shipped.maxCodesPerAddressPerDay()).isEqualTo(5);
    }

    @Test
    void aValidConfigurationStarts() {
        hub.withPropertyValues("hub.verification.code-ttl=10m").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(VerificationSettings.class).codeTtl()).isEqualTo(Duration.ofMinutes(10));
        });
    }

    @Test
    void aZeroTtlStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.verification.code-ttl=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.verification.code-ttl", "above zero");
        });
    }

    @Test
    void noGuessesAtAllStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.verification.max-attempts=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.verification.max-attempts", "greater than 0");
        });
    }

    @Test
    void aWordForANumberStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.verification.max-codes-per-purpose=three").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.verification.max-codes-per-purpose");
        });
    }

    @Test
    void theSettingsAreInTheGeneratedMetadataForIdes() {
        assertThat(metadata()).containsKeys("hub.verification.code-ttl", "hub.verification.max-attempts",
                "hub.verification.max-codes-per-purpose", "hub.verification.max-codes-per-address-per-day");
    }

    // Not a @Configuration: component scanning of a hub started in a test must not pick it up.
    @EnableConfigurationProperties(VerificationSettings.class)
    static class VerificationConfiguration {
    }
}
