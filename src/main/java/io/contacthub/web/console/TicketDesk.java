package io.contacthub.web.console;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What staff do to a ticket besides replying: assign it, move its status ({@link io.contacthub.notify.StatusChanges}),
 * keep internal notes. The ticket page and the queue's bulk bar both come through here, so every change is
 * recorded on the ticket's history with who made it.
 */
@Component
class TicketDesk {

    private final JdbcClient jdbc;
    private final io.contacthub.notify.StatusChanges statusChanges;
    private final io.contacthub.ticket.TicketEvents events;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    TicketDesk(JdbcClient jdbc, io.contacthub.notify.StatusChanges statusChanges, io.contacthub.ticket.TicketEvents events,
               org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.statusChanges = statusChanges;
        this.events = events;
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactions);
    }

    record Note(long id, String author, String body, OffsetDateTime createdAt) {
    }

    /** Why a change was refused; shown to the agent. */
    static class ChangeRefused extends RuntimeException {
        ChangeRefused(String message) {
            super(message);
        }
    }

    Optional<Long> ticketId(String ref) {
        return jdbc.sql("select id from ticket where id = ticket_id_of(?)").param(ref.toUpperCase(Locale.ROOT)).query(Long.class).optional();
    }

    Optional<String> assignee(long ticketId) {
        return jdbc.sql("select assignee from ticket where id = ?").param(ticketId).query(String.class).optional();
    }

    Optional<String> reviewReason(long ticketId) {
        return jdbc.sql("select review_reason from ticket where id = ?").param(ticketId).query(String.class).optional();
    }

    List<String> staff() {
        return jdbc.sql("select username from staff_user order by username").query(String.class).list();
    }

    /**
     * @param username a staff login, or blank to unassign
     * @param actor    who assigns it
     */
    void assign(long ticketId, String username, String actor) {
        String who = username == null || username.isBlank() ? null : username.trim();
        if (who != null && !staff().contains(who)) {
            throw new ChangeRefused("no staff member " + who);
        }
        if (who != null && !jdbc.sql("select active from staff_user where username = ?").param(who).query(Boolean.class).single()) {
            throw new ChangeRefused(who + " is deactivated and cannot be given tickets");
        }
        transactions.executeWithoutResult(tx -> {
            String before = jdbc.sql("select coalesce(assignee, '') from ticket where id = ? for update").param(ticketId)
                    .query(String.class).optional().orElseThrow(() -> new ChangeRefused("no ticket " + ticketId));
            if (before.equals(who == null ? "" : who)) {
                return; // already theirs: nothing changes, nothing to record
            }
            jdbc.sql("update ticket set assignee = ?, updated_at = now() where id = ?").params(who, ticketId).update();
            events.record(ticketId, io.contacthub.ticket.TicketEvents.Kind.ASSIGNED, actor, before.isEmpty() ? null : before,
                    who, null);
        });
    }

    /**
     * Moves the ticket as {@code PATCH /api/tickets/{ref}} does: the status, its history event and the customer's
     * notice (when the new status is one customers are told of) in one transaction.
     *
     * @return false when there is no such ticket
     */
    boolean changeStatus(String ref, String newStatus, String note, String actor) {
        try {
            return statusChanges.change(ref, newStatus, note, actor).isPresent();
        } catch (io.contacthub.ticket.TicketStatus.InvalidStatus e) {
            throw new ChangeRefused(e.getMessage());
        }
    }

    void addNote(long ticketId, String author, String body) {
        if (body == null || body.isBlank()) {
            throw new ChangeRefused("the note is empty");
        }
        if (body.length() > 10_000) {
            throw new ChangeRefused("the note is longer than 10000 characters");
        }
        jdbc.sql("insert into ticket_note (ticket_id, author, body) values (?, ?, ?)").params(ticketId, author, body.strip()).update();
    }

    List<Note> notes(long ticketId) {
        return jdbc.sql("select id, author, body, created_at from ticket_note where ticket_id = ? order by id")
                .param(ticketId).query(Note.class).list();
    }
}
