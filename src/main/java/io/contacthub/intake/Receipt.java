package io.contacthub.intake;

/**
 * What the receive stage committed: the message's id, whether it was seen before, and the ticket
 * reference reserved for it when its channel asked for one (null otherwise).
 */
public record Receipt(long messageId, boolean duplicate, MessageStatus status, String reservedRef) {

    public Receipt(long messageId, boolean duplicate, MessageStatus status) {
        this(messageId, duplicate, status, null);
    }

    /**
     * A message that still needs processing: a new one, or a redelivery of one still RECEIVED (its
     * first hand-over may have been lost; processing it twice is harmless, an attempt is claimed once).
     */
    public boolean needsProcessing() {
        return status == MessageStatus.RECEIVED;
    }
}
