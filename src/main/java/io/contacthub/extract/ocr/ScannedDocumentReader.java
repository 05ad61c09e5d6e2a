package io.contacthub.extract.ocr;

import io.contacthub.extract.DocumentTextExtractor;
import io.contacthub.extract.BoundedWorkers;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.tika.Tika;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads a fax or scanned document page by page, within limits:
 * <ul>
 *   <li>Tika detects what the bytes are (the name and declared type are only hints).</li>
 *   <li>TIFF (G3/G4 fax, any page count) and other images: the page count and each page's declared
 *       size are checked against {@code hub.ocr.max-pages} / {@code max-page-pixels} before any page is
 *       decoded; each page is scaled to {@code hub.ocr.dpi} on both axes (a 204×98 dpi "normal" fax
 *       has pixels twice as tall as wide) and OCR'd.</li>
 *   <li>PDF: encrypted or corrupt files are refused; the page count is checked; a page with a text
 *       layer is read as text, a page without one (a scan) is rendered and OCR'd.</li>
 *   <li>Anything else (DOCX, XLSX, ...) goes to Tika's text extraction as one page.</li>
 * </ul>
 * OCR runs on a bounded pool ({@code hub.ocr.workers}, {@code queue-size}); a page and the whole
 * document have time limits. When Tesseract or a language pack is missing the document is not
 * OCR'd but returned as waiting, with the reason.
 */
