package io.contacthub.intake;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Last success and last error of every intake source (each mailbox, the web form), so a fetcher
 * that stops working shows in {@code /actuator/health} instead of going silent. Three failures in
 * a row turn the hub DEGRADED.
 */
@Component("intakeSources")
public class SourceHealth implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "an intake source keeps failing");
    private static final int FAILURES_BEFORE_DEGRADED = 3;

    private final Map<String, SourceState> sources = new ConcurrentHashMap<>();

    public void register(String source) {
        sources.putIfAbsent(source, new SourceState());
    }

    /**
     * Seconds since the source last worked, or since it was registered when it never has; for the
     * {@code hub_source_last_success_age_seconds} gauge (docs/OPERATIONS.md).
     */
    public Map<String, Double> secondsSinceLastSuccess() {
        Instant now = Instant.now();
        Map<String, Double> ages = new LinkedHashMap<>();
        sources.forEach((name, s) -> ages.put(name,
                java.time.Duration.between(s.lastSuccess != null ? s.lastSuccess : s.registeredAt, now).toMillis() / 1000.0));
        return ages;
    }

    /** Failures in a row per source, for the {@code hub_source_consecutive_failures} gauge. */
    public Map<String, Integer> consecutiveFailures() {
        Map<String, Integer> failures = new LinkedHashMap<>();
        sources.forEach((name, s) -> failures.put(name, s.consecutiveFailures));
        return failures;
    }

    public void succeeded(String source) {
        SourceState state = sources.computeIfAbsent(source, s -> new SourceState());
        state.lastSuccess = Instant.now();
        state.consecutiveFailures = 0;
    }

    public void failed(String source, String error) {
        SourceState state = sources.computeIfAbsent(source, s -> new SourceState());
        state.lastError = Instant.now();
        state.lastErrorMessage = error;
        state.consecutiveFailures++;
    }

    @Override
    public Health health() {
        java.util.List<String> failing = new java.util.ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        for (Map.Entry<String, SourceState> entry : sources.entrySet()) {
            SourceState s = entry.getValue();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("lastSuccess", s.lastSuccess == null ? "never" : s.lastSuccess.toString());
            if (s.lastError != null) {
                d.put("lastError", s.lastError.toString());
                d.put("lastErrorMessage", s.lastErrorMessage);
            }
            d.put("consecutiveFailures", s.consecutiveFailures);
            details.put(entry.getKey(), d);
            if (s.consecutiveFailures >= FAILURES_BEFORE_DEGRADED) {
                failing.add(entry.getKey() + " failed " + s.consecutiveFailures + " times in a row (" + s.lastErrorMessage + ")");
            }
        }
        if (failing.isEmpty()) {
            return Health.up().withDetails(details).build();
        }
        // The reason travels with the status, so even a caller who sees no details learns why.
        String reason = String.join("; ", failing);
        return Health.status(new Status(DEGRADED.getCode(), reason)).withDetail("reason", reason).withDetails(details).build();
    }

    private static final class SourceState {
        final Instant registeredAt = Instant.now();
        volatile Instant lastSuccess;
        volatile Instant lastError;
        volatile String lastErrorMessage;
        volatile int consecutiveFailures;
    }
}
