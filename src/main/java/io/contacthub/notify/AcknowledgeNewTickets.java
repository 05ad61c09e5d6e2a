package io.contacthub.notify;

import io.contacthub.intake.ContactRecorded;
import io.contacthub.ticket.TicketReference;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Queues an e-mail acknowledgement when an e-mail opens a new ticket, in the transaction that
 * records the contact. Nothing for IGNORED mail (auto-replies, bounces, lists, the hub's own
 * notifications), for replies that join a ticket, for mail from the hub's own addresses, or (in
 * this slice) for contacts on other channels.
 */
@Component
class AcknowledgeNewTickets implements ContactRecorded {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgeNewTickets.class);

    private final Outbox outbox;
    private final NotifySettings settings;

    AcknowledgeNewTickets(Outbox outbox, NotifySettings settings) {
        this.outbox = outbox;
        this.settings = settings;
    }

    @Override
    public void recorded(RecordedContact contact) {
        String recipient = contact.content().senderEmail();
        if (!Outbox.EMAIL.equals(contact.channel()) || contact.ignored() || !contact.ticketOpened()
                || contact.ticketId() == null || recipient == null || settings.isOwnAddress(recipient)) {
            return;
        }
        String original = contact.content().subject() == null || contact.content().subject().isBlank()
                ? "(no subject)" : contact.content().subject().strip();
        String tag = TicketReference.tag(contact.ticketRef());
        Map<String, Object> vars = new HashMap<>();
        vars.put("name", contact.content().senderName());
        vars.put("ref", contact.ticketRef());
        vars.put("tag", tag);
        vars.put("subject", original);
        outbox.enqueueEmail(contact.ticketId(), contact.customerId(), recipient, "ack", contact.language(),
                        tag + " " + original, vars, contact.content().rfcMessageId(), "ack:" + contact.messageId())
                .ifPresent(id -> log.debug("acknowledgement {} queued for {} ({})", id, contact.ticketRef(), recipient));
    }
}
