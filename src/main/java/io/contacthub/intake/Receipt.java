package io.contacthub.intake;

/** What the receive stage committed: the message's id and whether it was seen before. */
public record Receipt(long messageId, boolean duplicate, MessageStatus status) {

    /**
     * A message that still needs processing: a new one, or a redelivery of one still RECEIVED (its
     * first hand-over may have been lost; processing it twice is harmless, an attempt is claimed once).
     */
    public boolean needsProcessing() {
        return status == MessageStatus.RECEIVED;
    }
}
