package io.contacthub.ticket;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A ticket's history: every change made to it, with who made it and when, written in the transaction of the
 * change itself so a change and its trace are never one without the other.
 */
@Component
public class TicketEvents {

    /** The actor of what the hub did by itself (a review flag raised, a ticket reopened by the customer's answer). */
    public static final String HUB = "hub";

    public enum Kind {
        STATUS, REOPENED, ASSIGNED, REVIEW_FLAGGED, REVIEW_CLEARED, MERGED_INTO, MERGED_FROM,
        NOTIFICATION_CANCELLED, NOTIFICATION_RESENT, NOTIFICATION_REDIRECTED
    }

    /**
     * @param actor     a staff username or {@link #HUB}
     * @param actorName the staff member's display name (their username when they have none); null for the hub
     */
    public record Event(long id, Kind kind, String actor, String actorName, String oldValue, String newValue,
                        Long notificationId, OffsetDateTime at) {
        public boolean byHub() {
            return HUB.equals(actor);
        }
    }

    private final JdbcClient jdbc;

    TicketEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records one change, in the caller's transaction (there must be one: the change's). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(long ticketId, Kind kind, String actor, String oldValue, String newValue, Long notificationId) {
        jdbc.sql("""
                        insert into ticket_event (ticket_id, kind, actor, old_value, new_value, notification_id)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(ticketId, kind.name(), actor == null || actor.isBlank() ? HUB : actor, oldValue, newValue, notificationId)
                .update();
    }

    public List<Event> of(long ticketId) {
        return jdbc.sql("""
                        select e.id, e.kind, e.actor, case when e.actor = 'hub' then null else coalesce(s.display_name, e.actor) end,
                               e.old_value, e.new_value, e.notification_id, e.created_at
                        from ticket_event e left join staff_user s on s.username = e.actor
                        where e.ticket_id = ? order by e.id""")
                .param(ticketId)
                .query((rs, n) -> new Event(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, Long.class), rs.getObject(8, OffsetDateTime.class)))
                .list();
    }
}
