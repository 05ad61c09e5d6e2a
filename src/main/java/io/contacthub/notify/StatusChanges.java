package io.contacthub.notify;

import io.contacthub.ticket.TicketStatus;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way staff move a ticket's status, from the ticket page, the queue's bulk bar and {@code PATCH
 * /api/tickets/{ref}} alike: the status with its history event (and the review flag cleared on resolving:
 * {@link TicketStatus}) and the customer's notice on a notified status, in one transaction. Reaching RESOLVED is
 * published as {@link TicketResolved} in that transaction (the satisfaction survey listens).
 */
@Component
public class StatusChanges {

    private final TicketStatus status;
    private final StatusChangeNotices notices;
    private final ApplicationEventPublisher events;

    StatusChanges(TicketStatus status, StatusChangeNotices notices, ApplicationEventPublisher events) {
        this.status = status;
        this.notices = notices;
        this.events = events;
    }

    /**
     * @param note  optional words for the customer's notice
     * @param staff who made the change
     * @return the status before, or empty when there is no such ticket
     * @throws TicketStatus.InvalidStatus for a status not in {@link TicketStatus#STATUSES}
     */
    @Transactional
    public Optional<String> change(String ref, String newStatus, String note, String staff) {
        Optional<String> before = status.change(ref, newStatus, staff);
        before.ifPresent(old -> notices.changed(ref, old, newStatus, note, UUID.randomUUID().toString()));
        if (before.isPresent() && "RESOLVED".equalsIgnoreCase(newStatus) && !"RESOLVED".equalsIgnoreCase(before.get())) {
            events.publishEvent(new TicketResolved(ref.trim().toUpperCase(Locale.ROOT), staff));
        }
        return before;
    }
}
