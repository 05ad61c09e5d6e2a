package io.contacthub.complaint;

import static io.contacthub.config.SettingsTesting.messages;
import static io.contacthub.config.SettingsTesting.metadata;
import static io.contacthub.config.SettingsTesting.shipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code hub.complaint}: shipped clocks, overrides per severity, and a bad value stops the start naming it. */
class ComplaintSettingsTest {

    // The shipped application.yml under the test's values, as in a running hub.
    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(ComplaintConfiguration.class)
            .withInitializer(context -> {
                try {
                    new org.springframework.boot.env.YamlPropertySourceLoader()
                            .load("application", new org.springframework.core.io.ClassPathResource("application.yml"))
                            .forEach(context.getEnvironment().getPropertySources()::addLast);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

    @Test
    void theShippedClocksAreTheDefaultsUsedWithoutSpringAndForwardingIsOff() {
        ComplaintSettings shipped = shipped("hub.complaint", ComplaintSettings.class);
        assertThat(shipped.forward()).isFalse();
        assertThat(shipped.all()).isEqualTo(ComplaintSettings.defaults(false).all()).hasSize(4);
        assertThat(shipped.slaFor(Severity.HIGH)).isEqualTo(new ComplaintSettings.Sla(Duration.ofHours(4), Duration.ofHours(48)));
    }

    @Test
    void oneSeverityMayBeOverriddenTheRestComesFromApplicationYml() {
        hub.withPropertyValues("hub.complaint.sla.high.first-response=2h").run(context -> {
            assertThat(context).hasNotFailed();
            ComplaintSettings settings = context.getBean(ComplaintSettings.class);
            assertThat(settings.slaFor(Severity.HIGH)).isEqualTo(new ComplaintSettings.Sla(Duration.ofHours(2), Duration.ofHours(48)));
            assertThat(settings.slaFor(Severity.MEDIUM)).isEqualTo(new ComplaintSettings.Sla(Duration.ofHours(8), Duration.ofDays(3)));
        });
    }

    @Test
    void anUnsetClockOrForwardStopsTheStartNamingIt() {
        assertThatThrownBy(() -> new ComplaintSettings(false, Map.of("high", new ComplaintSettings.Sla(Duration.ofHours(2), null))))
                .hasMessageContaining("hub.complaint.sla.low.first-response must be set");
        Map<String, ComplaintSettings.Sla> noHighResolution = new HashMap<>(ComplaintSettings.defaults(false).sla());
        noHighResolution.put("HIGH", new ComplaintSettings.Sla(Duration.ofHours(2), null));
        assertThatThrownBy(() -> new ComplaintSettings(false, noHighResolution))
                .hasMessageContaining("hub.complaint.sla.high.resolution must be set");
        hub.withPropertyValues("hub.complaint.forward=").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.complaint", "forward");
        });
    }

    @Test
    void anUnknownSeverityOrANonsenseDurationStopsTheStartWithTheKey() {
        assertThatThrownBy(() -> new ComplaintSettings(false, Map.of("urgent", new ComplaintSettings.Sla(Duration.ofHours(1), null))))
                .hasMessageContaining("hub.complaint.sla.urgent");
        hub.withPropertyValues("hub.complaint.sla.low.first-response=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.complaint.sla.low", "positive");
        });
        hub.withPropertyValues("hub.complaint.sla.low.first-response=2d", "hub.complaint.sla.low.resolution=1h").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.complaint.sla.low", "must not be shorter");
        });
    }

    @Test
    void theSettingsAreInTheGeneratedMetadataForIdes() {
        assertThat(metadata()).containsKeys("hub.complaint.forward", "hub.complaint.sla");
    }

    @Test
    void anUrgentContactIsHighAnythingElseMedium() {
        assertThat(Severity.fromUrgency("URGENT")).isEqualTo(Severity.HIGH);
        assertThat(Severity.fromUrgency("NORMAL")).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.fromUrgency(null)).isEqualTo(Severity.MEDIUM);
    }

    // Not a @Configuration: component scanning of a hub started in a test must not pick it up.
    @EnableConfigurationProperties(ComplaintSettings.class)
    static class ComplaintConfiguration {
    }
}
