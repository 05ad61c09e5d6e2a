package io.contacthub.backoffice;

/**
 * What one kind of hand-off means: the HTTP request it becomes, and what the hub does with the
 * answer. The dispatcher owns retries, back-off and the circuit breaker; a type only interprets.
 * {@link #answered} runs in the transaction that records the outcome, so whatever it writes (a
 * notification, a review flag) commits together with it.
 */
public interface HandoffType {

    String system();

    String operation();

    Request request(Handoff handoff);

    /**
     * @param status the peer's HTTP status (below 500: 5xx answers are retried by the dispatcher)
     * @return how the hand-off ends
     */
    Outcome answered(Handoff handoff, int status, String body);

    /** Called once when the hand-off ends FAILED (given up) or REJECTED, in that transaction. */
    default void gaveUp(Handoff handoff, String reason) {
    }

    /** A failed lookup is retried this many times; null = until {@code hub.backoffice.give-up-after}. */
    default Integer maxAttempts() {
        return null;
    }

    /** @param path appended to the system's base URL; @param jsonBody null for GET */
    record Request(String method, String path, String jsonBody) {
    }

    /** DELIVERED (with the peer's reference) or REJECTED (with the reason staff read). */
    record Outcome(boolean delivered, String externalRef, String reason) {
        public static Outcome delivered(String externalRef) {
            return new Outcome(true, externalRef, null);
        }

        public static Outcome rejected(String reason) {
            return new Outcome(false, null, reason);
        }
    }
}
