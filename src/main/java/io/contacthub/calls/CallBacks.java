package io.contacthub.calls;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Missed calls to call back: a caller who hung up while waiting for an agent gets one task (one per call, however
 * often Twilio reports the hang-up). It is done when an agent's call to that number is answered, or when an agent
 * marks it done.
 */
@Component("callBacks")
public class CallBacks {

    /** An open call-back task, with the missed call's ticket and caller. */
    public record CallBack(long id, long callId, String ticketRef, Long customerId, String customerName, String customerNumber,
                           OffsetDateTime missedAt) {
    }

    private final JdbcClient jdbc;

    CallBacks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The task for a missed call; a second report of the same call changes nothing. */
    @Transactional
    public void open(long callId) {
        jdbc.sql("insert into call_back (call_id) values (?) on conflict (call_id) do nothing").param(callId).update();
    }

    /** An agent's call to this number was answered: every open task for it is done, by that call. */
    @Transactional
    public int doneByCall(String number, String agent, long doneCallId) {
        return jdbc.sql("""
                        update call_back b set status = 'DONE', done_at = now(), done_by = :agent, done_call = :done
                        from voice_call vc where vc.id = b.call_id and b.status = 'OPEN' and vc.customer_number = :number""")
                .param("agent", agent).param("done", doneCallId).param("number", number == null ? "" : number).update();
    }

    /** @return whether an open task was marked done */
    @Transactional
    public boolean markDone(long id, String staff) {
        return jdbc.sql("update call_back set status = 'DONE', done_at = now(), done_by = ? where id = ? and status = 'OPEN'")
                .params(staff, id).update() == 1;
    }

    /** Open tasks, oldest first (at most 200). */
    public List<CallBack> open() {
        return jdbc.sql(SELECT + " where b.status = 'OPEN' order by b.created_at, b.id limit 200").query(CallBack.class).list();
    }

    public List<CallBack> openForTicket(long ticketId) {
        return jdbc.sql("select * from (" + SELECT + " where b.status = 'OPEN') x where x.ticket_id = :t order by x.missed_at")
                .param("t", ticketId).query(CallBack.class).list();
    }

    private static final String SELECT = """
            select b.id, b.call_id, c.ticket_ref, c.customer_id, c.customer_name, c.customer_number, b.created_at as missed_at,
                   c.ticket_id
            from call_back b join (""" + CallLog.SELECT + """
            ) c on c.id = b.call_id""";
}
