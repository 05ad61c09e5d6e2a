package io.contacthub.complaint;

/** Where a complaint case stands. Every status but CLOSED counts as the ticket's open case. */
public enum CaseStatus {
    OPEN, ACKNOWLEDGED, INVESTIGATING, RESOLVED, FOLLOWED_UP, CLOSED
}
