package io.contacthub.ticket;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Flags a ticket for staff when the hub could not finish it alone (incomplete order fields, an
 * unknown waybill, a back-office system that refused or stayed down). The reason is what staff
 * read in the queue; several reasons accumulate, one per line.
 */
@Component
public class TicketReview {

    private final JdbcClient jdbc;

    TicketReview(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void flag(long ticketId, String reason) {
        jdbc.sql("""
                        update ticket set review_reason = case
                                when review_reason is null then :reason
                                when position(:reason in review_reason) > 0 then review_reason
                                else review_reason || E'\\n' || :reason end,
                            updated_at = now()
                        where id = :id""")
                .param("reason", reason).param("id", ticketId).update();
    }

    /** Staff have dealt with it. */
    public void clear(long ticketId) {
        jdbc.sql("update ticket set review_reason = null, updated_at = now() where id = ?").param(ticketId).update();
    }
}
