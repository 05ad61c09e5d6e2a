package io.contacthub.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What staff read about tickets: the filtered queue and one ticket with its timeline. */
@Component
public class TicketQueries {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    TicketQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<TicketSummary> list(String status, String channel, Long customerId, int limit, int offset) {
        return jdbc.sql("""
                        select t.*, (select count(*) from contact_record c where c.ticket_id = t.id) as contacts
                        from ticket t
                        where (cast(:status as text) is null or t.status = :status)
                          and (cast(:channel as text) is null or t.channel = :channel
                               or exists (select 1 from contact_record c where c.ticket_id = t.id and c.channel = :channel))
                          and (cast(:customer as bigint) is null or t.customer_id = :customer)
                        order by t.last_contact_at desc, t.id desc
                        limit :limit offset :offset""")
                .param("status", upper(status))
                .param("channel", upper(channel))
                .param("customer", customerId)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> summary(rs))
                .list();
    }

    public Optional<TicketDetail> find(String ref) {
        return jdbc.sql("""
                        select t.*, (select count(*) from contact_record c where c.ticket_id = t.id) as contacts
                        from ticket t where t.id = ticket_id_of(?)""")
                .param(ref.toUpperCase())
                .query((rs, n) -> summary(rs))
                .optional()
                .map(t -> new TicketDetail(t, customer(t.customerId()), timeline(t.id())));
    }

    private Customer customer(Long id) {
        if (id == null) {
            return null;
        }
        List<Identity> details = jdbc.sql("select kind, value, provenance from customer_identity where customer_id = ? order by id")
                .param(id).query((rs, n) -> new Identity(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        List<String> identities = details.stream().map(i -> i.kind() + ":" + i.value()).toList();
        return jdbc.sql("select id, kind, display_name, language, merged_into from customer where id = ?").param(id)
                .query((rs, n) -> new Customer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), identities,
                        details, rs.getObject(5, Long.class)))
                .single();
    }

    private List<Contact> timeline(long ticketId) {
        return jdbc.sql("""
                        select c.*, m.received_at, m.external_id, m.sender,
                          (select coalesce(json_agg(json_build_object('id', a.id, 'fileName', a.file_name,
                                  'contentType', a.content_type, 'size', a.size, 'sha256', a.sha256, 'inline', a.inline,
                                  'extractedBy', a.extracted_by, 'extractionError', a.extraction_error,
                                  'text', left(a.extracted_text, 2000)) order by a.id), '[]'::json)
                           from attachment a where a.message_id = c.message_id) as files
                        from contact_record c join inbound_message m on m.id = c.message_id
                        where c.ticket_id = ? order by m.received_at, c.id""")
                .param(ticketId)
                .query((rs, n) -> new Contact(rs.getLong("message_id"), rs.getString("channel"),
                        rs.getObject("received_at", OffsetDateTime.class), rs.getString("sender"), rs.getString("subject"),
                        rs.getString("body"), rs.getString("language"), rs.getString("intent"), rs.getString("urgency"),
                        readJson(rs.getString("entities")), readJson(rs.getString("files")), rs.getBoolean("sender_proven"),
                        readJson(rs.getString("foreign_claims"))))
                .list();
    }

    private TicketSummary summary(ResultSet rs) throws SQLException {
        return new TicketSummary(rs.getLong("id"), rs.getString("ref"), rs.getString("subject"), rs.getString("status"),
                rs.getString("channel"), rs.getString("intent"), rs.getString("priority"),
                rs.getObject("customer_id", Long.class), rs.getLong("contacts"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("last_contact_at", OffsetDateTime.class),
                rs.getString("review_reason"), rs.getString("quoted_ref"));
    }

    private JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String upper(String s) {
        return s == null || s.isBlank() ? null : s.trim().toUpperCase();
    }

    public record TicketSummary(long id, String ref, String subject, String status, String channel, String intent,
                                String priority, Long customerId, long contacts, OffsetDateTime createdAt,
                                OffsetDateTime lastContactAt, String reviewReason, String quotedRef) {
    }

    public record TicketDetail(TicketSummary ticket, Customer customer, List<Contact> timeline) {
    }

    /**
     * @param identityDetails each identity with how it is known (OBSERVED, CLAIMED, VERIFIED)
     * @param mergedInto      the customer this record was merged into by staff, or null
     */
    public record Customer(long id, String kind, String name, String language, List<String> identities,
                           List<Identity> identityDetails, Long mergedInto) {
    }

    public record Identity(String kind, String value, String provenance) {
    }

    public record Contact(long messageId, String channel, OffsetDateTime receivedAt, String sender, String subject,
                          String body, String language, String intent, String urgency, JsonNode entities,
                          JsonNode files, boolean senderProven, JsonNode foreignClaims) {
    }
}
