package io.contacthub.intake;

import java.time.OffsetDateTime;

/** An inbound message as committed by the receive stage. */
public record StoredMessage(long id, String channel, String externalId, String source, String sender,
                            String contentType, byte[] raw, MessageStatus status, int attempts,
                            OffsetDateTime receivedAt) {
}
