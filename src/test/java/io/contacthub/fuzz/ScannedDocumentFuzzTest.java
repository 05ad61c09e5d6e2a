package io.contacthub.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.contacthub.extract.DocumentTextExtractor;
import io.contacthub.extract.ocr.AttachmentOcrProperties;
import io.contacthub.extract.ocr.AttachmentReader;
import io.contacthub.extract.ocr.OcrPage;
import io.contacthub.extract.ocr.OcrProperties;
import io.contacthub.extract.ocr.ReadDocument;
import io.contacthub.extract.ocr.ScannedDocumentReader;
import io.contacthub.extract.ocr.Tesseract;
import io.contacthub.extract.ocr.UnreadableDocumentException;
import io.contacthub.testsupport.FaxFixtures;
import io.contacthub.testsupport.PhotoFixtures;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fax and scanned-document reading (extract/ocr) on arbitrary bytes: Tika's detection, the page-count
 * and page-size limits checked before decoding, decoding every page (ImageIO TIFF/PNG/JPEG/GIF/BMP,
 * PDFBox text layer and rendering) and normalising it for OCR. Tesseract itself is replaced by a
 * recogniser that answers at once (a process per input would measure Tesseract, not our code).
 * <p>
 * The first input byte chooses the file name and declared type the bytes arrive with (fax spool,
 * mail attachment, MMS photo, inline image) and which reader takes them (bit 0x40: a mail or MMS
 * attachment through {@link AttachmentReader}, else a fax through {@link ScannedDocumentReader}); the
 * rest is the file. Limits are lowered (100 dpi, {@value #MAX_PIXELS} pixels) so an input costs
 * milliseconds, not seconds; the checks are the same code at any setting. Asserted:
 * <ul>
 *   <li>{@link ScannedDocumentReader#read} gives a document within the limits ({@value #MAX_PAGES} pages,
 *       every page handed to OCR at most {@value #MAX_PIXELS} pixels) or throws
 *       {@link UnreadableDocumentException} with a reason;</li>
 *   <li>{@link AttachmentReader}'s per-message reading never throws (its contract: the reason goes
 *       into the extraction error).</li>
 * </ul>
 * Anything else, or more than {@link Budget#PER_INPUT} on one input, is a finding.
 */
class ScannedDocumentFuzzTest {

    static {
        Budget.init(); // before Jazzer's agent: what it may rewrite in a shared test JVM (see Budget)
    }

    static final int MAX_PAGES = 6;
    static final long MAX_PIXELS = 1_000_000;
    private static final String[][] HINTS = {
            {"+862150001234_0001.tif", "image/tiff"}, {"scan.pdf", "application/pdf"}, {"photo.jpg", "image/jpeg"},
            {"logo.png", "image/png"}, {"attachment", null}, {null, "application/octet-stream"}};

    private static final OcrProperties LIMITS = new OcrProperties("tesseract", "chi_sim+eng", MAX_PAGES, MAX_PIXELS,
            100, Duration.ofSeconds(5), Duration.ofSeconds(8), 1, 8, 20);
    private static final DocumentTextExtractor TIKA = new DocumentTextExtractor(200_000);
    static final ScannedDocumentReader READER;
    private static final AttachmentReader ATTACHMENTS;

    static {
        try {
            READER = (ScannedDocumentReader) Internals.constructor("io.contacthub.extract.ocr.ScannedDocumentReader",
                    OcrProperties.class, DocumentTextExtractor.class, Tesseract.class)
                    .invoke(LIMITS, TIKA, new InstantRecogniser());
        } catch (Throwable e) {
            throw new ExceptionInInitializerError(e);
        }
        ATTACHMENTS = new AttachmentReader(TIKA, READER, AttachmentOcrProperties.defaults());
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void pagesAreReadWithinLimitsOrRefused(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String[] hint = HINTS[(input[0] & 0xff) % HINTS.length];
        boolean inline = (input[0] & 0x80) != 0;
        boolean attachment = (input[0] & 0x40) != 0;
        byte[] file = Arrays.copyOfRange(input, 1, input.length);

        if (attachment) {
            var extraction = Budget.<DocumentTextExtractor.Extraction>within(
                    () -> ATTACHMENTS.forMessage().read(file, hint[0], hint[1], inline));
            assertThat(extraction).isNotNull();
            return;
        }
        try {
            ReadDocument read = Budget.within(() -> READER.read(file, hint[0]));
            assertThat(read.pageCount()).isBetween(1, MAX_PAGES);
            assertThat(read.pages().size()).isLessThanOrEqualTo(read.pageCount());
            for (OcrPage page : read.pages()) {
                assertThat((long) page.width() * page.height()).as("pixels of page %d", page.number())
                        .isLessThanOrEqualTo(MAX_PIXELS + page.width() + page.height()); // rounding
            }
            assertThat(read.text()).isNotNull();
        } catch (UnreadableDocumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    /** Answers at once; says what it was given, so a page's size is visible in the result. */
    static final class InstantRecogniser extends Tesseract {
        InstantRecogniser() {
            super("tesseract", "chi_sim+eng", 100);
        }

        @Override
        public Status status() {
            return new Status("fuzz recogniser", List.of("chi_sim", "eng"), null);
        }

        @Override
        public Recognized recognize(BufferedImage page, Duration timeout, boolean photo) throws IOException {
            assertThat((long) page.getWidth() * page.getHeight()).isLessThanOrEqualTo(MAX_PIXELS + page.getWidth() + page.getHeight());
            return new Recognized(page.getWidth() + "x" + page.getHeight(), 90);
        }
    }

    static Stream<byte[]> seeds() {
        BufferedImage page = new BufferedImage(160, 120, BufferedImage.TYPE_BYTE_BINARY);
        var g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 160, 120);
        g.setColor(Color.BLACK);
        g.fillRect(20, 20, 100, 8);
        g.fillRect(20, 50, 60, 8);
        g.dispose();
        BufferedImage photo = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        return Stream.concat(Stream.of(
                        hinted(0, FaxFixtures.g4Tiff(List.of(page, page), 204, 98)),
                        hinted(1, FaxFixtures.scannedPdf(List.of(page))),
                        hinted(2, PhotoFixtures.jpeg(photo, 0.5f)),
                        hinted(3 | 0x80, PhotoFixtures.png(page)),
                        hinted(0, FaxFixtures.corruptTiff()),
                        hinted(1, FaxFixtures.encryptedPdf()),
                        hinted(4, FaxFixtures.docx("运单 SF1234567890")),
                        hinted(0x40, FaxFixtures.g4Tiff(List.of(page), 200, 200)),
                        hinted(0x40 | 1, FaxFixtures.scannedPdf(List.of(page))),
                        hinted(0x40 | 0x80 | 3, PhotoFixtures.png(page)),
                        hinted(0x40 | 4, FaxFixtures.docx("order 12345"))),
                Seeds.corpus("docs", n -> n.endsWith(".tif") || n.endsWith(".pdf"), "ScannedDocumentFuzzTest")
                        .map(f -> hinted(f[0] == '%' ? 1 : 0, f)));
    }

    private static byte[] hinted(int hint, byte[] file) {
        byte[] input = new byte[file.length + 1];
        input[0] = (byte) hint;
        System.arraycopy(file, 0, input, 1, file.length);
        return input;
    }
}
