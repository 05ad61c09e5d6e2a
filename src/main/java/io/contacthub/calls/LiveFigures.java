package io.contacthub.calls;

import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The supervisor's live view of calls: who waits and for how long, and today's calls answered and missed per hour. */
@Component("liveFigures")
public class LiveFigures {

    /** A caller waiting for an agent now; {@code offeredTo}: the agent whose phone rings for them, if any. */
    public record Waiting(long callId, String number, String customerName, String ticketRef, int waitedSeconds, String offeredTo) {
    }

    /**
     * Calls that came to the queue in one hour of today (in the viewer's zone).
     *
     * @param missed hung up while waiting, or sent to voicemail because no agent answered
     */
    public record Hour(int hour, long answered, long missed) {
    }

    private final JdbcClient jdbc;

    LiveFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Waiting> waiting() {
        return jdbc.sql("""
                        select c.id as call_id, c.customer_number as number, c.customer_name, c.ticket_ref,
                               extract(epoch from now() - c.queued_at)::int as waited_seconds,
                               (select coalesce(s.display_name, o.agent) from call_offer o left join staff_user s on s.username = o.agent
                                where o.call_id = c.id and o.ended_at is null limit 1) as offered_to
                        from (""" + CallLog.SELECT + """
                        ) c where c.state = 'QUEUED' order by c.queued_at""")
                .query(Waiting.class).list();
    }

    /** Today's hours so far in {@code zone}, each with the queued calls answered and missed. */
    public List<Hour> today(ZoneId zone) {
        return jdbc.sql("""
                        select extract(hour from queued_at at time zone :zone)::int as hour,
                               count(*) filter (where outcome = 'ANSWERED') as answered,
                               count(*) filter (where outcome in ('MISSED', 'VOICEMAIL')) as missed
                        from voice_call
                        where direction = 'INBOUND' and queued_at is not null
                          and queued_at >= (date_trunc('day', now() at time zone :zone) at time zone :zone)
                        group by 1 order by 1""")
                .param("zone", zone.getId()).query(Hour.class).list();
    }
}
