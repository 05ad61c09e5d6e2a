package io.contacthub.ticket;

/**
 * When a ticket's customer first got an answer from staff that actually went out: the first staff reply, status
 * notice or complaint resolution notice on it that was SENT (or DELIVERED). The acknowledgement and the hub's
 * automatic answers (a tracking lookup's) are no answer from staff; a reply still queued is none yet. An agent's
 * line in a web chat that the visitor was there to receive is an answer when it was said (a line the visitor missed
 * went out as a reply notification and counts when that is sent). The chat's tables are read by name only, so the
 * ticket core depends on no channel's code.
 */
public final class TicketFirstAnswer {

    /** SQL for the time, or null, of ticket {@code t} (the query names the ticket {@code t}). */
    public static final String OF_T = """
            (select min(a) from (
                select min(coalesce(n.sent_at, n.created_at)) as a from notification n
                where n.ticket_id = t.id and n.template in ('reply', 'status', 'complaint_resolved')
                  and n.status in ('SENT', 'DELIVERED')
                union all
                select min(l.created_at) from chat_line l join chat_conversation cc on cc.id = l.conversation_id
                where cc.ticket_ref = t.ref and l.author = 'AGENT' and l.notification_id is null) answers)""";

    private TicketFirstAnswer() {
    }
}
