package io.contacthub.complaint;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.complaint.*}.
 *
 * @param forward when true, every new case is also queued for the external complaint system (a
 *                {@code handoff} row, system COMPLAINT, delivered by the hand-off dispatcher)
 * @param sla     per severity (low, medium, high, critical): how long until the first response and the
 *                resolution are due, counted in calendar time from the case's opening
 */
@ConfigurationProperties("hub.complaint")
public record ComplaintSettings(Boolean forward, Map<String, Sla> sla) {

    public record Sla(Duration firstResponse, Duration resolution) {
    }

    private static final Map<Severity, Sla> DEFAULTS = Map.of(
            Severity.LOW, new Sla(Duration.ofHours(24), Duration.ofDays(7)),
            Severity.MEDIUM, new Sla(Duration.ofHours(8), Duration.ofDays(3)),
            Severity.HIGH, new Sla(Duration.ofHours(4), Duration.ofHours(48)),
            Severity.CRITICAL, new Sla(Duration.ofHours(1), Duration.ofHours(24)));

    public ComplaintSettings {
        forward = forward != null && forward;
        Map<String, Sla> complete = new java.util.LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            Sla given = sla == null ? null : find(sla, s);
            Sla fallback = DEFAULTS.get(s);
            Duration first = given == null || given.firstResponse() == null ? fallback.firstResponse() : given.firstResponse();
            Duration resolution = given == null || given.resolution() == null ? fallback.resolution() : given.resolution();
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
        if (sla != null) {
            for (String key : sla.keySet()) {
                if (Severity.parse(key).isEmpty()) {
                    throw new IllegalArgumentException("hub.complaint.sla." + key + ": unknown severity (low, medium, high, critical)");
                }
            }
        }
        sla = Map.copyOf(complete);
    }

    /** Default SLAs, forwarding as given: for tests and tools that build the module by hand. */
    public static ComplaintSettings defaults(boolean forward) {
        return new ComplaintSettings(forward, null);
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
