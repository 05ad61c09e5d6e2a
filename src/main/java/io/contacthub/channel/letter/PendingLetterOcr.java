package io.contacthub.channel.letter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.extract.ocr.ReadDocument;
import io.contacthub.extract.ocr.ScannedDocumentReader;
import io.contacthub.extract.ocr.UnreadableDocumentException;
import io.contacthub.intake.LateExtraction;
import io.contacthub.understand.forms.FormFieldExtractor;
import io.contacthub.understand.forms.FormFields;
import io.contacthub.understand.forms.FormProperties;
import io.contacthub.understand.forms.ReadForm;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scans of logged letters that were kept while Tesseract (or a language pack) was missing: the contact is on
 * its ticket, the file marked {@value LetterMessageParser#WAITING_PREFIX}. Once Tesseract is there each is OCR'd
 * and, in one transaction per file, its text stored on the attachment and put into the contact's body in place of
 * the "not OCR'd yet" line, and the contact understood again with the after-record chain run as a rerun ({@link
 * LateExtraction}): the intent staff chose still holds, a form read now goes to the order request, a complaint
 * opens its case. Runs at start-up in the background and on demand ({@code POST /api/admin/letters/ocr/run}). A
 * file that turns out unreadable is marked {@code OCR failed: ...}, so it is not tried again.
 *
 * <p>Runs may overlap (start-up and on demand, several nodes): a file's result is written only while it still
 * waits, under a row lock, so its text goes into the contact once. Two runs may both OCR the same file (the
 * letters' catch-up is rare and small, so it takes no cross-node item locks like the fax backlog's); only one
 * writes.
 */
@Component
class PendingLetterOcr {

    private static final Logger log = LoggerFactory.getLogger(PendingLetterOcr.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ScannedDocumentReader reader;
    private final FormFieldExtractor forms;
    private final LateExtraction late;
    private final LetterSettings settings;
    private final ObjectMapper json;
    private final double minConfidence;

    PendingLetterOcr(JdbcClient jdbc, PlatformTransactionManager transactionManager, ScannedDocumentReader reader,
                     FormFieldExtractor forms, LateExtraction late, LetterSettings settings, ObjectMapper json,
                     FormProperties formProperties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.reader = reader;
        this.forms = forms;
        this.late = late;
        this.settings = settings;
        this.json = json;
        this.minConfidence = formProperties.minConfidence();
    }

    /** {@code readByAnotherRun}: files another run finished while this one was reading them. */
    record Result(int read, int failed, int stillWaiting, int readByAnotherRun, String tesseractProblem) {
    }

    record Waiting(long attachmentId, long messageId, String fileName, String reason) {
    }

    private enum Outcome { READ, FAILED, WAITING, DONE_ELSEWHERE }

    /** The start-up catch-up runs on the nodes that do this work (all of them on one node, HUB_ROLES). */
    @EventListener(value = ApplicationReadyEvent.class, condition = "@nodeRoles.runs(T(io.contacthub.cluster.Role).OCR)")
    void atStartup() {
        Thread t = new Thread(() -> {
            try {
                if (!reader.tesseractStatus().ready() || stillWaiting() == 0) {
                    return;
                }
                Result r = run();
                log.info("OCR: letter scans that waited for Tesseract: {} read, {} failed, {} still waiting", r.read(), r.failed(),
                        r.stillWaiting());
            } catch (RuntimeException e) {
                log.warn("OCR: reading waiting letter scans failed: {}", e.toString());
            }
        }, "pending-letter-ocr");
        t.setDaemon(true);
        t.start();
    }

    Result run() {
        String problem = reader.tesseractStatus().problem();
        int read = 0;
        int failed = 0;
        int elsewhere = 0;
        if (problem == null) {
            for (Waiting w : waiting()) {
                switch (read(w)) {
                    case READ -> read++;
                    case FAILED -> failed++;
                    case DONE_ELSEWHERE -> elsewhere++;
                    case WAITING -> { }
                }
            }
        }
        return new Result(read, failed, stillWaiting(), elsewhere, problem);
    }

    private List<Waiting> waiting() {
        return jdbc.sql("""
                        select a.id, a.message_id, a.file_name, a.extraction_error from attachment a
                        join inbound_message m on m.id = a.message_id
                        where m.channel = ? and a.extraction_error like 'ocr-waiting:%' order by a.id""")
                .param(LetterMapper.CHANNEL)
                .query((rs, n) -> new Waiting(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4).substring(LetterMessageParser.WAITING_PREFIX.length()).strip()))
                .list();
    }

    private int stillWaiting() {
        return jdbc.sql("""
                        select count(*) from attachment a join inbound_message m on m.id = a.message_id
                        where m.channel = ? and a.extraction_error like 'ocr-waiting:%'""")
                .param(LetterMapper.CHANNEL).query(Integer.class).single();
    }

    /** Whether the file still waits, row-locked until the transaction ends (a run that finished it meanwhile wins). */
    private boolean claimStillWaiting(long attachmentId) {
        return jdbc.sql("select id from attachment where id = ? and extraction_error like 'ocr-waiting:%' for update")
                .param(attachmentId).query(Long.class).optional().isPresent();
    }

    private Outcome read(Waiting w) {
        byte[] content = jdbc.sql("select content from attachment where id = ? and extraction_error like 'ocr-waiting:%'")
                .param(w.attachmentId()).query(byte[].class).optional().orElse(null);
        if (content == null) {
            return Outcome.DONE_ELSEWHERE;
        }
        ReadDocument document;
        try {
            document = reader.read(content, w.fileName(), new ScannedDocumentReader.Limits(settings.maxOcrPages(), 0,
                    "hub.letter.max-ocr-pages"));
        } catch (UnreadableDocumentException e) {
            Boolean marked = transactions.execute(s -> {
                if (!claimStillWaiting(w.attachmentId())) {
                    return false;
                }
                jdbc.sql("update attachment set extraction_error = ? where id = ?")
                        .params("OCR failed: " + e.getMessage(), w.attachmentId()).update();
                return true;
            });
            log.warn("OCR: letter scan {} of message {} cannot be read: {}", w.fileName(), w.messageId(), e.getMessage());
            return Boolean.TRUE.equals(marked) ? Outcome.FAILED : Outcome.DONE_ELSEWHERE;
        }
        if (document.waiting()) {
            return Outcome.WAITING;
        }
        return Boolean.TRUE.equals(transactions.execute(s -> store(w, document))) ? Outcome.READ : Outcome.DONE_ELSEWHERE;
    }

    /** In the caller's transaction: the text on the file and in the contact, then the contact understood again. */
    private boolean store(Waiting w, ReadDocument document) {
        if (!claimStillWaiting(w.attachmentId())) {
            return false;
        }
        jdbc.sql("update attachment set extracted_text = ?, extracted_by = ?, extraction_error = null where id = ?")
                .params(document.text(), document.method(), w.attachmentId()).update();
        String body = jdbc.sql("select body from contact_record where message_id = ?").param(w.messageId())
                .query(String.class).optional().orElse(null);
        jdbc.sql("update contact_record set body = ? where message_id = ?")
                .params(withText(body, LetterMessageParser.waitingNote(w.fileName(), w.reason()), document.text()), w.messageId())
                .update();
        byte[] raw = jdbc.sql("select raw from inbound_message where id = ?").param(w.messageId()).query(byte[].class).single();
        LetterEnvelope letter = LetterEnvelope.read(json, raw);
        FormFields form = forms.extract(document.text(), document.meanConfidence());
        boolean recognised = LetterMessageParser.recognised(form);
        LetterDetails details = new LetterDetails(letter.letterKind(), letter.loggedBy(), letter.vouch(),
                new ReadForm(form, form.needsReview()), recognised);
        late.textAdded(w.messageId(), LetterMessageParser.declared(letter, form, recognised, minConfidence),
                Map.of(LetterDetails.class, details));
        log.info("OCR: letter scan {} of message {} read after waiting ({} characters)", w.fileName(), w.messageId(),
                document.text().length());
        return true;
    }

    /** The body with the scan's text where its "not OCR'd yet" line was (or after it all, when staff edited it away). */
    static String withText(String body, String waitingNote, String text) {
        String b = body == null ? "" : body;
        String t = text == null ? "" : text.strip();
        if (b.contains(waitingNote)) {
            return b.replace(waitingNote, t).strip();
        }
        if (t.isEmpty()) {
            return b;
        }
        return b.isBlank() ? t : b + "\n\n" + t;
    }
}
