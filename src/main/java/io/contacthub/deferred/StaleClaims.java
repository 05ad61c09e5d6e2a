package io.contacthub.deferred;

import java.time.Duration;
import java.util.Objects;

/**
 * What a kind does with a row found SENDING for longer than {@code after}: the hub that claimed it
 * stopped between handing it over and recording the outcome, so the peer may or may not have it.
 * Whether sending it again is safe depends on the peer, so each kind says.
 *
 * @param reason what staff read on the row afterwards
 */
public record StaleClaims(Duration after, Action action, String reason) {

    public enum Action {
        /** The peer cannot drop a repeat (a customer would get a text twice): staff decide. */
        MARK_UNCERTAIN,
        /** The peer drops repeats by the row's idempotency key: send it again. */
        SEND_AGAIN
    }

    public StaleClaims {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("sending-stale-after must be positive, not " + after);
        }
    }

    public static StaleClaims markUncertain(Duration after, String reason) {
        return new StaleClaims(after, Action.MARK_UNCERTAIN, reason);
    }

    public static StaleClaims sendAgain(Duration after, String reason) {
        return new StaleClaims(after, Action.SEND_AGAIN, reason);
    }
}
