package io.contacthub.complaint;

import io.contacthub.intake.ContactRecorded;
import io.contacthub.understand.Intent;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Called for every recorded contact, in its transaction. A contact whose own intent is COMPLAINT
 * opens a case on its ticket, unless the ticket already has a case that is not CLOSED: then it,
 * like any other contact on that ticket, is added to that case's log. IGNORED messages (auto-replies,
 * bounces, STOP) are never looked at. The case, its log entry, the customer's notice and the
 * hand-off row commit or roll back together with the contact.
 */
@Component
@org.springframework.core.annotation.Order(50) // before the acknowledgement, which then stays silent
class ComplaintOpener implements ContactRecorded {

    private final ComplaintCases cases;

    ComplaintOpener(ComplaintCases cases) {
        this.cases = cases;
    }

    @Override
    public void recorded(RecordedContact contact) {
        if (contact.ignored() || contact.ticketId() == null) {
            return;
        }
        // What the contact was recorded with, carried by the event rather than read back from its row.
        Facts f = new Facts(contact.intent(), contact.urgent() ? "URGENT" : "NORMAL", contact.content().subject(),
                contact.content().body());
        var complaint = new ComplaintCases.Complaint(contact.messageId(), contact.ticketId(), contact.ticketRef(),
                contact.channel(), f.subject(), f.body(), f.urgency());
        Optional<ComplaintCases.OpenCase> open = cases.openCaseOf(contact.ticketId());
        if (open.isPresent()) {
            cases.logCustomerContact(open.get(), complaint, f.intent());
        } else if (Intent.COMPLAINT.name().equals(f.intent())) {
            cases.open(complaint);
        }
    }

    private record Facts(String intent, String urgency, String subject, String body) {
    }
}
