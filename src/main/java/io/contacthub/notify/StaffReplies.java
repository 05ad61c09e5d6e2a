package io.contacthub.notify;

import io.contacthub.ticket.TicketReference;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A staff member's answer on a ticket, queued as an e-mail notification; and a ticket's outbound timeline. */
@Component
public class StaffReplies {

    private final JdbcClient jdbc;
    private final Outbox outbox;

    StaffReplies(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
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

    public record Queued(long notificationId, String status) {
    }

    @Transactional
    public Queued reply(String ref, String body, String channel) {
        if (channel != null && !channel.isBlank() && !Outbox.EMAIL.equalsIgnoreCase(channel.trim())) {
            throw new ReplyRejected("only EMAIL replies are supported so far, not " + channel, false);
        }
        if (body == null || body.isBlank()) {
            throw new ReplyRejected("body must not be blank", false);
        }
        record Ticket(long id, String ref, String subject, Long customerId) {
        }
        Ticket ticket = jdbc.sql("select id, ref, subject, customer_id from ticket where ref = ?")
                .param(ref == null ? "" : ref.trim().toUpperCase(Locale.ROOT))
                .query((rs, n) -> new Ticket(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4) == null ? null : rs.getLong(4)))
                .optional().orElseThrow(() -> new ReplyRejected("no ticket " + ref, true));
        if (ticket.customerId() == null) {
            throw new ReplyRejected("ticket " + ticket.ref() + " has no customer to answer", false);
        }
        Optional<String> email = jdbc.sql("""
                        select value from customer_identity where customer_id = ? and kind = 'EMAIL' order by id desc limit 1""")
                .param(ticket.customerId()).query(String.class).optional();
        if (email.isEmpty()) {
            throw new ReplyRejected("the customer of " + ticket.ref() + " has no e-mail address", false);
        }
        String language = jdbc.sql("select language from customer where id = ?").param(ticket.customerId())
                .query(String.class).optional().orElse(null);
        // Answer the customer's latest mail on this ticket, so their client threads the conversation.
        String inReplyTo = jdbc.sql("""
                        select rfc_message_id from contact_record where ticket_id = ? and channel = 'EMAIL'
                          and rfc_message_id is not null order by id desc limit 1""")
                .param(ticket.id()).query(String.class).optional().orElse(null);
        String subject = TicketReference.tag(ticket.ref()) + " " + (ticket.subject() == null ? "" : ticket.subject());
        long id = outbox.enqueueEmail(ticket.id(), ticket.customerId(), email.get(), "reply", language, subject.strip(),
                        Map.of("body", body.strip(), "ref", ticket.ref()), inReplyTo, "reply:" + UUID.randomUUID())
                .orElseThrow();
        return new Queued(id, "QUEUED");
    }

    public List<NotificationView> forTicket(long ticketId) {
        return jdbc.sql("""
                        select id, channel, recipient, template, subject, body, status, attempts, last_error, created_at,
                               sent_at, rfc_message_id
                        from notification where ticket_id = ? order by id""")
                .param(ticketId)
                .query((rs, n) -> new NotificationView(rs.getLong("id"), "OUTBOUND", rs.getString("channel"),
                        rs.getString("recipient"), rs.getString("template"), rs.getString("subject"), rs.getString("body"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class),
                        rs.getString("rfc_message_id")))
                .list();
    }

    public record NotificationView(long id, String direction, String channel, String recipient, String template,
                                   String subject, String body, String status, int attempts, String lastError,
                                   OffsetDateTime createdAt, OffsetDateTime sentAt, String messageId) {
    }
}
