package io.contacthub.notify;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A staff member's answer on a ticket, queued in the outbox on the customer's channel; and a ticket's outbound timeline. */
@Component
public class StaffReplies {

    private final JdbcClient jdbc;
    private final CustomerNotifications notifications;

    StaffReplies(JdbcClient jdbc, CustomerNotifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    /** Why a reply could not be queued. */
    public static class ReplyRejected extends RuntimeException {
        private final boolean notFound;

        ReplyRejected(String message, boolean notFound) {
            super(message);
            this.notFound = notFound;
        }

        public boolean notFound() {
            return notFound;
        }
    }

    public record Queued(long notificationId, String status, String channel, String recipient) {
    }

    /**
     * Queues the reply on the channel the agent chose, or by the customer's channel rules
     * ({@link CustomerNotifications}) when {@code channel} is blank.
     */
    @Transactional
    public Queued reply(String ref, String body, String channel) {
        if (body == null || body.isBlank()) {
            throw new ReplyRejected("body must not be blank", false);
        }
        try {
            CustomerNotifications.Queued queued = notifications.notifyCustomer(ref, "reply", Map.of("body", body.strip()),
                    "reply:" + UUID.randomUUID(), channel).orElseThrow();
            return new Queued(queued.notificationId(), queued.status(), queued.channel(), queued.recipient());
        } catch (CustomerNotifications.NotDeliverable e) {
            throw new ReplyRejected(e.getMessage(), e.noTicket());
        }
    }

    public List<NotificationView> forTicket(long ticketId) {
        return jdbc.sql("""
                        select id, channel, recipient, template, subject, body, status, attempts, last_error, created_at,
                               sent_at, rfc_message_id, provider_id, delivery_status, next_attempt_at, superseded_by
                        from notification where ticket_id = ? order by id""")
                .param(ticketId)
                .query((rs, n) -> new NotificationView(rs.getLong("id"), "OUTBOUND", rs.getString("channel"),
                        rs.getString("recipient"), rs.getString("template"), rs.getString("subject"), rs.getString("body"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class),
                        rs.getString("rfc_message_id"), rs.getString("provider_id"), rs.getString("delivery_status"),
                        rs.getObject("next_attempt_at", OffsetDateTime.class), rs.getObject("superseded_by", Long.class)))
                .list();
    }

    public record NotificationView(long id, String direction, String channel, String recipient, String template,
                                   String subject, String body, String status, int attempts, String lastError,
                                   OffsetDateTime createdAt, OffsetDateTime sentAt, String messageId, String providerId,
                                   String deliveryStatus, OffsetDateTime nextAttemptAt, Long supersededBy) {

        /**
         * Staff may still act on it: a QUEUED one can be cancelled or sent on another channel instead, a FAILED one
         * sent again or on another channel; one already replaced by another is done with.
         */
        public boolean actionable() {
            return supersededBy == null && ("QUEUED".equals(status) || "FAILED".equals(status));
        }
    }
}
