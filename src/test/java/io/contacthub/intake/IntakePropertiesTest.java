package io.contacthub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/** The retry settings of {@code hub.intake}: shipped defaults, and a bad value stops the start naming its property. */
class IntakePropertiesTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(IntakeConfiguration.class)
            .withPropertyValues("hub.intake.max-attempts=3", "hub.intake.stuck-after=2m", "hub.intake.sweep-every=30s",
                    "hub.intake.attempt-timeout=15m", "hub.intake.max-message-bytes=26214400",
                    "hub.intake.max-extracted-chars=200000", "hub.intake.workers=4", "hub.intake.queue-size=10000",
                    "hub.intake.process-endpoint=seda:process");

    @Test
    void theShippedDefaultsAreThreeAttemptsAndAStuckMessageIsSweptAfterTwoMinutes() {
        IntakeProperties shipped = io.contacthub.config.SettingsTesting.shipped("hub.intake", IntakeProperties.class);
        assertThat(shipped.maxAttempts()).isEqualTo(3);
        assertThat(shipped.stuckAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(shipped.sweepEvery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(shipped.attemptTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(shipped.heartbeatEvery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(shipped.maxMessageBytes()).isEqualTo(DataSize.ofMegabytes(25));
        assertThat(shipped.maxExtractedChars()).isEqualTo(200_000);
        assertThat(shipped.workers()).isEqualTo(4);
        assertThat(shipped.queueSize()).isEqualTo(10_000);
        assertThat(shipped.processEndpoint())
                .isEqualTo("seda:process?size=10000&blockWhenFull=true&concurrentConsumers=4");
    }

    @Test
    void aValidConfigurationStartsAndSizesReadWithUnits() {
        hub.withPropertyValues("hub.intake.max-message-bytes=10MB").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(IntakeProperties.class).maxMessageBytes().toBytes()).isEqualTo(10L * 1024 * 1024);
        });
    }

    @Test
    void aBadSizeOrCountStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.intake.max-message-bytes=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.intake.max-message-bytes must be a positive size");
        });
        hub.withPropertyValues("hub.intake.max-extracted-chars=-1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.intake.max-extracted-chars must be at least 1");
        });
        hub.withPropertyValues("hub.intake.workers=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.intake.workers must be at least 1");
        });
        hub.withPropertyValues("hub.intake.process-endpoint= ").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.intake.process-endpoint must name a Camel endpoint");
        });
    }

    @Test
    void theSettingsAreInTheGeneratedMetadataForIdes() {
        assertThat(io.contacthub.config.SettingsTesting.metadata()).containsKeys("hub.intake.max-attempts",
                "hub.intake.stuck-after", "hub.intake.sweep-every", "hub.intake.attempt-timeout",
                "hub.intake.max-message-bytes", "hub.intake.max-extracted-chars", "hub.intake.workers",
                "hub.intake.queue-size", "hub.intake.process-endpoint");
    }

    @Test
    void noAttemptsAtAllStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.intake.max-attempts=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.intake.max-attempts must be at least 1");
        });
    }

    @Test
    void aZeroStuckAfterStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.intake.stuck-after=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.intake.stuck-after must be a positive duration");
        });
    }

    @Test
    void aMissingSweepIntervalStopsStartUpNamingTheProperty() {
        new ApplicationContextRunner().withUserConfiguration(IntakeConfiguration.class)
                .withPropertyValues("hub.intake.max-attempts=3", "hub.intake.stuck-after=2m", "hub.intake.attempt-timeout=15m",
                        "hub.intake.max-message-bytes=26214400", "hub.intake.max-extracted-chars=200000",
                        "hub.intake.workers=4", "hub.intake.queue-size=10000", "hub.intake.process-endpoint=seda:process")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure())).contains("hub.intake.sweep-every");
                });
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    // Not a @Configuration: component scanning of a hub started in a test must not pick it up.
    @EnableConfigurationProperties(IntakeProperties.class)
    static class IntakeConfiguration {
    }
}
