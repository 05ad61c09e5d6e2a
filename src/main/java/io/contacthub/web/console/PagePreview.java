package io.contacthub.web.console;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.contacthub.extract.ocr.OcrProperties;
import io.contacthub.intake.MessageQueries;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.springframework.stereotype.Component;

/**
 * Fax pages and scans as one PNG a browser can show: TIFF (what fax machines and services send,
 * which browsers cannot display) and PDF pages are rendered and stacked, at most
 * {@value #MAX_PAGES} pages, at most {@value #WIDTH} pixels wide.
 * <p>
 * A crafted file can claim pages of any size, and decoding one is what exhausts the heap, so the
 * OCR limits ({@code hub.ocr.max-pages}, {@code hub.ocr.max-page-pixels}) are checked first from
 * what the file declares, without decoding a page: the TIFF directory's width and height, or a PDF
 * page's MediaBox at the preview's {@value #PDF_DPI} dpi. A file over them is not rendered, and the
 * ticket page says why instead of showing the image. Pages within them are decoded one at a time
 * and shrunk at once, so at most one full page is in memory.
 */
@Component("pagePreview")
public class PagePreview {

    static final int MAX_PAGES = 10;
    static final int WIDTH = 1000;
    /** A page taller than this (after scaling to the width) is shrunk further: extreme strips would make a huge sheet. */
    static final int MAX_PAGE_HEIGHT = 1600;
    static final int PDF_DPI = 100;

    /**
     * Why a file gets no preview: a message key of the console's bundles and its arguments.
     */
    public record Refusal(String key, Object[] args) {
    }

    private final int maxPages;
    private final long maxPagePixels;
    private final MessageQueries messages;
    private final Cache<Long, Optional<Refusal>> checked = Caffeine.newBuilder().maximumSize(10_000).build();

    PagePreview(OcrProperties ocr, MessageQueries messages) {
        this.maxPages = ocr.maxPages();
        this.maxPagePixels = ocr.maxPagePixels();
        this.messages = messages;
    }

    static boolean supports(String contentType) {
        String t = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("image/tiff") || t.startsWith("application/pdf");
    }

    /**
     * For the ticket page: why attachment {@code id} gets no preview, or null when it gets one.
     * Stored files do not change, so the answer is remembered.
     */
    public Refusal refusal(long id, String contentType) {
        if (!supports(contentType)) {
            return null;
        }
        return checked.get(id, k -> messages.attachment(id).map(file -> check(file.contentType(), file.bytes()))
                .orElse(Optional.empty())).orElse(null);
    }

