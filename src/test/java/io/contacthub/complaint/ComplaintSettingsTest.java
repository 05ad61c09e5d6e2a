package io.contacthub.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComplaintSettingsTest {

    @Test
    void unsetSeveritiesFallBackToTheDefaultsAndForwardingIsOff() {
        ComplaintSettings settings = new ComplaintSettings(null,
                Map.of("high", new ComplaintSettings.Sla(Duration.ofHours(2), null)));
        assertThat(settings.forward()).isFalse();
        assertThat(settings.slaFor(Severity.HIGH)).isEqualTo(new ComplaintSettings.Sla(Duration.ofHours(2), Duration.ofHours(48)));
        assertThat(settings.slaFor(Severity.MEDIUM)).isEqualTo(new ComplaintSettings.Sla(Duration.ofHours(8), Duration.ofDays(3)));
        assertThat(settings.all()).hasSize(4);
    }

    @Test
    void anUnknownSeverityOrANonsenseDurationStopsTheStartWithTheKey() {
        assertThatThrownBy(() -> new ComplaintSettings(false, Map.of("urgent", new ComplaintSettings.Sla(Duration.ofHours(1), null))))
                .hasMessageContaining("hub.complaint.sla.urgent");
        assertThatThrownBy(() -> new ComplaintSettings(false, Map.of("low", new ComplaintSettings.Sla(Duration.ZERO, null))))
                .hasMessageContaining("hub.complaint.sla.low").hasMessageContaining("positive");
        assertThatThrownBy(() -> new ComplaintSettings(false,
                Map.of("low", new ComplaintSettings.Sla(Duration.ofDays(2), Duration.ofHours(1)))))
                .hasMessageContaining("must not be shorter");
    }

    @Test
    void anUrgentContactIsHighAnythingElseMedium() {
        assertThat(Severity.fromUrgency("URGENT")).isEqualTo(Severity.HIGH);
        assertThat(Severity.fromUrgency("NORMAL")).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.fromUrgency(null)).isEqualTo(Severity.MEDIUM);
    }
}
