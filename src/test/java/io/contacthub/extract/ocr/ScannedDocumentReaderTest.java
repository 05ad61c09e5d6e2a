package io.contacthub.extract.ocr;

import static io.contacthub.testsupport.FaxFixtures.COMPLAINT_LETTER_ZH;
import static io.contacthub.testsupport.FaxFixtures.CONSIGNMENT_NOTE_ZH;
import static io.contacthub.testsupport.FaxFixtures.ORDER_FORM_EN;
import static io.contacthub.testsupport.FaxFixtures.characterErrorRate;
import static io.contacthub.testsupport.FaxFixtures.corruptTiff;
import static io.contacthub.testsupport.FaxFixtures.docx;
import static io.contacthub.testsupport.FaxFixtures.encryptedPdf;
import static io.contacthub.testsupport.FaxFixtures.faxPage;
import static io.contacthub.testsupport.FaxFixtures.finePage;
import static io.contacthub.testsupport.FaxFixtures.g4Tiff;
import static io.contacthub.testsupport.FaxFixtures.pageBombPdf;
import static io.contacthub.testsupport.FaxFixtures.pageBombTiff;
import static io.contacthub.testsupport.FaxFixtures.scannedPdf;
import static io.contacthub.testsupport.FaxFixtures.xlsx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.extract.DocumentTextExtractor;
import io.contacthub.testsupport.MailFixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fax pages and scans through the real Tesseract (tesseract-ocr + chi_sim, installed by .ci/run),
 * generated here from known text. Recognised text is compared by character error rate (CER, see
 * FaxFixtures): at most 10 % on fine faxes and scans, 15 % on normal-resolution (204×98) English.
 */
class ScannedDocumentReaderTest {

    private static final double FINE_CER = 0.10;
    private static final double NORMAL_CER = 0.15;

    private final ScannedDocumentReader reader = reader(OcrProperties.defaults());

    @Test
    void multiPageG4FaxAtFineResolutionIsReadPageByPageWithConfidence() {
        byte[] tiff = g4Tiff(List.of(finePage(CONSIGNMENT_NOTE_ZH, 1), finePage(ORDER_FORM_EN, 2)), 204, 196);

        ReadDocument fax = reader.read(tiff, "fax.tif");

        assertThat(fax.mediaType()).isEqualTo("image/tiff");
        assertThat(fax.pageCount()).isEqualTo(2);
        assertThat(fax.pages()).hasSize(2);
        OcrPage chinese = fax.pages().get(0);
        OcrPage english = fax.pages().get(1);
        assertThat(characterErrorRate(String.join("\n", CONSIGNMENT_NOTE_ZH), chinese.text())).as(chinese.text()).isLessThan(FINE_CER);
        assertThat(characterErrorRate(String.join("\n", ORDER_FORM_EN), english.text())).as(english.text()).isLessThan(FINE_CER);
        assertThat(chinese.text()).as("Chinese joined without Tesseract's spaces").contains("联系人");
        assertThat(chinese.confidence()).isBetween(60.0, 100.0);
        assertThat(english.confidence()).isBetween(60.0, 100.0);
        assertThat(chinese.method()).isEqualTo("pp-ocrv4:ch+en");
        assertThat(fax.text()).contains("\f");
    }

    @Test
    void normalResolutionFaxHasItsTallPixelsMadeSquareBeforeOcr() {
        byte[] tiff = g4Tiff(List.of(faxPage(ORDER_FORM_EN, 204, 98, 5.5, 12, 0.4, 0.001, 3)), 204, 98);

        ReadDocument fax = reader.read(tiff, "normal.tif");

        OcrPage page = fax.pages().get(0);
        assertThat(page.height()).as("98 dpi rows made square at the reader's " + reader.dpi() + " dpi")
                .isBetween((int) (5.5 * reader.dpi() * 0.95), (int) (5.5 * reader.dpi() * 1.05));
        assertThat(reader.dpi()).isGreaterThan(98 * 2);
        assertThat(characterErrorRate(String.join("\n", ORDER_FORM_EN), page.text())).as(page.text()).isLessThan(NORMAL_CER);
    }

