package io.contacthub.notify;

import io.contacthub.intake.ContactRecorded;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Queues an acknowledgement with the ticket reference when an e-mail, web message or SMS opens a
 * new ticket, in the transaction that records the contact. Nothing for IGNORED messages
 * (auto-replies, bounces, lists, STOP, the hub's own notifications), for contacts that join a
 * ticket, for mail from the hub's own addresses, for calls (the IVR already told the caller), for
 * faxes (the hub cannot fax back; staff answer on another channel), or when something more specific
 * was already queued for the new ticket in this transaction (a complaint notice carries the
 * reference too; two mails at once would be noise).
 */
@Component
@org.springframework.core.annotation.Order(200) // after listeners that tell the customer something more specific
class AcknowledgeNewTickets implements ContactRecorded {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgeNewTickets.class);
    private static final Set<String> ACKNOWLEDGED_CHANNELS = Set.of(Outbox.EMAIL, "WEB", Outbox.SMS);

    private final CustomerNotifications notifications;
    private final NotifySettings settings;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    AcknowledgeNewTickets(CustomerNotifications notifications, NotifySettings settings,
                          org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.settings = settings;
    }

    @Override
    public void recorded(RecordedContact contact) {
        if (!ACKNOWLEDGED_CHANNELS.contains(contact.channel()) || contact.ignored() || !contact.ticketOpened()
                || contact.ticketId() == null || contact.customerId() == null
                || settings.isOwnAddress(contact.content().senderEmail())) {
            return;
        }
        boolean alreadyTold = jdbc.sql("select exists (select 1 from notification where ticket_id = ?)")
                .param(contact.ticketId()).query(Boolean.class).single();
        if (alreadyTold) {
            return; // the ticket is new, so whatever is there was queued by this very contact
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("name", contact.content().senderName());
        if (contact.content().subject() != null && !contact.content().subject().isBlank()) {
            vars.put("subject", contact.content().subject().strip());
        }
        try {
            notifications.notifyCustomer(contact.ticketRef(), "ack", vars, "ack:" + contact.messageId(), null)
                    .ifPresent(q -> log.debug("acknowledgement {} for {} on {} to {}", q.notificationId(), contact.ticketRef(),
                            q.channel(), q.recipient()));
        } catch (CustomerNotifications.NotDeliverable e) {
            log.info("no acknowledgement for {}: {}", contact.ticketRef(), e.getMessage());
        }
    }
}
