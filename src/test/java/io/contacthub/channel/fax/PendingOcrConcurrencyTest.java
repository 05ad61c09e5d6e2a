package io.contacthub.channel.fax;

import static io.contacthub.testsupport.FaxFixtures.ORDER_FORM_EN;
import static io.contacthub.testsupport.FaxFixtures.finePage;
import static io.contacthub.testsupport.FaxFixtures.g4Tiff;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.deferred.ItemLocks;
import io.contacthub.extract.DocumentTextExtractor;
import io.contacthub.extract.ocr.OcrProperties;
import io.contacthub.extract.ocr.ReadDocument;
import io.contacthub.extract.ocr.ScannedDocumentReader;
import io.contacthub.testsupport.HubIntegrationTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two catch-up runs over the same waiting fax at the same moment, as two hub nodes (or the
 * start-up run and an admin's) would: the fax is OCR'd by one of them and its text lands on the
 * contact once. Real PostgreSQL, real Tesseract; each run is its own {@link PendingOcr} with its own
 * lock session, like a separate node.
 */
class PendingOcrConcurrencyTest extends HubIntegrationTest {

    private static final String WAITING_BODY = "Fax from +862150001234, 1 page. fax.tif: not OCR'd yet";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    OcrProperties ocr;
    @Autowired
    DocumentTextExtractor documents;
    @Autowired
    ScannedDocumentReader reader;
    @Autowired
    FaxReading forms; // the fax channel's form reading (fields scored by their OCR words)
    @Autowired
    FaxStore store;
    @Autowired
    ItemLocks locks;
    @Autowired
    io.contacthub.intake.LateExtraction late;
    @Autowired
    FaxMessageParser parser;

    @Test
    void twoCatchUpRunsAtOnceAppendAFaxsTextOnce() throws Exception {
        byte[] fax = g4Tiff(List.of(finePage(ORDER_FORM_EN, 7)), 204, 196);
        long message = waitingFax(fax);
        // Each run's reader waits (a few seconds at most) for the other to reach the same fax, so the
        // runs overlap exactly where the old in-JVM lock let two nodes both read and both append.
        CyclicBarrier bothReading = new CyclicBarrier(2);
        AtomicInteger ocrOfThisFax = new AtomicInteger();
        List<MeetingReader> readers = List.of(new MeetingReader(fax, bothReading, ocrOfThisFax),
                new MeetingReader(fax, bothReading, ocrOfThisFax));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Callable<PendingOcr.Result>> runs = new ArrayList<>();
            for (MeetingReader r : readers) {
                PendingOcr node = new PendingOcr(jdbc, transactions, r, forms, store, locks, late, parser);
                runs.add(node::run);
            }
            List<PendingOcr.Result> results = new ArrayList<>();
            for (Future<PendingOcr.Result> f : nodes.invokeAll(runs, 120, TimeUnit.SECONDS)) {
                results.add(f.get());
            }

            assertThat(ocrOfThisFax.get()).as("the fax is OCR'd by one run").isEqualTo(1);
            assertThat(results.stream().mapToInt(PendingOcr.Result::read).sum()).isGreaterThanOrEqualTo(1);
            assertThat(ocrStatus(message)).isEqualTo("DONE");
            String body = body(message);
            assertThat(body).startsWith(WAITING_BODY + "\n\n");
            assertThat(occurrences(body, "Harbour Freight")).as("the text is appended once: " + body).isEqualTo(1);
        } finally {
            nodes.shutdownNow();
            for (MeetingReader r : readers) {
                r.destroy();
            }
        }
    }

    @Test
    void storingTheSameReadingFromTwoRunsAtOnceAppendsItOnce() throws Exception {
        byte[] fax = g4Tiff(List.of(finePage(ORDER_FORM_EN, 11)), 204, 196);
        long message = waitingFax(fax);
        ReadDocument read = reader.read(fax, "fax.tif");
        PendingOcr.Waiting waiting = waiting(message);
        PendingOcr one = new PendingOcr(jdbc, transactions, reader, forms, store, locks, late, parser);
        PendingOcr other = new PendingOcr(jdbc, transactions, reader, forms, store, locks, late, parser);
        // Both got past the item lock (say its 32-bit key collided): the guarded write still lets one in.
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<Boolean> a = () -> {
                together.await(10, TimeUnit.SECONDS);
                return one.store(waiting, read);
            };
            Callable<Boolean> b = () -> {
                together.await(10, TimeUnit.SECONDS);
                return other.store(waiting, read);
            };
            List<Boolean> stored = new ArrayList<>();
            for (Future<Boolean> f : nodes.invokeAll(List.of(a, b), 60, TimeUnit.SECONDS)) {
                stored.add(f.get());
            }
            assertThat(stored).containsExactlyInAnyOrder(true, false);
        } finally {
            nodes.shutdownNow();
        }
        assertThat(occurrences(body(message), "Harbour Freight")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from fax_page p join fax_document d on d.id = p.document_id where d.message_id = ?")
                .param(message).query(Long.class).single()).isEqualTo(1L);
    }

    /** The real reader, meeting the other run at this fax before reading it. */
    private final class MeetingReader extends ScannedDocumentReader {
        private final byte[] fax;
        private final CyclicBarrier barrier;
        private final AtomicInteger count;

        MeetingReader(byte[] fax, CyclicBarrier barrier, AtomicInteger count) {
            super(ocr, documents);
            this.fax = fax;
            this.barrier = barrier;
            this.count = count;
        }

        @Override
        public ReadDocument read(byte[] content, String fileName) {
            if (Arrays.equals(content, fax)) {
                count.incrementAndGet();
                try {
                    barrier.await(3, TimeUnit.SECONDS);
                } catch (Exception alone) {
                    // The other run never came (it skipped the fax): read on.
                }
            }
            return super.read(content, fileName);
        }
    }

    /** What a hub without Tesseract leaves: the ticket's contact, the file kept, marked waiting. */
    private long waitingFax(byte[] tiff) {
        long message = jdbc.sql("""
                        insert into inbound_message (channel, external_id, source, sender, content_type, raw, raw_size, status)
                        values ('FAX', ?, 'test', '+862150001234', 'image/tiff', ?, ?, 'PROCESSED') returning id""")
                .params("FX" + UUID.randomUUID().toString().replace("-", ""), tiff, tiff.length).query(Long.class).single();
        jdbc.sql("""
                        insert into attachment (message_id, file_name, content_type, size, sha256, content, extraction_error)
                        values (?, 'fax.tif', 'image/tiff', ?, ?, ?, 'ocr-waiting: Tesseract not found')""")
                .params(message, tiff.length, "0".repeat(64), tiff).update();
        jdbc.sql("""
                        insert into fax_document (message_id, file_index, file_name, media_type, fax_number, ocr_status, waiting_reason)
                        values (?, 0, 'fax.tif', 'image/tiff', '+862150001234', 'WAITING', 'Tesseract not found')""")
                .param(message).update();
        jdbc.sql("insert into contact_record (message_id, channel, body) values (?, 'FAX', ?)").params(message, WAITING_BODY).update();
        return message;
    }

    private PendingOcr.Waiting waiting(long message) {
        return jdbc.sql("""
                        select d.id, d.message_id, d.file_index, d.file_name, d.fax_number, a.id
                        from fax_document d join attachment a on a.message_id = d.message_id where d.message_id = ?""")
                .param(message)
                .query((rs, n) -> new PendingOcr.Waiting(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6)))
                .single();
    }

    private String body(long message) {
        return jdbc.sql("select body from contact_record where message_id = ?").param(message).query(String.class).single();
    }

    private String ocrStatus(long message) {
        return jdbc.sql("select ocr_status from fax_document where message_id = ?").param(message).query(String.class).single();
    }

    private static int occurrences(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }
}
