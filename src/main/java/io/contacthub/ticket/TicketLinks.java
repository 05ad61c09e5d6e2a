package io.contacthub.ticket;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff link a ticket into the one it belongs to (a ticket opened because its sender quoted a
 * reference the hub would not let them join). The contacts and what was sent about them move to the
 * kept ticket; the linked ticket is closed with a note saying where they went.
 */
@Component
public class TicketLinks {

    private final JdbcClient jdbc;

    TicketLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        jdbc.sql("update contact_record set ticket_id = ? where ticket_id = ?").params(into, from).update();
        jdbc.sql("update notification set ticket_id = ? where ticket_id = ?").params(into, from).update();
        jdbc.sql("""
                update ticket set status = 'CLOSED', review_reason = null, updated_at = now() where id = ?""").param(from).update();
        jdbc.sql("""
                update ticket set last_contact_at = greatest(last_contact_at, (select last_contact_at from ticket where id = ?)),
                    updated_at = now() where id = ?""").params(from, into).update();
        note(from, staff, "linked into " + TicketReference.tag(intoRef.toUpperCase()) + " by " + staff);
        note(into, staff, "contacts of " + TicketReference.tag(fromRef.toUpperCase()) + " linked here by " + staff);
    }

    private void note(long ticketId, String staff, String text) {
        jdbc.sql("insert into ticket_note (ticket_id, author, body) values (?, ?, ?)").params(ticketId, staff, text).update();
    }

    private long id(String ref) {
        return jdbc.sql("select id from ticket where ref = ?").param(ref == null ? "" : ref.trim().toUpperCase())
                .query(Long.class).optional().orElseThrow(() -> new LinkRefused("no ticket " + ref));
    }
}
