package io.contacthub.notify;

import io.contacthub.descriptor.ChannelCatalog;
import io.contacthub.descriptor.ChannelDescriptor;
import io.contacthub.intake.AfterRecordStep;
import io.contacthub.intake.EarlierResults;
import io.contacthub.intake.RecordedContact;
import io.contacthub.intake.TellsCustomer;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After-record step {@code acknowledgement}: queues an acknowledgement with the ticket reference when
 * a contact on a channel whose descriptor says {@link ChannelDescriptor#acknowledged()} (e-mail, web,
 * SMS; not calls, whose voice menu already told the caller, nor faxes) opens a new ticket, in the
 * transaction that records the contact. Nothing for IGNORED messages (auto-replies, bounces, lists,
 * STOP, the hub's own notifications), for contacts that join a ticket, for reruns, for mail from the
 * hub's own addresses, or when an earlier step already told the customer something more specific (a
 * complaint notice carries the reference too; two mails at once would be noise).
 */
@Component
class AcknowledgeNewTickets implements AfterRecordStep {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgeNewTickets.class);

    private final CustomerNotifications notifications;
    private final NotifySettings settings;
    private final ChannelCatalog channels;

    AcknowledgeNewTickets(CustomerNotifications notifications, NotifySettings settings, ChannelCatalog channels) {
        this.channels = channels;
        this.notifications = notifications;
        this.settings = settings;
    }

    /** @param customerTold the acknowledgement was queued (or recorded SUPPRESSED with its reason) */
    record Acknowledged(long notificationId, boolean customerTold) implements TellsCustomer {
    }

    @Override
    public String name() {
        return "acknowledgement";
    }

    @Override
    public Acknowledged apply(RecordedContact contact, EarlierResults earlier) {
        boolean acknowledged = channels.find(contact.channel()).map(ChannelDescriptor::acknowledged).orElse(false);
        if (!acknowledged || !contact.onTicket() || !contact.ticketOpened() || contact.rerun() || contact.customerId() == null
                || settings.isOwnAddress(contact.content().senderEmail()) || earlier.customerTold()) {
            return null;
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("name", contact.content().senderName());
        if (contact.content().subject() != null && !contact.content().subject().isBlank()) {
            vars.put("subject", contact.content().subject().strip());
        }
        try {
            return notifications.notifyCustomer(contact.ticketRef(), "ack", vars, "ack:" + contact.messageId(), null)
                    .map(q -> {
                        log.debug("acknowledgement {} for {} on {} to {}", q.notificationId(), contact.ticketRef(), q.channel(),
                                q.recipient());
                        return new Acknowledged(q.notificationId(), true);
                    })
                    .orElse(null);
        } catch (CustomerNotifications.NotDeliverable e) {
            log.info("no acknowledgement for {}: {}", contact.ticketRef(), e.getMessage());
            return null;
        }
    }
}
