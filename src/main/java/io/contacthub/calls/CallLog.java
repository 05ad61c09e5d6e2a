package io.contacthub.calls;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The calls the hub knows ({@code voice_call}), as staff see them. An inbound call's ticket and customer are those of
 * the VOICE contact with the same CallSid (the intake makes it from the incoming-call webhook), read when shown, so a
 * call asked for before that contact is processed finds it afterwards.
 */
@Component("callLog")
public class CallLog {

    /**
     * One call.
     *
     * @param outcome          ANSWERED, MISSED, VOICEMAIL, BUSY, NO_ANSWER or FAILED; for an inbound call that never
     *                         reached the queue: VOICEMAIL when a voicemail was left, else MISSED; null while it runs
     * @param recordingFileId  the stored recording (an attachment of the recording's contact), when there is one
     */
    public record Call(long id, String callSid, String direction, Long ticketId, String ticketRef, Long customerId,
                       String customerName, String customerNumber, String agent, String agentName, String state,
                       String outcome, OffsetDateTime queuedAt, OffsetDateTime answeredAt, OffsetDateTime endedAt,
                       Integer durationSeconds, String recordingSid, Long recordingFileId, String language,
                       String callbackBase, OffsetDateTime createdAt) {

        public boolean inbound() {
            return "INBOUND".equals(direction);
        }
    }

    static final String SELECT = """
            select vc.id, vc.call_sid, vc.direction, t.id as ticket_id, t.ref as ticket_ref,
                   coalesce(t.customer_id, mc.customer_id) as customer_id, cu.display_name as customer_name,
                   vc.customer_number, vc.agent, coalesce(s.display_name, vc.agent) as agent_name, vc.state,
                   coalesce(vc.outcome, case when vc.state = 'ENDED' and vc.direction = 'INBOUND' then
                       case when exists (select 1 from inbound_message r where r.channel = 'VOICE'
                                         and r.source = 'twilio:recording:' || vc.call_sid) then 'VOICEMAIL' else 'MISSED' end end) as outcome,
                   vc.queued_at, vc.answered_at, vc.ended_at, vc.duration_seconds, vc.recording_sid,
                   (select a.id from inbound_message rm join attachment a on a.message_id = rm.id
                    where vc.recording_sid is not null and rm.channel = 'VOICE' and rm.external_id = vc.recording_sid
                    order by a.id limit 1) as recording_file_id,
                   vc.language, vc.callback_base, vc.created_at
            from voice_call vc
            left join lateral (select c.ticket_id, c.customer_id from inbound_message m join contact_record c on c.message_id = m.id
                               where vc.direction = 'INBOUND' and m.channel = 'VOICE' and m.external_id = vc.call_sid
                               limit 1) mc on true
            left join ticket t on t.id = coalesce(vc.ticket_id, mc.ticket_id)
            left join customer cu on cu.id = coalesce(t.customer_id, mc.customer_id)
            left join staff_user s on s.username = vc.agent
            """;

    private final JdbcClient jdbc;

    CallLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Call> find(long id) {
        return jdbc.sql(SELECT + " where vc.id = :id").param("id", id).query(Call.class).optional();
    }

    public Optional<Call> byCallSid(String callSid) {
        return jdbc.sql(SELECT + " where vc.call_sid = :sid").param("sid", callSid == null ? "" : callSid).query(Call.class).optional();
    }

    /** Every call of a ticket, oldest first. */
    public List<Call> ofTicket(long ticketId) {
        return jdbc.sql(SELECT + " where t.id = :ticket order by vc.created_at, vc.id").param("ticket", ticketId)
                .query(Call.class).list();
    }

    /** Callers waiting for an agent now, longest waiting first. */
    public List<Call> waiting() {
        return jdbc.sql(SELECT + " where vc.state = 'QUEUED' order by vc.queued_at, vc.id").query(Call.class).list();
    }
}
