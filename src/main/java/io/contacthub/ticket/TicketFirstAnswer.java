package io.contacthub.ticket;

/**
 * When a ticket's customer first got an answer from staff that actually went out: the first staff reply, status
 * notice or complaint resolution notice on it that was SENT (or DELIVERED). The acknowledgement and the hub's
 * automatic answers (a tracking lookup's) are no answer from staff; a reply still queued is none yet.
 */
public final class TicketFirstAnswer {

    /** SQL for the time, or null, of ticket {@code t} (the query names the ticket {@code t}). */
    public static final String OF_T = """
            (select min(coalesce(n.sent_at, n.created_at)) from notification n
             where n.ticket_id = t.id and n.template in ('reply', 'status', 'complaint_resolved')
               and n.status in ('SENT', 'DELIVERED'))""";

    private TicketFirstAnswer() {
    }
}
