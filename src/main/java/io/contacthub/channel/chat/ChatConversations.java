package io.contacthub.channel.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The chat's own tables: conversations (with the visitor's token, hashed) and their lines, both sides. */
@Component
class ChatConversations {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CONVERSATION_COLUMNS = """
            id, public_id, name, email, phone, member_customer_id, language, opened_from, first_external_id, ticket_ref,
            created_at, waiting_since, ended_at""";

    record Conversation(long id, String publicId, String name, String email, String phone, Long memberCustomerId,
                        String language, String openedFrom, String firstExternalId, String ticketRef,
                        OffsetDateTime createdAt, OffsetDateTime waitingSince, OffsetDateTime endedAt) {
        boolean ended() {
            return endedAt != null;
        }
    }

    /** A line of either side. {@code staffName} is the agent's display name (their user name when they have none). */
    record Line(long id, String author, String clientMessageId, String staffUsername, String staffName, String body,
                Long notificationId, OffsetDateTime createdAt) {
        boolean fromCustomer() {
            return "CUSTOMER".equals(author);
        }
    }

    /** A new conversation and the token its browser proves itself with (shown once, never stored). */
    record Opened(Conversation conversation, String token) {
    }

    private final JdbcClient jdbc;

    ChatConversations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Opened open(String name, String email, String phone, Long memberCustomerId, String language, String openedFrom,
                String clientAddress) {
        String token = random(32);
        long id = jdbc.sql("""
                        insert into chat_conversation (public_id, token_sha256, name, email, phone, member_customer_id, language,
                                                       opened_from, client_address)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(random(12), sha256(token), name, email, phone, memberCustomerId, language, openedFrom, clientAddress)
                .query(Long.class).single();
        return new Opened(find(id).orElseThrow(), token);
    }

    Optional<Conversation> byToken(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select " + CONVERSATION_COLUMNS + " from chat_conversation where token_sha256 = ?")
                .param(sha256(token)).query(Conversation.class).optional();
    }

    Optional<Conversation> find(long id) {
        return jdbc.sql("select " + CONVERSATION_COLUMNS + " from chat_conversation where id = ?")
                .param(id).query(Conversation.class).optional();
    }

    /** The conversations on a ticket, newest first (a ticket may gather several, or chats joined by staff). */
    List<Conversation> forTicket(String ref) {
        return jdbc.sql("select " + CONVERSATION_COLUMNS + " from chat_conversation where ticket_ref = ? order by id desc")
                .param(ref).query(Conversation.class).list();
    }

    Optional<Line> line(long conversationId, String author, String clientMessageId) {
        return jdbc.sql(lineQuery("l.conversation_id = ? and l.author = ? and l.client_message_id = ?"))
                .params(conversationId, author, clientMessageId).query(Line.class).optional();
    }

    /** Stores a line once: the same client id again finds the first one. Returns the line and whether it is new. */
    Stored addLine(long conversationId, String author, String clientMessageId, String staffUsername, String body,
                   Long inboundMessageId) {
        int inserted = jdbc.sql("""
                        insert into chat_line (conversation_id, author, client_message_id, staff_username, body, inbound_message_id)
                        values (?, ?, ?, ?, ?, ?) on conflict (conversation_id, author, client_message_id) do nothing""")
                .params(conversationId, author, clientMessageId, staffUsername, body, inboundMessageId).update();
        return new Stored(line(conversationId, author, clientMessageId).orElseThrow(), inserted == 1);
    }

    record Stored(Line line, boolean created) {
    }

    List<Line> linesAfter(long conversationId, long afterId, int limit) {
        return jdbc.sql(lineQuery("l.conversation_id = ? and l.id > ?") + " order by l.id limit ?")
                .params(conversationId, afterId, limit).query(Line.class).list();
    }

    void noteNotification(long lineId, long notificationId) {
        jdbc.sql("update chat_line set notification_id = ? where id = ?").params(notificationId, lineId).update();
    }

    /** The first line's ticket becomes the conversation's; later lines thread to it through the first line's id. */
    void setTicket(long conversationId, String firstExternalId, String ref) {
        jdbc.sql("""
                        update chat_conversation set first_external_id = coalesce(first_external_id, ?),
                               ticket_ref = coalesce(cast(? as text), ticket_ref) where id = ?""")
                .params(firstExternalId, ref, conversationId).update();
    }

    void customerWrote(long conversationId) {
        jdbc.sql("""
                update chat_conversation set last_customer_at = now(), waiting_since = coalesce(waiting_since, now()), ended_at = null
                where id = ?""").param(conversationId).update();
    }

    void agentAnswered(long conversationId) {
        jdbc.sql("update chat_conversation set waiting_since = null where id = ?").param(conversationId).update();
    }

    void end(long conversationId) {
        jdbc.sql("update chat_conversation set ended_at = coalesce(ended_at, now()), waiting_since = null where id = ?")
                .param(conversationId).update();
    }

    /** Conversations with a visitor line no agent has answered, longest waiting first. */
    List<Conversation> waiting(int limit) {
        return jdbc.sql("select " + CONVERSATION_COLUMNS + """
                         from chat_conversation where waiting_since is not null and ended_at is null
                        order by waiting_since, id limit ?""").param(limit).query(Conversation.class).list();
    }

    private static String lineQuery(String where) {
        return """
                select l.id, l.author, l.client_message_id, l.staff_username,
                       case when l.staff_username is null then null else coalesce(s.display_name, l.staff_username) end as staff_name,
                       l.body, l.notification_id, l.created_at
                from chat_line l left join staff_user s on s.username = l.staff_username where """ + " " + where;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
