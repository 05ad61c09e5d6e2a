package io.contacthub.ticket;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff link a ticket into the one it belongs to (a ticket opened because its sender quoted a
 * reference the hub would not let them join). The contacts and what was sent about them move to the
 * kept ticket; the linked ticket is closed. Both tickets' histories say so (MERGED_INTO, MERGED_FROM), which
 * replaces the English notes this used to write: the timeline shows events in the viewer's language.
 */
@Component
public class TicketLinks {

    private final JdbcClient jdbc;
    private final TicketEvents events;

    TicketLinks(JdbcClient jdbc, TicketEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Why a link was refused. */
    public static class LinkRefused extends RuntimeException {
        LinkRefused(String message) {
            super(message);
        }
    }

    @Transactional
    public void link(String fromRef, String intoRef, String staff) {
        long from = id(fromRef);
        long into = id(intoRef);
        if (from == into) {
            throw new LinkRefused("a ticket cannot be linked into itself");
        }
        jdbc.sql("select id from ticket where id in (?, ?) order by id for update").params(from, into).query(Long.class).list();
        String statusBefore = jdbc.sql("select status from ticket where id = ?").param(from).query(String.class).single();
        String reviewBefore = jdbc.sql("select coalesce(review_reason, '') from ticket where id = ?").param(from)
                .query(String.class).single();
        jdbc.sql("update contact_record set ticket_id = ? where ticket_id = ?").params(into, from).update();
        jdbc.sql("update notification set ticket_id = ? where ticket_id = ?").params(into, from).update();
        jdbc.sql("""
                update ticket set status = 'CLOSED', review_reason = null, updated_at = now() where id = ?""").param(from).update();
        jdbc.sql("""
                update ticket set last_contact_at = greatest(last_contact_at, (select last_contact_at from ticket where id = ?)),
                    updated_at = now() where id = ?""").params(from, into).update();
        String fromTag = fromRef.trim().toUpperCase();
        String intoTag = intoRef.trim().toUpperCase();
        events.record(from, TicketEvents.Kind.MERGED_INTO, staff, null, intoTag, null);
        events.record(into, TicketEvents.Kind.MERGED_FROM, staff, fromTag, null, null);
        if (!"CLOSED".equals(statusBefore)) {
            events.record(from, TicketEvents.Kind.STATUS, staff, statusBefore, "CLOSED", null);
        }
        if (!reviewBefore.isEmpty()) {
            events.record(from, TicketEvents.Kind.REVIEW_CLEARED, staff, reviewBefore, null, null);
        }
    }

    private long id(String ref) {
        return jdbc.sql("select id from ticket where id = ticket_id_of(?)").param(ref == null ? "" : ref.trim().toUpperCase())
                .query(Long.class).optional().orElseThrow(() -> new LinkRefused("no ticket " + ref));
    }
}
