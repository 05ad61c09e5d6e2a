package io.contacthub.complaint;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.complaint.*} (defaults in application.yml; a file or variable may override one severity's clock, the
 * rest still comes from there). A missing or bad value stops the start with the property's name.
 *
 * @param forward when true, every new case is also queued for the external complaint system (a
 *                {@code handoff} row, system COMPLAINT, delivered by the hand-off dispatcher)
 * @param sla     per severity (low, medium, high, critical): how long until the first response and the
 *                resolution are due, counted in calendar time from the case's opening
 */
@Validated
@ConfigurationProperties("hub.complaint")
public record ComplaintSettings(@NotNull Boolean forward, Map<String, Sla> sla) {

    public record Sla(Duration firstResponse, Duration resolution) {
    }

    public ComplaintSettings {
        if (sla != null) {
            for (String key : sla.keySet()) {
                if (Severity.parse(key).isEmpty()) {
                    throw new IllegalArgumentException("hub.complaint.sla." + key + ": unknown severity (low, medium, high, critical)");
                }
            }
        }
        Map<String, Sla> complete = new java.util.LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            String key = "hub.complaint.sla." + s.name().toLowerCase(Locale.ROOT);
            Sla given = sla == null ? null : find(sla, s);
            Duration first = given == null ? null : given.firstResponse();
            Duration resolution = given == null ? null : given.resolution();
            if (first == null || resolution == null) {
                throw new IllegalArgumentException(key + "." + (first == null ? "first-response" : "resolution")
                        + " must be set (application.yml gives every severity both)");
            }
            if (first.isNegative() || first.isZero() || resolution.isNegative() || resolution.isZero()) {
                throw new IllegalArgumentException("hub.complaint.sla." + s.name().toLowerCase(Locale.ROOT)
                        + ": first-response and resolution must be positive durations, e.g. 4h and 48h");
            }
            if (resolution.compareTo(first) < 0) {
                throw new IllegalArgumentException("hub.complaint.sla." + s.name().toLowerCase(Locale.ROOT)
                        + ": resolution (" + resolution + ") must not be shorter than first-response (" + first + ")");
            }
            complete.put(s.name(), new Sla(first, resolution));
        }
        sla = Map.copyOf(complete);
    }

    /**
     * The SLAs of application.yml, forwarding as given: for tests and tools that build the module by hand
     * (ComplaintSettingsTest checks they are the shipped ones).
     */
    public static ComplaintSettings defaults(boolean forward) {
        return new ComplaintSettings(forward, Map.of(
                "low", new Sla(Duration.ofHours(24), Duration.ofDays(7)),
                "medium", new Sla(Duration.ofHours(8), Duration.ofDays(3)),
                "high", new Sla(Duration.ofHours(4), Duration.ofHours(48)),
                "critical", new Sla(Duration.ofHours(1), Duration.ofHours(24))));
    }

    public Sla slaFor(Severity severity) {
        return sla.get(severity.name());
    }

    public Map<Severity, Sla> all() {
        Map<Severity, Sla> map = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            map.put(s, slaFor(s));
        }
        return map;
    }

    private static Sla find(Map<String, Sla> sla, Severity severity) {
        return sla.entrySet().stream().filter(e -> e.getKey().trim().equalsIgnoreCase(severity.name()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
