package io.contacthub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

/** The retry settings of {@code hub.intake}: shipped defaults, and a bad value stops the start naming its property. */
class IntakePropertiesTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(IntakeConfiguration.class)
            .withPropertyValues("hub.intake.max-attempts=3", "hub.intake.stuck-after=2m", "hub.intake.sweep-every=30s",
                    "hub.intake.attempt-timeout=15m");

    @Test
    void theShippedDefaultsAreThreeAttemptsAndAStuckMessageIsSweptAfterTwoMinutes() throws Exception {
        var yaml = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"));
        IntakeProperties shipped = new Binder(ConfigurationPropertySources.from(yaml)).bind("hub.intake", IntakeProperties.class).get();
        assertThat(shipped.maxAttempts()).isEqualTo(3);
        assertThat(shipped.stuckAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(shipped.sweepEvery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(shipped.attemptTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(shipped.heartbeatEvery()).isEqualTo(Duration.ofSeconds(30));
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
                .withPropertyValues("hub.intake.max-attempts=3", "hub.intake.stuck-after=2m", "hub.intake.attempt-timeout=15m")
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
