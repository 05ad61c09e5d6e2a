package io.contacthub.complaint;

import static io.contacthub.complaint.CaseStatus.ACKNOWLEDGED;
import static io.contacthub.complaint.CaseStatus.CLOSED;
import static io.contacthub.complaint.CaseStatus.FOLLOWED_UP;
import static io.contacthub.complaint.CaseStatus.INVESTIGATING;
import static io.contacthub.complaint.CaseStatus.OPEN;
import static io.contacthub.complaint.CaseStatus.RESOLVED;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A staff step on a case: from which statuses it is allowed, the status it leads to (null: unchanged),
 * whether it answers the customer (and so stops the first-response clock) and whether it needs a text.
 */
public enum StepAction {
    ACKNOWLEDGE(EnumSet.of(OPEN), ACKNOWLEDGED, true, false),
    INVESTIGATE(EnumSet.of(OPEN, ACKNOWLEDGED, INVESTIGATING), INVESTIGATING, false, false),
    NOTE(EnumSet.allOf(CaseStatus.class), null, false, true),
    PROPOSE_COMPENSATION(EnumSet.of(OPEN, ACKNOWLEDGED, INVESTIGATING), null, true, true),
    RESOLVE(EnumSet.of(OPEN, ACKNOWLEDGED, INVESTIGATING), RESOLVED, true, true),
    FOLLOW_UP(EnumSet.of(RESOLVED), FOLLOWED_UP, false, true),
    CLOSE(EnumSet.of(RESOLVED, FOLLOWED_UP), CLOSED, false, false),
    REOPEN(EnumSet.of(RESOLVED, FOLLOWED_UP, CLOSED), INVESTIGATING, false, true);

    private final Set<CaseStatus> from;
    private final CaseStatus to;
    private final boolean answersCustomer;
    private final boolean needsText;

    StepAction(Set<CaseStatus> from, CaseStatus to, boolean answersCustomer, boolean needsText) {
        this.from = from;
        this.to = to;
        this.answersCustomer = answersCustomer;
        this.needsText = needsText;
    }

    static Optional<StepAction> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean allowedFrom(CaseStatus status) {
        return from.contains(status);
    }

    Set<CaseStatus> allowedFrom() {
        return from;
    }

    CaseStatus statusAfter(CaseStatus current) {
        return to == null ? current : to;
    }

    boolean answersCustomer() {
        return answersCustomer;
    }

    public boolean needsText() {
        return needsText;
    }
}
