package io.contacthub.ticket;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Flags a ticket for staff when the hub could not finish it alone (incomplete order fields, an
 * unknown waybill, a back-office system that refused or stayed down). The reason is what staff
 * read in the queue; several reasons accumulate, one per line. Raising a new reason and clearing
 * the flag are events on the ticket's history ({@link TicketEvents}).
 */
@Component
public class TicketReview {

    private final JdbcClient jdbc;
    private final TicketEvents events;

    TicketReview(JdbcClient jdbc, TicketEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    public void flag(long ticketId, String reason) {
        Optional<String> before = current(ticketId);
        if (before.isEmpty() || reason == null || reason.isBlank()) {
            return;
        }
        String now = before.get();
        if (!now.isEmpty() && now.contains(reason)) {
            return; // already flagged for this: the same reason twice is one line and one event
        }
        jdbc.sql("""
                        update ticket set review_reason = case when review_reason is null then :reason
                                else review_reason || E'\\n' || :reason end,
                            updated_at = now()
                        where id = :id""")
                .param("reason", reason).param("id", ticketId).update();
        events.record(ticketId, TicketEvents.Kind.REVIEW_FLAGGED, TicketEvents.HUB, null, reason, null);
    }

    /**
     * Staff have dealt with it (or resolved the ticket).
     *
     * @return whether there was a flag to clear
     */
    @Transactional
    public boolean clear(long ticketId, String staff) {
        String before = current(ticketId).orElse("");
        if (before.isEmpty()) {
            return false;
        }
        jdbc.sql("update ticket set review_reason = null, updated_at = now() where id = ?").param(ticketId).update();
        events.record(ticketId, TicketEvents.Kind.REVIEW_CLEARED, staff, before, null, null);
        return true;
    }

    /** The reason now ("" when not flagged), the row locked so two changes are ordered; empty when there is no such ticket. */
    private Optional<String> current(long ticketId) {
        return jdbc.sql("select coalesce(review_reason, '') from ticket where id = ? for update").param(ticketId)
                .query(String.class).optional();
    }
}
