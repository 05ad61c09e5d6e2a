package io.contacthub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records hand-offs (in the caller's transaction) and reads them back for staff. */
@Component
public class Handoffs {

    static final String COLUMNS = """
            h.id, h.ticket_id, t.ref, h.message_id, h.system, h.operation, h.idempotency_key, h.payload, h.status,
            h.attempts, h.last_error, h.next_attempt_at, h.response_status, h.response, h.external_ref, h.created_at,
            h.replayed_at, h.delivered_at""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    Handoffs(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Records a call to make. The same idempotency key twice records one hand-off: a replayed or
     * redelivered contact never orders twice. Returns the new id, or empty for a repeat.
     */
    @Transactional
    public Optional<Long> record(String system, String operation, String idempotencyKey, Long ticketId, Long messageId,
                                 JsonNode payload) {
        return jdbc.sql("""
                        insert into handoff (system, operation, idempotency_key, ticket_id, message_id, payload)
                        values (?, ?, ?, ?, ?, cast(? as jsonb))
                        on conflict (idempotency_key) do nothing returning id""")
                .params(system, operation, idempotencyKey, ticketId, messageId, payload.toString())
                .query(Long.class).optional();
    }

    public List<Handoff> list(String system, String status, Long ticketId, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from handoff h left join ticket t on t.id = h.ticket_id
                        where (cast(:system as text) is null or h.system = :system)
                          and (cast(:status as text) is null or h.status = :status)
                          and (cast(:ticket as bigint) is null or h.ticket_id = :ticket)
                        order by h.id desc limit :limit""")
                .param("system", system == null ? null : system.toUpperCase())
                .param("status", status == null ? null : status.toUpperCase())
                .param("ticket", ticketId)
                .param("limit", limit)
                .query((rs, n) -> read(rs, json)).list();
    }

    public Optional<Handoff> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from handoff h left join ticket t on t.id = h.ticket_id where h.id = ?")
                .param(id).query((rs, n) -> read(rs, json)).optional();
    }

    /** Puts a FAILED or REJECTED hand-off back in the queue, due now, with a fresh attempt count. */
    @Transactional
    public boolean replay(long id) {
        return jdbc.sql("""
                        update handoff set status = 'QUEUED', attempts = 0, next_attempt_at = now(), replayed_at = now(),
                            last_error = 'replayed by staff after: ' || coalesce(last_error, status)
                        where id = ? and status in ('FAILED', 'REJECTED')""")
                .param(id).update() == 1;
    }

    static Handoff read(ResultSet rs, ObjectMapper json) throws SQLException {
        JsonNode payload;
        try {
            payload = json.readTree(rs.getString("payload"));
        } catch (Exception e) {
            throw new SQLException("unreadable hand-off payload", e);
        }
        return new Handoff(rs.getLong("id"), (Long) rs.getObject("ticket_id", Long.class), rs.getString("ref"),
                (Long) rs.getObject("message_id", Long.class), rs.getString("system"), rs.getString("operation"),
                rs.getString("idempotency_key"), payload, rs.getString("status"), rs.getInt("attempts"),
                rs.getString("last_error"), rs.getObject("next_attempt_at", OffsetDateTime.class),
                (Integer) rs.getObject("response_status", Integer.class), rs.getString("response"),
                rs.getString("external_ref"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("replayed_at", OffsetDateTime.class), rs.getObject("delivered_at", OffsetDateTime.class));
    }
}
