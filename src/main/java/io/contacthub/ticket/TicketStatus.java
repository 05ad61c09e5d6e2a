package io.contacthub.ticket;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a ticket through OPEN → PENDING → RESOLVED → CLOSED (and back, when a customer writes again). Every
 * change is an event on the ticket's history. Resolving or closing a ticket also clears its "needs review" flag
 * (recorded as its own event): a resolved ticket has been dealt with, and a flag left on it would keep it in
 * the review list for nobody, which is how Zendesk and Zammad agents expect solving to work.
 */
@Component
public class TicketStatus {

    public static final List<String> STATUSES = List.of("OPEN", "PENDING", "RESOLVED", "CLOSED");

    /** The statuses that end the work on a ticket: reaching one clears the review flag. */
    public static final List<String> DONE = List.of("RESOLVED", "CLOSED");

    private final JdbcClient jdbc;
    private final TicketEvents events;
    private final TicketReview review;

    TicketStatus(JdbcClient jdbc, TicketEvents events, TicketReview review) {
        this.jdbc = jdbc;
        this.events = events;
        this.review = review;
    }

    /** Why a change was refused. */
    public static class InvalidStatus extends RuntimeException {
        InvalidStatus(String message) {
            super(message);
        }
    }

    /**
     * Sets the status in the caller's transaction, the row locked so two agents' changes are
     * ordered, and records it with {@code actor} (a staff username). Setting the status a ticket already
     * has changes nothing and records nothing.
     *
     * @return the status before, or empty when there is no such ticket
     * @throws InvalidStatus for a status not in {@link #STATUSES}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<String> change(String ref, String status, String actor) {
        String s = status == null ? "" : status.trim().toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(s)) {
            throw new InvalidStatus("status must be one of " + STATUSES + ", not " + status);
        }
        record Row(long id, String status) {
        }
        Optional<Row> before = jdbc.sql("select id, status from ticket where ref = ? for update")
                .param(ref == null ? "" : ref.trim().toUpperCase(Locale.ROOT))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2))).optional();
        before.filter(b -> !b.status().equals(s)).ifPresent(b -> {
            jdbc.sql("update ticket set status = ?, updated_at = now() where id = ?").params(s, b.id()).update();
            events.record(b.id(), TicketEvents.Kind.STATUS, actor, b.status(), s, null);
        });
        if (DONE.contains(s)) {
            before.ifPresent(b -> review.clear(b.id(), actor));
        }
        return before.map(Row::status);
    }
}
