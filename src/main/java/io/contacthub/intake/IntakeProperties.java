package io.contacthub.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the processing stage retries and gives up, from {@code hub.intake} (defaults in
 * application.yml). A bad value stops the start with the property's name.
 *
 * @param maxAttempts    processing attempts a message gets (each counted before it starts) before it is
 *                       FAILED "gave up after N attempts"; a replay gives it as many again
 * @param stuckAfter     a message RECEIVED with nothing happening to it this long (not queued, no attempt
 *                       alive) is queued again by the sweeper; also how long a silent attempt holds its message
 * @param sweepEvery     how often the sweeper looks for such messages
 * @param attemptTimeout an attempt still running after this long counts as timed out: it stops holding the
 *                       message, which is then retried (or given up) like one whose attempt died
 */
@ConfigurationProperties("hub.intake")
public record IntakeProperties(int maxAttempts, Duration stuckAfter, Duration sweepEvery, Duration attemptTimeout) {

    public IntakeProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("hub.intake.max-attempts must be at least 1 (was " + maxAttempts + ")");
        }
        requirePositive("hub.intake.stuck-after", stuckAfter);
        requirePositive("hub.intake.sweep-every", sweepEvery);
        requirePositive("hub.intake.attempt-timeout", attemptTimeout);
    }

    /** How often an attempt in progress says it is alive: often enough that a live one never looks stuck. */
    public Duration heartbeatEvery() {
        return stuckAfter.dividedBy(4);
    }

    private static void requirePositive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration such as 2m (was " + value + ")");
        }
    }
}
