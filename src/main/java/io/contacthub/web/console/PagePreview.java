package io.contacthub.web.console;

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
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Fax pages and scans as one PNG a browser can show: TIFF (what fax machines and services send,
 * which browsers cannot display) and PDF pages are rendered and stacked, at most
 * {@value #MAX_PAGES} pages, at most {@value #WIDTH} pixels wide.
 */
final class PagePreview {

    static final int MAX_PAGES = 10;
    static final int WIDTH = 1000;

    private PagePreview() {
    }

    static boolean supports(String contentType) {
        String t = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("image/tiff") || t.startsWith("application/pdf");
    }

    /** @return the PNG, or empty when the file cannot be read as pages */
    static Optional<byte[]> png(String contentType, byte[] content) {
        try {
            List<BufferedImage> pages = contentType.toLowerCase(Locale.ROOT).startsWith("application/pdf")
                    ? pdfPages(content) : tiffPages(content);
            if (pages.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(stack(pages));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<BufferedImage> tiffPages(byte[] content) throws IOException {
        List<BufferedImage> pages = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return pages;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                int count = Math.min(reader.getNumImages(true), MAX_PAGES);
                for (int i = 0; i < count; i++) {
                    pages.add(reader.read(i));
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
                pages.add(renderer.renderImageWithDPI(i, 100, ImageType.RGB));
            }
        }
        return pages;
    }

    private static byte[] stack(List<BufferedImage> pages) throws IOException {
        int gap = 12;
        int height = 0;
        List<int[]> sizes = new ArrayList<>();
        for (BufferedImage page : pages) {
            int w = Math.min(WIDTH, page.getWidth());
            int h = (int) Math.round(page.getHeight() * (w / (double) page.getWidth()));
            sizes.add(new int[] {w, h});
            height += h + gap;
        }
        int width = sizes.stream().mapToInt(size -> size[0]).max().orElse(1);
        BufferedImage sheet = new BufferedImage(width, Math.max(1, height - gap), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(new Color(0xE3, 0xE7, 0xEE));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            int y = 0;
            for (int i = 0; i < pages.size(); i++) {
                int[] size = sizes.get(i);
                g.drawImage(pages.get(i), 0, y, size[0], size[1], Color.WHITE, null);
                y += size[1] + gap;
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(sheet, "png", out);
        return out.toByteArray();
    }
}
