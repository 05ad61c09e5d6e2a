package io.contacthub.intake;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every inbound message with its status and reason, for staff (FAILED ones above all). */
@Component
public class MessageQueries {

    private static final String SELECT = """
            select m.id, m.channel, m.external_id, m.source, m.sender, m.content_type, m.raw_size, m.status, m.reason,
                   m.attempts, m.received_at, m.processed_at, t.ref
            from inbound_message m
            left join contact_record c on c.message_id = m.id
            left join ticket t on t.id = c.ticket_id
            """;

    private final JdbcClient jdbc;

    MessageQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<MessageView> list(String status, String channel, int limit, int offset) {
        return jdbc.sql(SELECT + """
                        where (cast(:status as text) is null or m.status = :status)
                          and (cast(:channel as text) is null or m.channel = :channel)
                        order by m.id desc limit :limit offset :offset""")
                .param("status", status == null || status.isBlank() ? null : status.trim().toUpperCase())
                .param("channel", channel == null || channel.isBlank() ? null : channel.trim().toUpperCase())
                .param("limit", limit)
                .param("offset", offset)
                .query(MessageView.class)
                .list();
    }

    public Optional<MessageView> find(long id) {
        return jdbc.sql(SELECT + " where m.id = ?").param(id).query(MessageView.class).optional();
    }

    /** The message a source knows by its own id (Message-ID, Idempotency-Key, MessageSid...). */
    public Optional<MessageView> findByExternalId(String channel, String externalId) {
        return jdbc.sql(SELECT + " where m.channel = ? and m.external_id = ?").params(channel, externalId)
                .query(MessageView.class).optional();
    }

    public Optional<RawOriginal> raw(long id) {
        return jdbc.sql("select content_type, raw from inbound_message where id = ?").param(id)
                .query((rs, n) -> new RawOriginal(rs.getString(1), rs.getBytes(2))).optional();
    }

    public Optional<RawOriginal> attachment(long id) {
        return jdbc.sql("select coalesce(content_type, 'application/octet-stream'), content from attachment where id = ?")
                .param(id).query((rs, n) -> new RawOriginal(rs.getString(1), rs.getBytes(2))).optional();
    }

    public record MessageView(long id, String channel, String externalId, String source, String sender,
                              String contentType, int rawSize, String status, String reason, int attempts,
                              OffsetDateTime receivedAt, OffsetDateTime processedAt, String ref) {
    }

    public record RawOriginal(String contentType, byte[] bytes) {
    }
}