    @Test
    void scannedPdfWithoutTextLayerIsOcrd() {
        byte[] pdf = scannedPdf(List.of(finePage(COMPLAINT_LETTER_ZH, 5)));

        ReadDocument scan = reader.read(pdf, "scan.pdf");

        assertThat(scan.mediaType()).isEqualTo("application/pdf");
        assertThat(scan.pages()).singleElement().satisfies(p -> {
            assertThat(p.method()).isEqualTo("pp-ocrv4:ch+en");
            assertThat(p.confidence()).isGreaterThan(60.0);
            assertThat(characterErrorRate(String.join("\n", COMPLAINT_LETTER_ZH), p.text())).as(p.text()).isLessThan(FINE_CER);
        });
    }

    @Test
    void pdfWithATextLayerIsReadWithoutOcr() {
        byte[] pdf = MailFixtures.pdf("TRANSPORT ORDER FORM", "Company Name: Harbour Freight Ltd", "Pieces: 8");

        ReadDocument document = reader(new OcrProperties("/nonexistent/tesseract", "chi_sim+eng", 50, 40_000_000L, 300, Duration.ofSeconds(60), Duration.ofSeconds(300), 1, 1, 20))
                .read(pdf, "order.pdf");

        assertThat(document.waiting()).as("no OCR needed, so no Tesseract needed").isFalse();
        assertThat(document.pages()).singleElement().satisfies(p -> {
            assertThat(p.method()).isEqualTo("pdf-text-layer");
            assertThat(p.confidence()).isNull();
            assertThat(p.text()).contains("Company Name: Harbour Freight Ltd").contains("Pieces: 8");
        });
    }

    @Test
    void docxAndXlsxAttachmentsAreReadAsText() {
        ReadDocument word = reader.read(docx("订货单", "客户名称：宁波港口服务公司", "件数：5"), "order.docx");
        assertThat(word.mediaType()).contains("wordprocessingml");
        assertThat(word.text()).contains("客户名称：宁波港口服务公司").contains("件数：5");
        assertThat(word.meanConfidence()).isNull();

        ReadDocument sheet = reader.read(xlsx(new String[][] {{"Goods", "Pieces"}, {"Printer parts", "8"}}), "order.xlsx");
        assertThat(sheet.mediaType()).contains("spreadsheetml");
        assertThat(sheet.text()).contains("Printer parts").contains("Pieces");
    }

    @Test
    void corruptTiffIsRefusedWithTheReason() {
        assertThatThrownBy(() -> reader.read(corruptTiff(), "broken.tif"))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("image/tiff").hasMessageContaining("corrupt");
    }

    @Test
    void encryptedPdfIsRefusedWithTheReason() {
        assertThatThrownBy(() -> reader.read(encryptedPdf(), "locked.pdf"))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("encrypted PDF");
    }

