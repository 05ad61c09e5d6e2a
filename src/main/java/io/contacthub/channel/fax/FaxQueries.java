package io.contacthub.channel.fax;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What staff read about a fax: its documents page by page with OCR confidence, and the fields read from the form. */
@Component
class FaxQueries {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    FaxQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Page(int page, String text, Double confidence, String method, Integer width, Integer height) {
    }

    record Document(long id, int fileIndex, String fileName, String mediaType, int pageCount, String ocrStatus,
                    String ocrMethod, String ocrLanguages, Double meanConfidence, String waitingReason, String formType,
                    JsonNode fields, boolean needsReview, JsonNode reviewReasons, List<Page> pages) {
    }

    record Fax(long messageId, String externalId, String source, String faxNumber, String status, String reason,
               String ticketRef, OffsetDateTime receivedAt, Boolean needsReview, List<Document> documents) {
    }

    record ReviewItem(long messageId, String ticketRef, String faxNumber, String formType, String reviewReasons,
                      OffsetDateTime receivedAt) {
    }

    Optional<Fax> find(long messageId) {
        return jdbc.sql("""
                        select m.id, m.external_id, m.source, m.sender, m.status, m.reason, t.ref, m.received_at
                        from inbound_message m
                        left join contact_record c on c.message_id = m.id
                        left join ticket t on t.id = c.ticket_id
                        where m.id = ? and m.channel = 'FAX'""")
                .param(messageId)
                .query((rs, n) -> {
                    List<Document> documents = documents(rs.getLong(1));
                    Boolean review = documents.isEmpty() ? null : needsReview(documents);
                    String number = faxNumber(rs.getLong(1), rs.getString(4));
                    return new Fax(rs.getLong(1), rs.getString(2), rs.getString(3), number, rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getObject(8, OffsetDateTime.class), review, documents);
                })
                .optional();
    }

    /** Faxes whose fields a person must check, newest first. */
    List<ReviewItem> needingReview(int limit) {
        return jdbc.sql("""
                        select d.message_id, t.ref, d.fax_number, d.form_type, d.review_reasons::text, m.received_at
                        from fax_document d join inbound_message m on m.id = d.message_id
                        left join contact_record c on c.message_id = d.message_id
                        left join ticket t on t.id = c.ticket_id
                        where d.needs_review order by d.id desc limit ?""")
                .param(limit)
                .query((rs, n) -> new ReviewItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, OffsetDateTime.class)))
                .list();
    }

    /** As on the contact (FaxStore.markContact): the form with the most fields needs review, or a file waits for OCR. */
    private static boolean needsReview(List<Document> documents) {
        Document form = documents.get(0);
        for (Document d : documents) {
            if (d.fields() != null && form.fields() != null && d.fields().size() > form.fields().size()) {
                form = d;
            }
        }
        return form.needsReview() || documents.stream().anyMatch(d -> "WAITING".equals(d.ocrStatus()));
    }

    private String faxNumber(long messageId, String sender) {
        return jdbc.sql("select fax_number from fax_document where message_id = ? order by file_index limit 1")
                .param(messageId).query(String.class).optional().orElse(sender);
    }

    private List<Document> documents(long messageId) {
        return jdbc.sql("""
                        select id, file_index, file_name, media_type, page_count, ocr_status, ocr_method, ocr_languages,
                               mean_confidence, waiting_reason, form_type, fields::text, needs_review, review_reasons::text
                        from fax_document where message_id = ? order by file_index""")
                .param(messageId)
                .query((rs, n) -> new Document(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), (Double) nullableDouble(rs.getObject(9)),
                        rs.getString(10), rs.getString(11), read(rs.getString(12)), rs.getBoolean(13), read(rs.getString(14)),
                        pages(rs.getLong(1))))
                .list();
    }

    private List<Page> pages(long documentId) {
        return jdbc.sql("select page, text, confidence, method, width, height from fax_page where document_id = ? order by page")
                .param(documentId)
                .query((rs, n) -> new Page(rs.getInt(1), rs.getString(2), (Double) nullableDouble(rs.getObject(3)), rs.getString(4),
                        (Integer) rs.getObject(5), (Integer) rs.getObject(6)))
                .list();
    }

    private static Object nullableDouble(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 10) / 10.0;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text == null ? "null" : text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
