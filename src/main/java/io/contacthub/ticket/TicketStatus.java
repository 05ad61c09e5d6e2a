package io.contacthub.ticket;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Moves a ticket through OPEN → PENDING → RESOLVED → CLOSED (and back, when a customer writes again). */
@Component
public class TicketStatus {

    public static final List<String> STATUSES = List.of("OPEN", "PENDING", "RESOLVED", "CLOSED");

    private final JdbcClient jdbc;

    TicketStatus(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Why a change was refused. */
    public static class InvalidStatus extends RuntimeException {
        InvalidStatus(String message) {
            super(message);
        }
    }

    /**
     * Sets the status in the caller's transaction, the row locked so two agents' changes are
     * ordered. @return the status before, or empty when there is no such ticket
     * @throws InvalidStatus for a status not in {@link #STATUSES}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<String> change(String ref, String status) {
        String s = status == null ? "" : status.trim().toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(s)) {
            throw new InvalidStatus("status must be one of " + STATUSES + ", not " + status);
        }
        Optional<String> before = jdbc.sql("select status from ticket where ref = ? for update")
                .param(ref == null ? "" : ref.trim().toUpperCase(Locale.ROOT)).query(String.class).optional();
        before.ifPresent(b -> jdbc.sql("update ticket set status = ?, updated_at = now() where ref = ?")
                .params(s, ref.trim().toUpperCase(Locale.ROOT)).update());
        return before;
    }
}
