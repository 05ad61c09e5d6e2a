package io.contacthub.intake;

/** What the receive stage committed: the message's id and whether it was seen before. */
public record Receipt(long messageId, boolean duplicate, MessageStatus status) {

    /** A new message that still needs processing. */
    public boolean needsProcessing() {
        return !duplicate && status == MessageStatus.RECEIVED;
    }
}
