package io.contacthub.intake;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How intake bounds, queues and retries messages, from {@code hub.intake} (defaults in
 * application.yml). A bad value stops the start with the property's name.
 *
 * @param maxAttempts    processing attempts a message gets (each counted before it starts) before it is
 *                       FAILED "gave up after N attempts"; a replay gives it as many again
 * @param stuckAfter     a message RECEIVED with nothing happening to it this long (not queued, no attempt
 *                       alive) is queued again by the sweeper; also how long a silent attempt holds its message
 * @param sweepEvery     how often the sweeper looks for such messages
 * @param attemptTimeout an attempt still running after this long counts as timed out: it stops holding the
 *                       message, which is then retried (or given up) like one whose attempt died
 * @param maxMessageBytes  largest raw message processed (a size: 26214400, 25MB); a larger one is kept and
 *                         marked FAILED (a mailbox may set a lower limit of its own)
 * @param maxExtractedChars characters of text kept from one attachment (Tika); the rest is cut off
 * @param workers          messages processed at once (the processing stage's consumers); the database pool
 *                         is sized from it
 * @param queueSize        receipts that may wait for a worker before intake waits (back-pressure)
 * @param processEndpoint  the Camel endpoint the processing stage consumes, bounded by queue-size and workers
 *                         by default; a cluster points this at a broker queue
 */
@ConfigurationProperties("hub.intake")
public record IntakeProperties(int maxAttempts, Duration stuckAfter, Duration sweepEvery, Duration attemptTimeout,
                               DataSize maxMessageBytes, int maxExtractedChars, int workers, int queueSize,
                               String processEndpoint) {

    public IntakeProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("hub.intake.max-attempts must be at least 1 (was " + maxAttempts + ")");
        }
        requirePositive("hub.intake.stuck-after", stuckAfter);
        requirePositive("hub.intake.sweep-every", sweepEvery);
        requirePositive("hub.intake.attempt-timeout", attemptTimeout);
        if (maxMessageBytes == null || maxMessageBytes.toBytes() < 1) {
            throw new IllegalArgumentException("hub.intake.max-message-bytes must be a positive size such as 25MB (was "
                    + maxMessageBytes + ")");
        }
        requireAtLeastOne("hub.intake.max-extracted-chars", maxExtractedChars);
        requireAtLeastOne("hub.intake.workers", workers);
        requireAtLeastOne("hub.intake.queue-size", queueSize);
        if (processEndpoint == null || processEndpoint.isBlank()) {
            throw new IllegalArgumentException("hub.intake.process-endpoint must name a Camel endpoint (was "
                    + (processEndpoint == null ? "not set" : "empty") + ")");
        }
        processEndpoint = processEndpoint.trim();
    }

    private static void requireAtLeastOne(String property, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(property + " must be at least 1 (was " + value + ")");
        }
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
