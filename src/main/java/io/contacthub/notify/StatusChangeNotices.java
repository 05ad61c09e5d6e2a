package io.contacthub.notify;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the customer when staff move their ticket to a status they care about
 * ({@code hub.notify.status-changes}, default RESOLVED), in the transaction of the change.
 * Moving a ticket back and forth tells them each time it reaches such a status, never twice for
 * one change.
 */
@Component
public class StatusChangeNotices {

    private static final Logger log = LoggerFactory.getLogger(StatusChangeNotices.class);
    private static final Map<String, String> ZH = Map.of("OPEN", "处理中", "PENDING", "等待您的回复", "RESOLVED", "已解决",
            "CLOSED", "已关闭");
    private static final Map<String, String> EN = Map.of("OPEN", "open", "PENDING", "waiting for your answer",
            "RESOLVED", "resolved", "CLOSED", "closed");

    private final CustomerNotifications notifications;
    private final List<String> notified;

    StatusChangeNotices(CustomerNotifications notifications, StatusChangeSettings settings) {
        this.notifications = notifications;
        this.notified = settings.statusChanges();
    }

    /**
     * @param changeId unique per change (e.g. the audit row's id or a UUID), the notification's idempotency key
     * @param note     optional words from staff for the customer
     */
    @Transactional
    public void changed(String ticketRef, String oldStatus, String newStatus, String note, String changeId) {
        if (newStatus == null || newStatus.equalsIgnoreCase(oldStatus) || !notified.contains(newStatus.toUpperCase(Locale.ROOT))) {
            return;
        }
        String status = newStatus.toUpperCase(Locale.ROOT);
        Map<String, Object> vars = new HashMap<>();
        // The template is chosen by the customer's language; each picks its own label.
        vars.put("statusZh", ZH.getOrDefault(status, status));
        vars.put("statusEn", EN.getOrDefault(status, status));
        vars.put("note", note == null || note.isBlank() ? null : note.strip());
        try {
            notifications.notifyCustomer(ticketRef, "status", vars, "status:" + changeId, null)
                    .ifPresent(q -> log.info("status change of {} to {} told on {} to {}", ticketRef, status, q.channel(), q.recipient()));
        } catch (CustomerNotifications.NotDeliverable e) {
            log.info("status change of {} to {} not told to the customer: {}", ticketRef, status, e.getMessage());
        }
    }
}