    /** Reads only what the file declares (page count, page sizes): empty when it may be rendered. */
    Optional<Refusal> check(String contentType, byte[] content) {
        try {
            List<long[]> sizes = isPdf(contentType) ? pdfPageSizes(content) : imagePageSizes(content);
            if (sizes == null || sizes.isEmpty()) {
                return Optional.of(new Refusal("ticket.preview.unreadable", new Object[0]));
            }
            if (sizes.size() > maxPages) {
                return Optional.of(new Refusal("ticket.preview.refused.pages", new Object[] {sizes.size(), maxPages}));
            }
            for (int i = 0; i < sizes.size(); i++) {
                long[] size = sizes.get(i);
                if (size[0] <= 0 || size[1] <= 0) {
                    return Optional.of(new Refusal("ticket.preview.unreadable", new Object[0]));
                }
                if (size[0] * size[1] > maxPagePixels) {
                    return Optional.of(new Refusal("ticket.preview.refused.pixels",
                            new Object[] {i + 1, size[0], size[1], maxPagePixels}));
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(new Refusal("ticket.preview.unreadable", new Object[0]));
        }
    }

    /** @return the PNG, or empty when the file is over the limits or cannot be read as pages */
    Optional<byte[]> png(String contentType, byte[] content) {
        if (check(contentType, content).isPresent()) {
            return Optional.empty();
        }
        try {
            List<BufferedImage> pages = isPdf(contentType) ? pdfPages(content) : imagePages(content);
            return pages.isEmpty() ? Optional.empty() : Optional.of(stack(pages));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isPdf(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/pdf");
    }

    /** Width and height of every page as the image directory declares them; null when no reader knows the format. */
    private static List<long[]> imagePageSizes(byte[] content) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            ImageReader reader = reader(in);
            if (reader == null) {
                return null;
            }
            try {
                reader.setInput(in, false, true);
                int count = reader.getNumImages(true);
                List<long[]> sizes = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    sizes.add(new long[] {reader.getWidth(i), reader.getHeight(i)});
                }
                return sizes;
            } finally {
                reader.dispose();
            }
        }
    }

    /** Each page's MediaBox in pixels at {@value #PDF_DPI} dpi; the page tree is read, no page is drawn. */
    private static List<long[]> pdfPageSizes(byte[] content) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            List<long[]> sizes = new ArrayList<>();
            for (int i = 0; i < pdf.getNumberOfPages(); i++) {
                PDRectangle box = pdf.getPage(i).getMediaBox();
                sizes.add(new long[] {pixels(box.getWidth()), pixels(box.getHeight())});
            }
            return sizes;
        }
    }

    private static long pixels(float points) {
        return (long) Math.ceil(Math.abs((double) points) * PDF_DPI / 72.0);
    }

    private static List<BufferedImage> imagePages(byte[] content) throws IOException {
        List<BufferedImage> pages = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            ImageReader reader = reader(in);
            if (reader == null) {
                return pages;
            }
            try {
                reader.setInput(in, false, true);
                int count = Math.min(reader.getNumImages(true), MAX_PAGES);
                for (int i = 0; i < count; i++) {
                    ImageReadParam param = reader.getDefaultReadParam();
                    // Far wider than shown: skip pixels while decoding rather than hold them all.
                    int step = Math.max(1, reader.getWidth(i) / (2 * WIDTH));
                    param.setSourceSubsampling(step, step, 0, 0);
                    pages.add(shrink(reader.read(i, param)));
                }
            } finally {
                reader.dispose();
            }
        }
        return pages;
    }

    private static List<BufferedImage> pdfPages(byte[] content) throws IOException {
        List<BufferedImage> pages = new ArrayList<>();
        try (PDDocument pdf = Loader.loadPDF(content)) {
            PDFRenderer renderer = new PDFRenderer(pdf);
            for (int i = 0; i < Math.min(pdf.getNumberOfPages(), MAX_PAGES); i++) {
                PDRectangle box = pdf.getPage(i).getCropBox();
                float scale = PDF_DPI / 72f;
                scale = Math.min(scale, WIDTH / Math.max(1f, box.getWidth()));
                scale = Math.min(scale, MAX_PAGE_HEIGHT / Math.max(1f, box.getHeight()));
                pages.add(renderer.renderImage(i, scale, ImageType.RGB));
            }
        }
        return pages;
    }

    /** The JDK's own reader when there is a choice (Tika brings jai-imageio, whose TIFF plugin registers too). */
    private static ImageReader reader(ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        ImageReader chosen = null;
        while (readers.hasNext()) {
            ImageReader next = readers.next();
            if (chosen == null || (next.getClass().getName().startsWith("com.sun.imageio.")
                    && !chosen.getClass().getName().startsWith("com.sun.imageio."))) {
                if (chosen != null) {
                    chosen.dispose();
                }
                chosen = next;
            } else {
                next.dispose();
            }
        }
        return chosen;
    }

    /** The page at its display size, at most {@value #WIDTH} wide and {@value #MAX_PAGE_HEIGHT} high. */
    private static BufferedImage shrink(BufferedImage page) {
        double scale = Math.min(1.0, Math.min(WIDTH / (double) page.getWidth(), MAX_PAGE_HEIGHT / (double) page.getHeight()));
        int w = Math.max(1, (int) Math.round(page.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(page.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(page, 0, 0, w, h, Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return small;
    }

    private static byte[] stack(List<BufferedImage> pages) throws IOException {
        int gap = 12;
        int height = 0;
        int width = 1;
        for (BufferedImage page : pages) {
            height += page.getHeight() + gap;
            width = Math.max(width, page.getWidth());
        }
        BufferedImage sheet = new BufferedImage(width, Math.max(1, height - gap), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(new Color(0xE3, 0xE7, 0xEE));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            int y = 0;
            for (BufferedImage page : pages) {
                g.drawImage(page, 0, y, null);
                y += page.getHeight() + gap;
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(sheet, "png", out);
        return out.toByteArray();
    }
}
