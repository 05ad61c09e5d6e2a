package io.contacthub.channel.fax;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contacthub.extract.ocr.OcrPage;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a fax's documents (fax_document, fax_page) and puts its form fields and review flag into
 * the contact's entities ({@code form}, {@code needsReview}), where the rest of the hub (the ticket
 * timeline, order routing) reads them. Runs in the caller's transaction.
 */
@Component
class FaxStore {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    FaxStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void save(long messageId, FaxDocument d) {
        String status = d.read().waiting() ? "WAITING" : d.read().meanConfidence() == null ? "TEXT" : "DONE";
        long id = jdbc.sql("""
                        insert into fax_document (message_id, file_index, file_name, media_type, fax_number, page_count,
                                                  ocr_status, ocr_method, ocr_languages, mean_confidence, waiting_reason,
                                                  form_type, fields, needs_review, review_reasons, updated_at)
                        values (:message, :index, :name, :type, :number, :pages, :status, :method, :languages, :confidence,
                                :waiting, :formType, cast(:fields as jsonb), :review, cast(:reasons as jsonb), now())
                        on conflict (message_id, file_index) do update set
                            file_name = excluded.file_name, media_type = excluded.media_type,
                            fax_number = excluded.fax_number, page_count = excluded.page_count,
                            ocr_status = excluded.ocr_status, ocr_method = excluded.ocr_method,
                            ocr_languages = excluded.ocr_languages, mean_confidence = excluded.mean_confidence,
                            waiting_reason = excluded.waiting_reason, form_type = excluded.form_type,
                            fields = excluded.fields, needs_review = excluded.needs_review,
                            review_reasons = excluded.review_reasons, updated_at = now()
                        returning id""")
                .param("message", messageId)
                .param("index", d.fileIndex())
                .param("name", d.fileName())
                .param("type", d.read().mediaType())
                .param("number", d.faxNumber())
                .param("pages", d.read().pageCount())
                .param("status", status)
                .param("method", d.read().waiting() ? null : d.read().method())
                .param("languages", d.read().pages().stream().filter(p -> p.confidence() != null)
                        .map(p -> p.method().substring(p.method().indexOf(':') + 1)).findFirst().orElse(null))
                .param("confidence", d.read().meanConfidence() == null ? null : d.read().meanConfidence().floatValue())
                .param("waiting", d.read().waitingReason())
                .param("formType", d.form().formType())
                .param("fields", write(d.form().fields()))
                .param("review", d.form().needsReview())
                .param("reasons", write(d.form().reviewReasons()))
                .query(Long.class).single();
        jdbc.sql("delete from fax_page where document_id = ?").param(id).update();
        for (OcrPage p : d.read().pages()) {
            jdbc.sql("insert into fax_page (document_id, page, text, confidence, method, width, height) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(id, p.number(), p.text(), p.confidence() == null ? null : p.confidence().floatValue(), p.method(),
                            p.width(), p.height())
                    .update();
        }
    }

    /** entities.form = the document with the most fields; entities.needsReview = it needs review, or a file waits for OCR. */
    io.contacthub.understand.forms.ReadForm markContact(long messageId, List<FaxDocument> documents) {
        if (documents.isEmpty()) {
            return null;
        }
        FaxDocument best = documents.get(0);
        for (FaxDocument d : documents) {
            if (d.form().fields().size() > best.form().fields().size()) {
                best = d;
            }
        }
        // The form is the document with the most fields; other files (a cover sheet, a DOCX beside
        // the fax) having none does not put the contact up for review, but a file not OCR'd yet does.
        boolean review = best.form().needsReview() || documents.stream().anyMatch(d -> d.read().waiting());
        ObjectNode patch = json.createObjectNode();
        patch.set("form", json.valueToTree(best.form()));
        patch.put("needsReview", review);
        jdbc.sql("update contact_record set entities = entities || cast(? as jsonb) where message_id = ?")
                .params(write(patch), messageId).update();
        return new io.contacthub.understand.forms.ReadForm(best.form(), review);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
