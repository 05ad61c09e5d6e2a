package io.contacthub.intake;

public enum MessageStatus {
    /** Committed, not yet processed (or interrupted by a crash: resumed at start-up). */
    RECEIVED,
    /** Became a contact on a ticket. */
    PROCESSED,
    /** Deliberately not turned into a ticket (auto-reply, bounce, bulk); the reason says which. */
    IGNORED,
    /** Could not be processed; the reason says why and staff can replay it. */
    FAILED
}
