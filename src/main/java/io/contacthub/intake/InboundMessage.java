package io.contacthub.intake;

import java.util.Objects;

/**
 * The raw envelope a channel hands to {@code direct:receive}: which channel, the source's own id
 * for the message (the idempotency key), who sent it, and the original bytes exactly as received.
 */
public record InboundMessage(String channel, String externalId, String source, String sender,
                             String contentType, byte[] raw) {

    public InboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(raw, "raw");
        if (externalId.isBlank()) {
            throw new IllegalArgumentException("externalId must not be blank");
        }
    }
}
