package io.contacthub.notify;

import io.contacthub.ticket.TicketEvents;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff do with a notification that has not gone out: cancel a QUEUED one (it is then never sent), send a
 * FAILED one again, or send a QUEUED or FAILED one on another channel the customer can be reached on. Each is an
 * event on the ticket's history with who did it.
 *
 * <p>Every change is a conditional UPDATE on the status staff saw. The dispatcher claims a row with
 * {@code FOR UPDATE SKIP LOCKED} and marks it SENDING in the same transaction, so a cancel racing a send either
 * wins (the row is CANCELLED before the claim, which then skips it) or waits for the claim's commit and then
 * finds SENDING and changes nothing: a notification is never both sent and cancelled.
 */
@Component
public class NotificationActions {

    private final JdbcClient jdbc;
    private final CustomerNotifications notifications;
    private final TicketEvents events;

    NotificationActions(JdbcClient jdbc, CustomerNotifications notifications, TicketEvents events) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.events = events;
    }

    /**
     * Why an action was refused, as a message key ({@code outbox.refused.<key>}) staff read in their language.
     */
    public static class ActionRefused extends RuntimeException {
        private final String key;

        ActionRefused(String key, String message) {
            super(message);
            this.key = key;
        }

        /** notFound, notQueued, notFailed, done, sameChannel, unreachable */
        public String key() {
            return key;
        }
    }

    /** Cancels a QUEUED notification of the ticket: it is never sent. */
    @Transactional
    public void cancel(long ticketId, long notificationId, String staff) {
        Row row = row(ticketId, notificationId);
        int changed = jdbc.sql("""
                        update notification set status = 'CANCELLED', last_error = null
                        where id = ? and status = 'QUEUED' and superseded_by is null""")
                .param(notificationId).update();
        if (changed == 0) {
            throw refusedFor(row, "QUEUED");
        }
        events.record(ticketId, TicketEvents.Kind.NOTIFICATION_CANCELLED, staff, row.channel(), null, notificationId);
    }

    /** Puts a FAILED notification back in the queue for a new round of attempts on its own channel. */
    @Transactional
    public void resend(long ticketId, long notificationId, String staff) {
        Row row = row(ticketId, notificationId);
        int changed = jdbc.sql("""
                        update notification set status = 'QUEUED', attempts = 0, next_attempt_at = now(), replayed_at = now(),
                            sending_since = null
                        where id = ? and status = 'FAILED' and superseded_by is null""")
                .param(notificationId).update();
        if (changed == 0) {
            throw refusedFor(row, "FAILED");
        }
        events.record(ticketId, TicketEvents.Kind.NOTIFICATION_RESENT, staff, row.lastError(), row.channel(), notificationId);
    }

    /**
     * Sends a QUEUED or FAILED notification's text on {@code channel} instead: the original is CANCELLED (when it was
     * still queued) or stays FAILED, and points to its replacement either way.
     *
     * @return the replacement (SUPPRESSED with the reason when the channel's rules refuse the address)
     */
    @Transactional
    public CustomerNotifications.Queued sendOn(long ticketId, long notificationId, String channel, String staff) {
        Row row = row(ticketId, notificationId);
        String target = channel == null ? "" : channel.trim().toUpperCase(Locale.ROOT);
        if (target.isEmpty() || target.equals(row.channel())) {
            throw new ActionRefused("sameChannel", "choose another channel than " + row.channel());
        }
        // Take it first (the same guard as a cancel), so the dispatcher cannot send the original meanwhile.
        int taken = jdbc.sql("""
                        update notification set status = case when status = 'QUEUED' then 'CANCELLED' else status end,
                            superseded_by = id
                        where id = ? and status in ('QUEUED', 'FAILED') and superseded_by is null""")
                .param(notificationId).update();
        if (taken == 0) {
            throw refusedFor(row, null);
        }
        CustomerNotifications.Queued copy;
        try {
            copy = notifications.sendCopyOn(notificationId, target, "redirect:" + notificationId + ":" + UUID.randomUUID());
        } catch (CustomerNotifications.NotDeliverable e) {
            throw new ActionRefused("unreachable", e.getMessage()); // rolls the take back: the original stays as it was
        }
        jdbc.sql("update notification set superseded_by = ? where id = ?").params(copy.notificationId(), notificationId).update();
        events.record(ticketId, TicketEvents.Kind.NOTIFICATION_REDIRECTED, staff, row.channel(), copy.channel(),
                copy.notificationId());
        return copy;
    }

    private record Row(String status, String channel, String lastError, Long supersededBy) {
    }

    private Row row(long ticketId, long notificationId) {
        return jdbc.sql("select status, channel, last_error, superseded_by from notification where id = ? and ticket_id = ?")
                .params(notificationId, ticketId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, Long.class)))
                .optional().orElseThrow(() -> new ActionRefused("notFound", "no notification " + notificationId + " on this ticket"));
    }

    /** Why the conditional update changed nothing: the row as it is now (the dispatcher may have just taken it). */
    private ActionRefused refusedFor(Row before, String wanted) {
        if (before.supersededBy() != null) {
            return new ActionRefused("done", "it was already sent another way");
        }
        if ("QUEUED".equals(wanted)) {
            return new ActionRefused("notQueued", "only a QUEUED notification can be cancelled");
        }
        if ("FAILED".equals(wanted)) {
            return new ActionRefused("notFailed", "only a FAILED notification can be sent again");
        }
        return new ActionRefused("notQueued", "only a QUEUED or FAILED notification can be sent another way");
    }
}