    @Test
    void fiveHundredPageBombsAreRefusedByThePageLimitBeforeAnyOcr() {
        // Tesseract is unreachable here: reaching OCR would make the document "waiting", not refused.
        ScannedDocumentReader noOcr = reader(new OcrProperties("/nonexistent/tesseract", "chi_sim+eng", 50, 40_000_000L, 300, Duration.ofSeconds(60), Duration.ofSeconds(300), 1, 1, 20));
        long started = System.nanoTime();
        assertThatThrownBy(() -> noOcr.read(pageBombPdf(500), "bomb.pdf"))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("500 pages, over the limit of 50");
        assertThatThrownBy(() -> noOcr.read(pageBombTiff(500), "bomb.tif"))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("500 pages, over the limit of 50");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void pageOverThePixelLimitIsRefusedBeforeItIsDecoded() {
        ScannedDocumentReader small = reader(new OcrProperties("tesseract", "chi_sim+eng", 50, 1_000_000, 300, Duration.ofSeconds(60), Duration.ofSeconds(300), 1, 1, 20));
        byte[] tiff = g4Tiff(List.of(finePage(List.of("big"), 9)), 204, 196);
        assertThatThrownBy(() -> small.read(tiff, "big.tif"))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("page 1 is 1728×1078 pixels, over the limit of 1000000");
    }

    @Test
    void pageThatTakesLongerThanThePageTimeoutFailsWithTheReason() {
        ScannedDocumentReader hurried = reader(new OcrProperties("tesseract", "chi_sim+eng", 50, 40_000_000L, 300, Duration.ofMillis(1), Duration.ofSeconds(300), 1, 1, 20));
        byte[] tiff = g4Tiff(List.of(finePage(List.of("timeout"), 4)), 204, 196);
        assertThatThrownBy(() -> hurried.read(tiff, "slow.tif"))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("page 1: OCR failed: not read within the page timeout");
    }

    @Test
    void withoutTesseractAFaxIsKeptWaitingWithTheReason() {
        ScannedDocumentReader missing = reader(new OcrProperties("/nonexistent/tesseract", "chi_sim+eng", 50, 40_000_000L, 300, Duration.ofSeconds(60), Duration.ofSeconds(300), 1, 1, 20));
        byte[] tiff = g4Tiff(List.of(finePage(List.of("waiting"), 6)), 204, 196);

        ReadDocument fax = missing.read(tiff, "fax.tif");

        assertThat(fax.waiting()).isTrue();
        assertThat(fax.pageCount()).isEqualTo(1);
        assertThat(fax.pages()).isEmpty();
        assertThat(fax.waitingReason()).contains("Tesseract not found").contains("tesseract-ocr");
        assertThat(missing.tesseractStatus().ready()).isFalse();
        var health = new OcrHealth(missing).health();
        assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(health.getDetails().get("problem").toString()).contains("tesseract-ocr-chi-sim");
    }

    @Test
    void photoIsReadAtItsOwnSizeNotScaledByResolutionTagsItDoesNotHave() {
        byte[] png = io.contacthub.testsupport.PhotoFixtures.png(io.contacthub.testsupport.PhotoFixtures.photo(
                List.of("运单号：SF2024000111222"), 34, 0, 0, 0, 9));

        ReadDocument photo = reader.read(png, "label.png");

        // PNG metadata read through the TIFF classes said 1 dpi, which scaled photos to the pixel limit
        assertThat(photo.pages()).singleElement().satisfies(p -> {
            assertThat(p.width()).isEqualTo(960);
            assertThat(p.text()).contains("SF2024000111222");
        });
    }

    @Test
    void missingLanguagePackIsReportedNotGuessed() {
        Tesseract.Status status = new Tesseract("tesseract", "chi_sim+klingon", 300).status();
        assertThat(status.ready()).isFalse();
        assertThat(status.problem()).contains("[klingon] not installed");
        assertThat(new Tesseract("tesseract", "chi_sim+eng", 300).status().ready()).isTrue();
    }

    @Test
    void tesseractStillReadsThePagesWhenChosenInsteadOfPaddleOcr() {
        OcrTuning shipped = OcrTuning.defaults();
        OcrTuning tesseractOnly = new OcrTuning(null, null, null, null, null, null, null, "tesseract", null);
        byte[] tiff = g4Tiff(List.of(faxPage(ORDER_FORM_EN, 204, 196, 5.5, 12, 0.4, 0.001, 3)), 204, 196);

        ScannedDocumentReader tesseract = new ScannedDocumentReader(OcrProperties.defaults(), tesseractOnly, new DocumentTextExtractor(200_000));
        OcrPage page = tesseract.read(tiff, "fine.tif").pages().get(0);

        assertThat(shipped.engine()).isEqualTo("auto");
        assertThat(reader.engine()).as("models present: auto chooses PaddleOCR").isEqualTo(ScannedDocumentReader.PADDLE_METHOD);
        assertThat(page.method()).isEqualTo("tesseract:chi_sim+eng");
        assertThat(characterErrorRate(String.join("\n", ORDER_FORM_EN), page.text())).as(page.text()).isLessThan(FINE_CER);
    }

    @Test
    void choosingPaddleOcrWithoutItsModelsStopsTheStartWithWhatToDo() {
        OcrTuning missing = new OcrTuning(null, null, null, null, null, null, null, "paddle", "/nonexistent/models");
        assertThatThrownBy(() -> new ScannedDocumentReader(OcrProperties.defaults(), missing, new DocumentTextExtractor(200_000)))
                .hasMessageContaining("/nonexistent/models").hasMessageContaining("scripts/download-ocr-models.sh");
    }

    private static ScannedDocumentReader reader(OcrProperties properties) {
        return new ScannedDocumentReader(properties, new DocumentTextExtractor(200_000));
    }
}
