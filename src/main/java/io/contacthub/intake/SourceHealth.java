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
        boolean degraded = false;
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
            degraded |= s.consecutiveFailures >= FAILURES_BEFORE_DEGRADED;
        }
        return Health.status(degraded ? DEGRADED : Status.UP).withDetails(details).build();
    }

    private static final class SourceState {
        volatile Instant lastSuccess;
        volatile Instant lastError;
        volatile String lastErrorMessage;
        volatile int consecutiveFailures;
    }
}
