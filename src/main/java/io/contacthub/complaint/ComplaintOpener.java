package io.contacthub.complaint;

import io.contacthub.intake.AfterRecordStep;
import io.contacthub.intake.EarlierResults;
import io.contacthub.intake.RecordedContact;
import io.contacthub.intake.TellsCustomer;
import io.contacthub.understand.Intent;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * After-record step {@code complaint-case}. A contact whose own intent is COMPLAINT opens a case on
 * its ticket, unless the ticket already has a case that is not CLOSED: then it, like any other
 * contact on that ticket, is added to that case's log (once per message, so a rerun adds nothing).
 * IGNORED messages (auto-replies, bounces, STOP) are never looked at. The case, its log entry, the
 * customer's notice and the hand-off row commit or roll back together with the contact.
 */
@Component
class ComplaintOpener implements AfterRecordStep {

    private final ComplaintCases cases;

    ComplaintOpener(ComplaintCases cases) {
        this.cases = cases;
    }

    /**
     * @param caseId       the case the contact opened or was logged on, null when neither
     * @param opened       this contact opened it
     * @param customerTold the customer's "case opened" notice was queued
     */
    record CaseResult(Long caseId, boolean opened, boolean customerTold) implements TellsCustomer {
    }

    @Override
    public String name() {
        return "complaint-case";
    }

    @Override
    public CaseResult apply(RecordedContact contact, EarlierResults earlier) {
        if (!contact.onTicket()) {
            return null;
        }
        var complaint = new ComplaintCases.Complaint(contact.messageId(), contact.ticketId(), contact.ticketRef(),
                contact.channel(), contact.content().subject(), contact.content().body(), contact.urgent() ? "URGENT" : "NORMAL");
        Optional<ComplaintCases.OpenCase> open = cases.openCaseOf(contact.ticketId());
        if (open.isPresent()) {
            cases.logCustomerContact(open.get(), complaint, contact.intent());
            return new CaseResult(open.get().id(), false, false);
        }
        if (Intent.COMPLAINT.name().equals(contact.intent())) {
            return cases.open(complaint).map(o -> new CaseResult(o.caseId(), true, o.noticeQueued())).orElse(null);
        }
        return null;
    }
}
