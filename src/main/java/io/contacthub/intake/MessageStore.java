package io.contacthub.intake;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and settles rows of {@code inbound_message}. */
@Component
public class MessageStore {

    private final JdbcClient jdbc;

    public MessageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredMessage> load(long id) {
        return jdbc.sql("""
                        select id, channel, external_id, source, sender, content_type, raw, status, attempts, received_at
                        from inbound_message where id = ?""")
                .param(id)
                .query((rs, n) -> new StoredMessage(rs.getLong("id"), rs.getString("channel"), rs.getString("external_id"),
                        rs.getString("source"), rs.getString("sender"), rs.getString("content_type"), rs.getBytes("raw"),
                        MessageStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                        rs.getObject("received_at", java.time.OffsetDateTime.class)))
                .optional();
    }

    public void markFailed(long id, String reason) {
        jdbc.sql("""
                update inbound_message set status = 'FAILED', reason = ?, attempts = attempts + 1, processed_at = now()
                where id = ? and status = 'RECEIVED'""").params(reason, id).update();
    }

    /** Ids of messages committed but never finished, oldest first, after {@code afterId}. */
    public List<Long> pendingIds(long afterId, int limit) {
        return jdbc.sql("select id from inbound_message where status = 'RECEIVED' and id > ? order by id limit ?")
                .params(afterId, limit).query(Long.class).list();
    }

    /** Puts a FAILED message back to RECEIVED so it is processed again; false if it was not FAILED. */
    public boolean reopenFailed(long id) {
        return jdbc.sql("update inbound_message set status = 'RECEIVED', reason = null where id = ? and status = 'FAILED'")
                .param(id).update() == 1;
    }
}
