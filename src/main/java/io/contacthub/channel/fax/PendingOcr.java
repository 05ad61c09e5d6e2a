package io.contacthub.channel.fax;

import io.contacthub.deferred.CatchUp;
import io.contacthub.deferred.ItemLocks;
import io.contacthub.extract.ocr.ReadDocument;
import io.contacthub.extract.ocr.ScannedDocumentReader;
import io.contacthub.extract.ocr.UnreadableDocumentException;
import io.contacthub.intake.LateExtraction;
import io.contacthub.understand.forms.FormFields;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Faxes that arrived while Tesseract (or a language pack) was missing: their tickets exist, their
 * files are marked {@value FaxMessageParser#WAITING_PREFIX}. Once Tesseract is there, each is OCR'd
 * and, in one transaction per file, its text stored on the attachment and appended to the contact's
 * body, and the contact understood again with the after-record chain run as a rerun ({@link
 * LateExtraction}): the fax's pages and form are stored by the chain's {@code fax-pages} step, and an
 * order form now read opens its order request, a complaint letter its case. Runs at start-up in the background and
 * on demand ({@code POST /api/admin/fax/ocr/run}). A file that turns out unreadable is marked
 * {@code OCR failed: ...} so it is not retried forever.
 *
 * <p>Runs may overlap (the start-up run and an on-demand one, or several hub nodes): each fax file
 * is locked for the run reading it ({@link ItemLocks}, across nodes), the others skip it, and its
 * results are written only while it is still WAITING, so its text is appended to the contact once.
 */
@Component
class PendingOcr {

    private static final Logger log = LoggerFactory.getLogger(PendingOcr.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ScannedDocumentReader reader;
    private final FaxReading forms;
    private final FaxStore store;
    private final ItemLocks locks;
    private final LateExtraction late;
    private final FaxMessageParser parser;

    PendingOcr(JdbcClient jdbc, PlatformTransactionManager transactionManager, ScannedDocumentReader reader,
               FaxReading forms, FaxStore store, ItemLocks locks, LateExtraction late, FaxMessageParser parser) {
        this.late = late;
        this.parser = parser;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.reader = reader;
        this.forms = forms;
        this.store = store;
        this.locks = locks;
    }

    /** {@code readByAnotherRun}: files another run (on this node or another) was reading at the time. */
    record Result(int read, int failed, int stillWaiting, int readByAnotherRun, String tesseractProblem) {
    }

    record Waiting(long documentId, long messageId, int fileIndex, String fileName, String faxNumber, long attachmentId) {
    }

    /** The start-up catch-up runs on the nodes that do this work (all of them on one node, HUB_ROLES). */
    @EventListener(value = ApplicationReadyEvent.class, condition = "@nodeRoles.runs(T(io.contacthub.cluster.Role).OCR)")
    void atStartup() {
        Thread t = new Thread(() -> {
            try {
                if (!reader.tesseractStatus().ready()) {
                    return;
                }
                Result r = run();
                if (r.read() + r.failed() + r.stillWaiting() > 0) {
                    log.info("OCR: faxes that waited for Tesseract: {} read, {} failed, {} still waiting", r.read(), r.failed(),
                            r.stillWaiting());
                }
            } catch (RuntimeException e) {
                log.warn("OCR: reading waiting faxes failed: {}", e.toString());
            }
        }, "pending-ocr");
        t.setDaemon(true);
        t.start();
    }

    Result run() {
        int read = 0;
        int failed = 0;
        int elsewhere = 0;
        String problem = reader.tesseractStatus().problem();
        List<Waiting> waiting = problem == null ? waiting() : List.of();
        if (!waiting.isEmpty()) {
            try (ItemLocks.Session session = locks.open(CatchUp.FAX_OCR)) {
                for (Waiting w : waiting) {
                    if (w.attachmentId() == 0) {
                        continue;
                    }
                    if (!session.tryLock(w.documentId())) {
                        elsewhere++;
                        continue;
                    }
                    try {
                        switch (read(w)) {
                            case READ -> read++;
                            case FAILED -> failed++;
                            case DONE_ELSEWHERE -> { }
                        }
                    } finally {
                        session.unlock(w.documentId());
                    }
                }
            }
        }
        int still = jdbc.sql("select count(*) from fax_document where ocr_status = 'WAITING'").query(Integer.class).single();
        return new Result(read, failed, still, elsewhere, problem);
    }

    private List<Waiting> waiting() {
        return jdbc.sql("""
                        select d.id, d.message_id, d.file_index, d.file_name, d.fax_number,
                               (select a.id from attachment a where a.message_id = d.message_id
                                 and a.extraction_error like 'ocr-waiting:%'
                                 and a.file_name is not distinct from d.file_name order by a.id limit 1)
                        from fax_document d where d.ocr_status = 'WAITING' order by d.id""")
                .query((rs, n) -> new Waiting(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6)))
                .list();
    }

    enum Outcome { READ, FAILED, DONE_ELSEWHERE }

    /** Whether the file still waits, row-locked until the transaction ends: a run that finished it meanwhile wins. */
    private boolean claimStillWaiting(long documentId) {
        return jdbc.sql("select id from fax_document where id = ? and ocr_status = 'WAITING' for update")
                .param(documentId).query(Long.class).optional().isPresent();
    }

    private Outcome read(Waiting w) {
        if (jdbc.sql("select count(*) from fax_document where id = ? and ocr_status = 'WAITING'").param(w.documentId())
                    .query(Long.class).single() == 0) {
            return Outcome.DONE_ELSEWHERE; // finished by a run that held it between our list and our lock
        }
        byte[] content = jdbc.sql("select content from attachment where id = ?").param(w.attachmentId()).query(byte[].class).single();
        ReadDocument document;
        try {
            document = reader.read(content, w.fileName());
        } catch (UnreadableDocumentException e) {
            Boolean marked = transactions.execute(s -> {
                if (!claimStillWaiting(w.documentId())) {
                    return false;
                }
                jdbc.sql("update attachment set extraction_error = ? where id = ?").params("OCR failed: " + e.getMessage(),
                        w.attachmentId()).update();
                jdbc.sql("update fax_document set ocr_status = 'FAILED', waiting_reason = ?, updated_at = now() where id = ?")
                        .params("OCR failed: " + e.getMessage(), w.documentId()).update();
                return true;
            });
            log.warn("OCR: fax file {} of message {} cannot be read: {}", w.fileName(), w.messageId(), e.getMessage());
            return Boolean.TRUE.equals(marked) ? Outcome.FAILED : Outcome.DONE_ELSEWHERE;
        }
        if (document.waiting()) {
            return Outcome.FAILED;
        }
        return store(w, document) ? Outcome.READ : Outcome.DONE_ELSEWHERE;
    }

    /**
     * Writes what OCR read, in one transaction, only if the file is still WAITING: two runs that both
     * got this far (past the item lock) append the fax's text to the contact once.
     */
    boolean store(Waiting w, ReadDocument document) {
        FormFields form = forms.form(document);
        FaxDocument fax = new FaxDocument(w.fileIndex(), w.fileName(), w.faxNumber(), document, form);
        return Boolean.TRUE.equals(transactions.execute(s -> {
            if (!claimStillWaiting(w.documentId())) {
                return false;
            }
            jdbc.sql("update attachment set extracted_text = ?, extracted_by = ?, extraction_error = null where id = ?")
                    .params(document.text(), document.method(), w.attachmentId()).update();
            if (!document.text().isBlank()) {
                jdbc.sql("""
                                update contact_record set body = case when body is null or body = '' then ?
                                                                      else body || E'\\n\\n' || ? end
                                where message_id = ?""")
                        .params(document.text(), document.text(), w.messageId()).update();
            }
            List<FaxDocument> documents = List.of(fax);
            if (late.textAdded(w.messageId(), parser.declared(documents),
                    java.util.Map.of(FaxPages.class, new FaxPages(documents))).isEmpty()) {
                store.save(w.messageId(), fax); // no contact to redo (cannot happen for a waiting fax): keep the pages
                store.markContact(w.messageId(), documents);
            }
            return true;
        }));
    }
}
