package io.contacthub.extract.ocr;

import java.time.Duration;
import static io.contacthub.testsupport.FaxFixtures.characterErrorRate;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.extract.DocumentTextExtractor;
import io.contacthub.extract.DocumentTextExtractor.Extraction;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.PhotoFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attachments of a mail or MMS through the real Tesseract (chi_sim+eng): photos are OCR'd, documents
 * with text are not, and every kind of refusal is a reason on the file, never an exception that would
 * fail the whole message.
 */
class AttachmentReaderTest {

    /** Photographed text (grain, specks, a 1.5° turn) may be read a little worse than a clean fax. */
    static final double PHOTO_CER = 0.10;

    private static final List<String> RECEIPT = List.of("签收回单 RECEIPT", "运单号：SF4455667788990", "件数：2");

    @Test
    void photographedTextIsOcrdAndSaysSoWithItsMeanConfidence() {
        byte[] png = PhotoFixtures.png(PhotoFixtures.photo(RECEIPT, 34, 1.5, 0, 0.002, 7));

        Extraction e = reader(10, 40_000).forMessage().read(png, "IMG_0042.png", "image/png", false);

        assertThat(e.error()).isNull();
        assertThat(e.extractedBy()).matches("ocr:pp-ocrv4:ch\\+en \\(mean confidence \\d+\\.\\d\\)");
        assertThat(characterErrorRate(String.join("\n", RECEIPT), e.text())).as(e.text()).isLessThan(PHOTO_CER);
        assertThat(e.text()).contains("SF4455667788990");
    }

    @Test
    void smallInlineImageIsSkippedAsALogoWithTheReason() {
        Extraction e = reader(10, 40_000).forMessage().read(PhotoFixtures.logo(160, 48), "logo.png", "image/png", true);

        assertThat(e.text()).isNull();
        assertThat(e.error()).startsWith("not OCR'd: a small image (160×48 pixels").contains("hub.ocr.min-image-pixels")
                .contains("logos");
    }

    @Test
    void corruptImageGetsTheReasonInsteadOfFailing() {
        byte[] png = PhotoFixtures.truncatedPng(PhotoFixtures.png(PhotoFixtures.photo(RECEIPT, 34, 0, 0, 0, 1)));

        Extraction e = reader(10, 40_000).forMessage().read(png, "photo.png", "image/png", false);

        assertThat(e.text()).isNull();
        assertThat(e.error()).startsWith("image/png: corrupt or unreadable image");
    }

    @Test
    void bytesDeclaredAnImageThatAreNoImageAreReportedCorrupt() {
        byte[] garbage = {1, 2, 3, 4, 5, 6, 7, 8, 9};

        assertThat(reader(10, 40_000).forMessage().read(garbage, "photo.jpg", "image/jpeg", false).error())
                .isEqualTo("image/jpeg: not a readable image (corrupt, or a format the JDK cannot decode: "
                        + "PNG, JPEG, TIFF, GIF and BMP are read)");
        // without a telling name the content decides, and it is no image
        assertThat(reader(10, 40_000).forMessage().read(garbage, "media-0", "image/jpeg", false).error())
                .isEqualTo("image/jpeg declared, but the content is no image (application/octet-stream): corrupt or "
                        + "truncated; not OCR'd");
    }

    @Test
    void imagesBeyondTheMessagesAllowanceAreKeptNotOcrdWithTheReason() {
        AttachmentReader.MessageFiles message = reader(1, 40_000).forMessage();
        byte[] first = PhotoFixtures.png(PhotoFixtures.photo(List.of("运单号：SF1000000000001"), 34, 0, 0, 0, 2));
        byte[] second = PhotoFixtures.png(PhotoFixtures.photo(List.of("运单号：SF1000000000002"), 34, 0, 0, 0, 3));

        Extraction one = message.read(first, "1.png", "image/png", false);
        Extraction two = message.read(second, "2.png", "image/png", false);

        assertThat(one.text()).contains("SF1000000000001");
        assertThat(two.text()).isNull();
        assertThat(two.error()).isEqualTo("not OCR'd: 1 page to OCR, none left "
                + "(hub.ocr.max-attachment-pages-per-message is 1 per message)");
        // a new message has its own allowance
        assertThat(reader(1, 40_000).forMessage().read(second, "2.png", "image/png", false).text()).contains("SF1000000000002");
    }

    @Test
    void pdfWithATextLayerIsReadByTikaAndNotOcrd() {
        byte[] pdf = MailFixtures.pdf("Order form", "Order SO2026009911", "Pieces: 4 pallets");

        Extraction e = reader(0, 40_000).forMessage().read(pdf, "order.pdf", "application/pdf", false);

        assertThat(e.error()).isNull();
        assertThat(e.text()).contains("Order SO2026009911");
        assertThat(e.extractedBy()).isEqualTo("tika:PDFParser (text layer, not OCR'd)");
    }

    @Test
    void withoutTesseractTheImageIsKeptWithWhatToInstall() {
        OcrProperties noTesseract = new OcrProperties("/nonexistent/tesseract", "chi_sim+eng", 50, 40_000_000L, 300, Duration.ofSeconds(60), Duration.ofSeconds(300), 1, 8, 20);
        ScannedDocumentReader scans = new ScannedDocumentReader(noTesseract, new DocumentTextExtractor(200_000));
        AttachmentReader reader = new AttachmentReader(new DocumentTextExtractor(200_000), scans, new AttachmentOcrProperties(10, 40_000));
        byte[] png = PhotoFixtures.png(PhotoFixtures.photo(RECEIPT, 34, 0, 0, 0, 4));

        Extraction e = reader.forMessage().read(png, "photo.png", "image/png", false);

        assertThat(e.text()).isNull();
        assertThat(e.error()).startsWith("not OCR'd: Tesseract not found").contains("tesseract-ocr-chi-sim");
    }

    @Test
    void plainDocumentsStillGoThroughTika() {
        Extraction e = reader(10, 40_000).forMessage().read("运单号 SF5550001112223".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "note.txt", "text/plain", false);

        assertThat(e.text()).isEqualTo("运单号 SF5550001112223");
        assertThat(e.extractedBy()).startsWith("tika:");
    }

    private static AttachmentReader reader(int pagesPerMessage, long minImagePixels) {
        DocumentTextExtractor documents = new DocumentTextExtractor(200_000);
        return new AttachmentReader(documents, new ScannedDocumentReader(OcrProperties.defaults(), documents),
                new AttachmentOcrProperties(pagesPerMessage, minImagePixels));
    }
}
