package io.contacthub.complaint;

import io.contacthub.intake.ContactRecorded;
import io.contacthub.understand.Intent;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final ComplaintCases cases;

    ComplaintOpener(JdbcClient jdbc, ComplaintCases cases) {
        this.jdbc = jdbc;
        this.cases = cases;
    }

    @Override
    public void recorded(RecordedContact contact) {
        if (contact.ignored() || contact.ticketId() == null) {
            return;
        }
        Optional<Facts> facts = jdbc.sql("select intent, urgency, subject, body from contact_record where message_id = ?")
                .param(contact.messageId())
                .query((rs, n) -> new Facts(rs.getString("intent"), rs.getString("urgency"), rs.getString("subject"),
                        rs.getString("body")))
                .optional();
        if (facts.isEmpty()) {
            return;
        }
        Facts f = facts.get();
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