@Component
public class ScannedDocumentReader implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ScannedDocumentReader.class);
    private static final Tika TIKA = new Tika();

    private final OcrProperties properties;
    private final OcrTuning tuning;
    private final DocumentTextExtractor documents;
    private final Tesseract tesseract;
    private final BoundedWorkers pool;
    private volatile Tesseract.Status status;
    /** PaddleOCR when the tuning chooses it and its models load; null: Tesseract reads the pages. */
    private final PaddleOcr paddle;
    private final int dpi;

    public ScannedDocumentReader(OcrProperties properties, DocumentTextExtractor documents) {
        this(properties, OcrTuning.defaults(), documents);
    }

    @Autowired
    public ScannedDocumentReader(OcrProperties properties, OcrTuning tuning, DocumentTextExtractor documents) {
        this(properties, tuning, documents, new Tesseract(properties.tesseract(), properties.languages(), properties.dpi()));
    }

    /**
     * With a given recogniser: the fuzz harness (src/test/java/io/contacthub/fuzz) passes one that
     * answers without starting a process, so that detection, limits and page decoding are fuzzed
     * without running Tesseract per input.
     */
    ScannedDocumentReader(OcrProperties properties, DocumentTextExtractor documents, Tesseract tesseract) {
        this(properties, OcrTuning.defaults(), documents, tesseract);
    }

    ScannedDocumentReader(OcrProperties properties, OcrTuning tuning, DocumentTextExtractor documents, Tesseract tesseract) {
        this.properties = properties;
        this.tuning = tuning;
        this.documents = documents;
        this.tesseract = tesseract;
        this.pool = new BoundedWorkers("ocr", properties.workers(), properties.queueSize());
        this.paddle = paddle(tuning);
        this.dpi = paddle != null ? Math.min(properties.dpi(), PaddleOcr.PAGE_DPI) : properties.dpi();
    }

    /**
     * The resolution pages are prepared at: {@code hub.ocr.dpi} for Tesseract; for PaddleOCR at most
     * {@value PaddleOcr#PAGE_DPI}, which it reads as well as 300 in two thirds of the time (docs/BENCHMARKS.md).
     */
    public int dpi() {
        return dpi;
    }

    private static PaddleOcr paddle(OcrTuning tuning) {
        if (tuning.engine().equals("tesseract")) {
            return null;
        }
        java.nio.file.Path models = java.nio.file.Path.of(tuning.paddleModels());
        if (!PaddleOcr.present(models)) {
            if (tuning.engine().equals("paddle")) {
                throw new IllegalStateException("hub.ocr.tuning.engine is paddle but " + models.toAbsolutePath()
                        + " lacks PaddleOCR's models (" + PaddleOcr.DETECTION + ", " + PaddleOcr.RECOGNITION + ", "
                        + PaddleOcr.DICTIONARY + "): run scripts/download-ocr-models.sh or set hub.ocr.tuning.paddle-models");
            }
            return null;
        }
        try {
            return new PaddleOcr(models, PaddleOcr.DETECTION_SIDE);
        } catch (IOException | RuntimeException | LinkageError e) {
            if (tuning.engine().equals("paddle")) {
                throw new IllegalStateException("PaddleOCR cannot start: " + e.getMessage(), e);
            }
            log.warn("OCR: PaddleOCR's models in {} do not load ({}); Tesseract reads the pages", models, e.toString());
            return null;
        }
    }

    /** {@code pp-ocrv4:ch+en} (PaddleOCR's Chinese model, which reads English too) or {@code tesseract:<languages>}. */
    public String engine() {
        return paddle != null ? PADDLE_METHOD : "tesseract:" + properties.languages();
    }

    public static final String PADDLE_METHOD = "pp-ocrv4:ch+en";

    /** Says at start-up, in the log, whether faxes will be OCR'd and if not, what to install. */
    @EventListener(ApplicationReadyEvent.class)
    void reportTesseract() {
        Tesseract.Status s = tesseractStatus();
        if (s.ready()) {
            log.info("OCR: {} with {} (installed: {}); faxes and scans are OCR'd by {}", s.version(), properties.languages(),
                    s.installedLanguages(), engine());
        } else {
            log.warn("OCR: NOT AVAILABLE: {}. Faxes are kept un-OCR'd and read once it is installed.", s.problem());
        }
    }

    /** Tesseract's state; asked again while it is not ready, so installing it needs no restart. */
    public Tesseract.Status tesseractStatus() {
        Tesseract.Status s = status;
        if (s == null || !s.ready()) {
            s = tesseract.status();
            status = s;
        }
        return s;
    }

    public String languages() {
        return properties.languages();
    }

    public OcrTuning tuning() {
        return tuning;
    }

    /** Whether this file is something the reader handles as a scan (image or PDF) rather than a plain document. */
    public static String detect(byte[] content, String fileName) {
        return TIKA.detect(content, fileName);
    }

    /**
     * Limits a caller adds to the configured ones (attachments of a mail or MMS; faxes use {@link Limits#NONE}).
     *
     * @param maxOcrPages    at most this many pages may be OCR'd; a document needing more is refused
     *                       before any OCR, with {@code allowanceSetting} named in the reason
     * @param minImagePixels an image whose first page is smaller (width × height) is refused before it is
     *                       decoded (logos, signature images, tracking pixels); 0 = no minimum
     */
    public record Limits(int maxOcrPages, long minImagePixels, String allowanceSetting) {
        public static final Limits NONE = new Limits(Integer.MAX_VALUE, 0, null);
    }

    /**
     * @throws UnreadableDocumentException corrupt, encrypted, over a limit, or OCR failed (the reason says which)
     */
    public ReadDocument read(byte[] content, String fileName) {
        return read(content, fileName, Limits.NONE);
    }

    /**
     * @throws UnreadableDocumentException corrupt, encrypted, over a limit (the configured ones or {@code limits}),
     *         or OCR failed (the reason says which)
     */
    public ReadDocument read(byte[] content, String fileName, Limits limits) {
        return read(content, fileName, limits, null);
    }

    /**
     * @param prepared given each OCR'd image page as Tesseract read it (1-based page number, image), so a caller can cut
     *                 a field's region from it; null: not wanted
     */
    public ReadDocument read(byte[] content, String fileName, Limits limits,
                             java.util.function.BiConsumer<Integer, BufferedImage> prepared) {
        this.prepared.set(prepared);
        try {
            return readAny(content, fileName, limits);
        } finally {
            this.prepared.remove();
        }
    }

    private final ThreadLocal<java.util.function.BiConsumer<Integer, BufferedImage>> prepared = new ThreadLocal<>();

    /**
     * Reads several small regions again, as one image of stacked strips with a character whitelist (Tesseract's
     * {@code tessedit_char_whitelist}), one line per region: a second opinion on digits and Latin letters.
     *
     * @return the text read for each region, in order ("" when a region gave nothing)
     */
    public List<String> rereadLines(List<BufferedImage> regions, String languages, String whitelist) {
        if (regions.isEmpty()) {
            return List.of();
        }
        int gap = 40;
        int width = gap * 2;
        int height = gap;
        for (BufferedImage r : regions) {
            width = Math.max(width, r.getWidth() + 2 * gap);
            height += r.getHeight() + gap;
        }
        BufferedImage strip = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        var g = strip.createGraphics();
        int[] tops = new int[regions.size()];
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, height);
            int y = gap;
            for (int i = 0; i < regions.size(); i++) {
                tops[i] = y;
                g.drawImage(regions.get(i), gap, y, null);
                y += regions.get(i).getHeight() + gap;
            }
        } finally {
            g.dispose();
        }
        Tesseract own = new Tesseract(properties.tesseract(), languages, properties.dpi());
        Tesseract.Recognized read = pool.run(() -> {
            try {
                return own.recognize(strip, properties.pageTimeout(), false, new Tesseract.Options(6, whitelist, false));
            } catch (IOException e) {
                throw new UnreadableDocumentException("re-reading fields failed: " + e.getMessage(), e);
            }
        });
        List<StringBuilder> texts = new ArrayList<>();
        regions.forEach(r -> texts.add(new StringBuilder()));
        for (OcrLine line : read.lines()) {
            for (OcrLine.Word w : line.words()) {
                int centre = w.y() + w.height() / 2;
                for (int i = 0; i < regions.size(); i++) {
                    if (centre >= tops[i] && centre < tops[i] + regions.get(i).getHeight()) {
                        texts.get(i).append(w.text());
                    }
                }
            }
        }
        return texts.stream().map(StringBuilder::toString).toList();
    }

    /**
     * Page {@code page} (1-based) of a fax or scanned image as it was OCR'd (the same pre-processing, so the word boxes
     * of its {@link OcrLine}s point into it), for cutting a field's region out for staff; empty for anything else
     * (PDFs, documents), or when the page does not exist or is over the limits.
     */
    public java.util.Optional<BufferedImage> preparedPage(byte[] content, String fileName, int page) {
        if (content == null || content.length == 0) {
            return java.util.Optional.empty();
        }
        String type = detect(content, fileName);
        if (!type.startsWith("image/") || type.startsWith("image/svg")) {
            return java.util.Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) {
                return java.util.Optional.empty();
            }
            ImageReader reader = preferJdk(readers);
            try {
                reader.setInput(in, false, false);
                if (page < 1 || page > Math.min(reader.getNumImages(true), properties.maxPages())
                        || (long) reader.getWidth(page - 1) * reader.getHeight(page - 1) > properties.maxPagePixels()) {
                    return java.util.Optional.empty();
                }
                BufferedImage image = reader.read(page - 1);
                boolean photo = image.getColorModel().getPixelSize() > 1;
                double[] dpi = resolution(reader.getImageMetadata(page - 1));
                return java.util.Optional.of(photo ? normalize(image, dpi) : prepare(image, dpi));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private ReadDocument readAny(byte[] content, String fileName, Limits limits) {
        if (content == null || content.length == 0) {
            throw new UnreadableDocumentException("empty file (0 bytes)");
        }
        String type = detect(content, fileName);
        Instant deadline = Instant.now().plus(properties.documentTimeout());
        if (type.startsWith("image/") && !type.startsWith("image/svg")) {
            return readImages(content, type, deadline, limits);
        }
        if (type.equals("application/pdf")) {
            return readPdf(content, deadline, limits);
        }
        DocumentTextExtractor.Extraction extraction = documents.extract(content, fileName, type);
        if (extraction.error() != null) {
            throw new UnreadableDocumentException(type + ": " + extraction.error());
        }
        String text = extraction.text() == null ? "" : extraction.text();
        return new ReadDocument(type, 1, List.of(new OcrPage(1, text, null, extraction.extractedBy(), 0, 0)), null);
    }

    private ReadDocument readImages(byte[] content, String type, Instant deadline, Limits limits) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableDocumentException(type + ": not a readable image (corrupt, or a format the JDK "
                        + "cannot decode: PNG, JPEG, TIFF, GIF and BMP are read)");
            }
            ImageReader reader = preferJdk(readers);
            try {
                reader.setInput(in, false, false);
                int pages = reader.getNumImages(true);
                if (pages < 1) {
                    throw new UnreadableDocumentException(type + ": no pages");
                }
                checkPageCount(pages);
                for (int i = 0; i < pages; i++) {
                    checkPixels(i + 1, reader.getWidth(i), reader.getHeight(i));
                }
                long firstPagePixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (firstPagePixels < limits.minImagePixels()) {
                    throw new UnreadableDocumentException("not OCR'd: a small image (" + reader.getWidth(0) + "×"
                            + reader.getHeight(0) + " pixels, under " + limits.minImagePixels()
                            + ", hub.ocr.min-image-pixels): logos, signature images and tracking pixels are skipped");
                }
                checkAllowance(pages, limits);
                Tesseract.Status s = tesseractStatus();
                if (!s.ready()) {
                    return new ReadDocument(type, pages, List.of(), s.problem());
                }
                List<OcrPage> result = new ArrayList<>();
                for (int i = 0; i < pages; i++) {
                    double[] dpi = resolution(reader.getImageMetadata(i));
                    BufferedImage image = reader.read(i);
                    // more than one bit per pixel: a photo (PNG, JPEG...) rather than a fax page
                    boolean photo = image.getColorModel().getPixelSize() > 1;
                    BufferedImage ready = photo ? normalize(image, dpi) : prepare(image, dpi);
                    result.add(ocr(i + 1, ready, deadline, photo, photo ? Tesseract.Options.PAGE : pageOptions()));
                    if (prepared.get() != null) {
                        prepared.get().accept(i + 1, ready);
                    }
                }
                return new ReadDocument(type, pages, result, null);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableDocumentException u) {
                throw u;
            }
            throw new UnreadableDocumentException(type + ": corrupt or unreadable image (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /**
     * The JDK's own TIFF reader when there is a choice: Tika brings jai-imageio, whose TIFF plugin
     * registers too, and the resolution tags are read through the JDK's TIFF metadata classes.
     */
    static ImageReader preferJdk(Iterator<ImageReader> readers) {
        ImageReader first = readers.next();
        if (first.getClass().getName().startsWith("com.sun.imageio.")) {
            return first;
        }
        while (readers.hasNext()) {
            ImageReader next = readers.next();
            if (next.getClass().getName().startsWith("com.sun.imageio.")) {
                first.dispose();
                return next;
            }
            next.dispose();
        }
        return first;
    }

    private ReadDocument readPdf(byte[] content, Instant deadline, Limits limits) {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            int pages = pdf.getNumberOfPages();
            if (pages < 1) {
                throw new UnreadableDocumentException("application/pdf: no pages");
            }
            checkPageCount(pages);
            PDFTextStripper stripper = new PDFTextStripper();
            List<String> layers = new ArrayList<>();
            int ocrPages = 0;
            for (int i = 1; i <= pages; i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                String layer = stripper.getText(pdf).strip();
                layers.add(layer);
                ocrPages += layer.replaceAll("\\s", "").length() < properties.minTextLayerChars() ? 1 : 0;
            }
            boolean needsOcr = ocrPages > 0;
            checkAllowance(ocrPages, limits);
            Tesseract.Status s = needsOcr ? tesseractStatus() : null;
            if (s != null && !s.ready()) {
                return new ReadDocument("application/pdf", pages, List.of(), s.problem());
            }
            PDFRenderer renderer = new PDFRenderer(pdf);
            List<OcrPage> result = new ArrayList<>();
            for (int i = 0; i < pages; i++) {
                String layer = layers.get(i);
                if (layer.replaceAll("\\s", "").length() >= properties.minTextLayerChars()) {
                    result.add(new OcrPage(i + 1, layer, null, "pdf-text-layer", 0, 0));
                    continue;
                }
                PDPage page = pdf.getPage(i);
                float points = page.getMediaBox().getWidth() * page.getMediaBox().getHeight();
                float scale = this.dpi / 72f;
                if (points * scale * scale > properties.maxPagePixels()) {
                    scale = (float) Math.sqrt(properties.maxPagePixels() / (double) points);
                }
                checkTime(deadline, i + 1);
                BufferedImage image = renderer.renderImage(i, scale, ImageType.GRAY);
                // a scan in a PDF (often a fax saved as PDF): despeckled at its rendered size and turned straight
                result.add(ocr(i + 1, prepareRendered(image), deadline, false, pageOptions()));
            }
            return new ReadDocument("application/pdf", pages, result, null);
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocumentException("application/pdf: encrypted PDF (it needs a password to open); "
                    + "ask the sender for an unprotected copy", e);
        } catch (IOException e) {
            throw new UnreadableDocumentException("application/pdf: corrupt or unreadable PDF (" + e.getMessage() + ")", e);
        } catch (UnreadableDocumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // PDFBox throws unchecked exceptions on some corrupt files (a NullPointerException for a page
            // tree without its parent, found by fuzzing): corrupt too, not a processing error.
            throw new UnreadableDocumentException("application/pdf: corrupt or unreadable PDF (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private OcrPage ocr(int number, BufferedImage image, Instant deadline, boolean photo, Tesseract.Options options) {
        Duration timeout = checkTime(deadline, number);
        if (timeout.compareTo(properties.pageTimeout()) > 0) {
            timeout = properties.pageTimeout();
        }
        Duration limit = timeout;
        Tesseract.Recognized recognized = pool.run(() -> {
            try {
                return paddle != null ? paddle.recognize(image, limit) : tesseract.recognize(image, limit, photo, options);
            } catch (IOException e) {
                throw new UnreadableDocumentException("page " + number + ": OCR failed: " + e.getMessage(), e);
            }
        });
        return new OcrPage(number, recognized.text(), Math.round(recognized.confidence() * 10) / 10.0,
                engine(), image.getWidth(), image.getHeight(), recognized.lines());
    }

    private Duration checkTime(Instant deadline, int page) {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new UnreadableDocumentException("not read within " + properties.documentTimeout().toSeconds()
                    + " s (hub.ocr.document-timeout), stopped before page " + page);
        }
        return left;
    }

    private void checkPageCount(int pages) {
        if (pages > properties.maxPages()) {
            throw new UnreadableDocumentException(pages + " pages, over the limit of " + properties.maxPages()
                    + " (hub.ocr.max-pages); not OCR'd");
        }
    }

    private static void checkAllowance(int ocrPages, Limits limits) {
        if (ocrPages > limits.maxOcrPages()) {
            throw new UnreadableDocumentException("not OCR'd: " + ocrPages + (ocrPages == 1 ? " page" : " pages")
                    + " to OCR, " + (limits.maxOcrPages() <= 0 ? "none" : "only " + limits.maxOcrPages())
                    + " left" + (limits.allowanceSetting() == null ? "" : " (" + limits.allowanceSetting() + ")"));
        }
    }

    private void checkPixels(int page, int width, int height) {
        if ((long) width * height > properties.maxPagePixels()) {
            throw new UnreadableDocumentException("page " + page + " is " + width + "×" + height + " pixels, over the limit of "
                    + properties.maxPagePixels() + " (hub.ocr.max-page-pixels); not OCR'd");
        }
    }

    /**
     * X and Y resolution in dpi from TIFF tags; {0, 0} when not known. Only TIFF metadata is asked:
     * the TIFF classes read other formats' metadata (PNG, JPEG) as 1 dpi, which scaled a photo to the
     * pixel limit; and a photo's declared dpi (72, 96) says nothing of the text's size anyway.
     * Values under 50 dpi are not a fax's or scanner's and are ignored too.
     */
    static double[] resolution(IIOMetadata metadata) {
        if (metadata == null || !"javax_imageio_tiff_image_1.0".equals(metadata.getNativeMetadataFormatName())) {
            return new double[] {0, 0};
        }
        try {
            TIFFDirectory dir = TIFFDirectory.createFromMetadata(metadata);
            TIFFField x = dir.getTIFFField(BaselineTIFFTagSet.TAG_X_RESOLUTION);
            TIFFField y = dir.getTIFFField(BaselineTIFFTagSet.TAG_Y_RESOLUTION);
            TIFFField unit = dir.getTIFFField(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT);
            if (x == null || y == null) {
                return new double[] {0, 0};
            }
            double factor = unit != null && unit.getAsInt(0) == BaselineTIFFTagSet.RESOLUTION_UNIT_CENTIMETER ? 2.54 : 1;
            double[] dpi = {x.getAsDouble(0) * factor, y.getAsDouble(0) * factor};
            return dpi[0] < 50 || dpi[1] < 50 ? new double[] {0, 0} : dpi;
        } catch (RuntimeException | javax.imageio.metadata.IIOInvalidTreeException e) {
            return new double[] {0, 0}; // not a TIFF (PNG, JPEG): taken as it is
        }
    }

    private Tesseract.Options pageOptions() {
        return new Tesseract.Options(tuning.psm(), null, tuning.preserveInterwordSpaces());
    }

    /**
     * A fax or scanner page (1 bit) as Tesseract reads it best ({@link OcrTuning}): speckle removed, scaled to
     * {@code hub.ocr.dpi} on both axes with interpolation, turned straight, table rules erased.
     */
    BufferedImage prepare(BufferedImage image, double[] dpi) {
        BufferedImage clean = PageImages.despeckle(image, tuning.despeckle());
        double[] size = scaledSize(clean, dpi);
        BufferedImage page = PageImages.scale(clean, (int) size[0], (int) size[1], tuning.interpolation());
        if (tuning.deskew()) {
            page = PageImages.rotate(page, PageImages.skew(page));
        }
        if (tuning.removeLines()) {
            page = PageImages.removeLines(page, Math.max(40, this.dpi / 3));
        }
        return page;
    }

    /** A rendered PDF scan page (already at {@code hub.ocr.dpi}): speckle of a 204-dpi scan's size removed, deskewed. */
    BufferedImage prepareRendered(BufferedImage page) {
        BufferedImage clean = page;
        if (!"none".equals(tuning.despeckle())) {
            double factor = this.dpi / 204.0;
            clean = "median".equals(tuning.despeckle()) ? PageImages.despeckle(page, "median")
                    : PageImages.smallSpotsRemoved(page, (int) Math.round(3 * factor * factor));
        }
        if (tuning.deskew()) {
            clean = PageImages.rotate(clean, PageImages.skew(clean));
        }
        return clean;
    }

    /** Width and height at the OCR resolution (fax pixels made square), within the pixel limit. */
    private double[] scaledSize(BufferedImage image, double[] dpi) {
        double sx = 1;
        double sy = 1;
        if (dpi[0] > 0 && dpi[1] > 0) {
            sx = this.dpi / dpi[0];
            sy = this.dpi / dpi[1];
        }
        double pixels = image.getWidth() * sx * image.getHeight() * sy;
        if (pixels > properties.maxPagePixels()) {
            double shrink = Math.sqrt(properties.maxPagePixels() / pixels);
            sx *= shrink;
            sy *= shrink;
        }
        return new double[] {Math.max(1, Math.round(image.getWidth() * sx)), Math.max(1, Math.round(image.getHeight() * sy))};
    }

    /** Grey page at the OCR resolution: fax pixels made square, scaled to {@code hub.ocr.dpi}, within the pixel limit. */
    BufferedImage normalize(BufferedImage image, double[] dpi) {
        double[] size = scaledSize(image, dpi);
        int w = (int) size[0];
        int h = (int) size[1];
        BufferedImage grey = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        var g = grey.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return grey;
    }

    @Override
    public void destroy() throws Exception {
        pool.shutdown(10);
        if (paddle != null) {
            paddle.close();
        }
    }
}
