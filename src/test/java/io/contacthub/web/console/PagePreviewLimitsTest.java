package io.contacthub.web.console;

import java.time.Duration;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.extract.ocr.OcrProperties;
import io.contacthub.intake.MessageQueries;
import io.contacthub.testsupport.FaxFixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * Page previews refuse, from what a file declares and before decoding a page, files over the OCR
 * limits (hub.ocr.max-pages, hub.ocr.max-page-pixels): one crafted fax opened by an agent must not
 * exhaust the heap.
 */
class PagePreviewLimitsTest {

    private final PagePreview preview = new PagePreview(OcrProperties.defaults(), Mockito.mock(MessageQueries.class));

    @Test
    void tiffClaiming60000By60000PixelsIsRefusedWithoutDecodingIt() {
        byte[] tiff = hugeTiff(60_000, 60_000);
        assertThat(tiff.length).as("a tiny file").isLessThan(200);
        preview.check("image/tiff", tiff); // class loading and ImageIO's registry, once

        long before = allocatedBytes();
        Optional<PagePreview.Refusal> refusal = preview.check("image/tiff", tiff);
        Optional<byte[]> png = preview.png("image/tiff", tiff);
        long allocated = allocatedBytes() - before;

        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.key()).isEqualTo("ticket.preview.refused.pixels");
            assertThat(r.args()).containsExactly(1, 60_000L, 60_000L, 40_000_000L);
        });
        assertThat(png).isEmpty();
        // decoding the page would take 450 MB (60,000² pixels at one bit each)
        assertThat(allocated).as("bytes allocated while checking and refusing").isLessThan(16L << 20);
    }

    @Test
    void pdfWithAHugeMediaBoxIsRefusedWithoutRenderingIt() throws IOException {
        byte[] pdf = pdf(new PDRectangle(7200, 7200)); // 100 × 100 inches: 10,000 × 10,000 pixels at 100 dpi
        preview.check("application/pdf", pdf);

        long before = allocatedBytes();
        Optional<PagePreview.Refusal> refusal = preview.check("application/pdf", pdf);
        Optional<byte[]> png = preview.png("application/pdf", pdf);
        long allocated = allocatedBytes() - before;

        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.key()).isEqualTo("ticket.preview.refused.pixels");
            assertThat(r.args()).containsExactly(1, 10_000L, 10_000L, 40_000_000L);
        });
        assertThat(png).isEmpty();
        // rendering it would take 300 MB (10,000² RGB pixels)
        assertThat(allocated).as("bytes allocated while checking and refusing").isLessThan(32L << 20);
    }

    @Test
    void fileWithMorePagesThanOcrTakesIsRefusedByCount() {
        assertThat(preview.check("image/tiff", FaxFixtures.pageBombTiff(51)))
                .hasValueSatisfying(r -> assertThat(r.key()).isEqualTo("ticket.preview.refused.pages"))
                .hasValueSatisfying(r -> assertThat(r.args()).containsExactly(51, 50));
        assertThat(preview.check("application/pdf", FaxFixtures.pageBombPdf(51)))
                .hasValueSatisfying(r -> assertThat(r.key()).isEqualTo("ticket.preview.refused.pages"));
    }

    @Test
    void limitsComeFromTheOcrSettings() {
        OcrProperties strict = new OcrProperties("tesseract", "chi_sim+eng", 2, 1_000_000, 300, Duration.ofSeconds(60), Duration.ofSeconds(300), 1, 8, 20);
        PagePreview strictPreview = new PagePreview(strict, Mockito.mock(MessageQueries.class));
        assertThat(strictPreview.check("image/tiff", hugeTiff(1001, 1000)))
                .hasValueSatisfying(r -> assertThat(r.args()).containsExactly(1, 1001L, 1000L, 1_000_000L));
        assertThat(strictPreview.check("image/tiff", hugeTiff(1000, 1000))).isEmpty();
        assertThat(strictPreview.check("image/tiff", FaxFixtures.pageBombTiff(3)))
                .hasValueSatisfying(r -> assertThat(r.args()).containsExactly(3, 2));
    }

    @Test
    void corruptFileIsSaidToBeUnreadable() {
        assertThat(preview.check("image/tiff", FaxFixtures.corruptTiff()))
                .hasValueSatisfying(r -> assertThat(r.key()).isEqualTo("ticket.preview.unreadable"));
        assertThat(preview.check("application/pdf", "not a pdf".getBytes()))
                .hasValueSatisfying(r -> assertThat(r.key()).isEqualTo("ticket.preview.unreadable"));
    }

    @Test
    void ordinaryFaxPagesAreStillRenderedOneBelowTheOther() throws IOException {
        BufferedImage page = FaxFixtures.faxPage(List.of("Delivery note", "SO2026001234"), 204, 196, 11, 12, 0, 0, 1);
        byte[] tiff = FaxFixtures.g4Tiff(List.of(page, page), 204, 196);
        assertThat(preview.check("image/tiff", tiff)).isEmpty();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(preview.png("image/tiff", tiff).orElseThrow()));
        assertThat(png.getWidth()).isLessThanOrEqualTo(PagePreview.WIDTH);
        assertThat(png.getHeight()).isGreaterThan(png.getWidth()); // two pages stacked

        byte[] pdf = FaxFixtures.scannedPdf(List.of(page));
        assertThat(preview.png("application/pdf", pdf)).isPresent();
    }

    /**
     * A baseline TIFF header alone: one bilevel page of {@code width × height} pixels, uncompressed,
     * whose strip is declared but not there (what an attacker sends: the header is what counts).
     */
    static byte[] hugeTiff(long width, long height) {
        short[][] entries = {
                // tag, type (3 SHORT, 4 LONG)
                {256, 4}, {257, 4}, {258, 3}, {259, 3}, {262, 3}, {273, 4}, {277, 3}, {278, 4}, {279, 4}};
        long[] values = {width, height, 1, 1, 0, 8 + 2 + entries.length * 12 + 4, 1, height, (width + 7) / 8 * height};
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + entries.length * 12 + 4 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries.length);
        for (int i = 0; i < entries.length; i++) {
            b.putShort(entries[i][0]).putShort(entries[i][1]).putInt(1);
            if (entries[i][1] == 3) {
                b.putShort((short) values[i]).putShort((short) 0);
            } else {
                b.putInt((int) Math.min(values[i], 0xFFFF_FFFFL));
            }
        }
        b.putInt(0); // no further page
        return b.array();
    }

    static byte[] pdf(PDRectangle mediaBox) throws IOException {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            pdf.addPage(new PDPage(mediaBox));
            pdf.save(out);
            return out.toByteArray();
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
