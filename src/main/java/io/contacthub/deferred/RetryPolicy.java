package io.contacthub.deferred;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The one back-off rule for deferred work: after the n-th failed attempt wait 2^n seconds, at most
 * {@code maxBackoff}; give up once the item has been tried for {@code giveUpAfter} since its
 * current round of attempts began (recorded, or replayed by staff), or after {@code maxAttempts}
 * when a kind sets one. A horizon in time rather than a count keeps an outage of any length up to
 * the horizon from failing work, whatever the back-off cap.
 *
 * @param maxBackoff  the longest wait between two attempts
 * @param giveUpAfter how long an item is retried before it is FAILED for staff
 * @param maxAttempts null: no limit by count, only the horizon
 */
public record RetryPolicy(Duration maxBackoff, Duration giveUpAfter, Integer maxAttempts) {

    /** 2^30 s is far beyond any sensible cap; the exponent stops there so the shift never overflows. */
    private static final int MAX_EXPONENT = 30;

    public RetryPolicy {
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (maxBackoff.isNegative() || maxBackoff.isZero()) {
            throw new IllegalArgumentException("the longest back-off must be positive, not " + maxBackoff);
        }
        if (giveUpAfter.isNegative() || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("give-up-after must be positive, not " + giveUpAfter);
        }
        if (maxAttempts != null && maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1, not " + maxAttempts);
        }
    }

    /** The same back-off and horizon, with a limit by count (null keeps only the horizon). */
    public RetryPolicy withMaxAttempts(Integer attempts) {
        return new RetryPolicy(maxBackoff, giveUpAfter, attempts);
    }

    /** The wait after the given number of failed attempts. */
    public Duration delayAfter(int failedAttempts) {
        Duration d = Duration.ofSeconds(1L << Math.max(0, Math.min(failedAttempts, MAX_EXPONENT)));
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    /**
     * What follows a failed attempt.
     *
     * @param attempts how many attempts have been made, the failed one included
     * @param since    when this round of attempts began
     */
    public Decision afterFailure(int attempts, OffsetDateTime since, OffsetDateTime now) {
        if (maxAttempts != null && attempts >= maxAttempts) {
            return Decision.giveUp("gave up after " + attempts(attempts));
        }
        if (!now.isBefore(since.plus(giveUpAfter))) {
            return Decision.giveUp("gave up after " + humanize(giveUpAfter) + " (" + attempts(attempts) + ")");
        }
        Duration wait = delayAfter(attempts);
        return Decision.retry(now.plus(wait), wait);
    }

    /** Either try again at {@code retryAt} (after {@code delay}), or stop: {@code gaveUp} says why. */
    public record Decision(OffsetDateTime retryAt, Duration delay, String gaveUp) {
        static Decision retry(OffsetDateTime at, Duration wait) {
            return new Decision(at, wait, null);
        }

        static Decision giveUp(String why) {
            return new Decision(null, null, why);
        }

        public boolean retries() {
            return gaveUp == null;
        }
    }

    private static String attempts(int n) {
        return n == 1 ? "1 attempt" : n + " attempts";
    }

    /** 24h, 90m, 45s: the way the settings are usually written. */
    static String humanize(Duration d) {
        long s = d.toSeconds();
        if (d.toNanos() % 1_000_000_000L != 0) {
            return d.toMillis() + "ms";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
