package io.contacthub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** One recorded call to a back-office system (a row of {@code handoff}). */
public record Handoff(long id, Long ticketId, String ticketRef, Long messageId, String system, String operation,
                      String idempotencyKey, JsonNode payload, String status, int attempts, String lastError,
                      OffsetDateTime nextAttemptAt, Integer responseStatus, String response, String externalRef,
                      OffsetDateTime createdAt, OffsetDateTime replayedAt, OffsetDateTime deliveredAt) {

    /** When the current round of attempts began: recorded, or put back in the queue by staff. */
    public OffsetDateTime attemptsSince() {
        return replayedAt != null ? replayedAt : createdAt;
    }
}
