package io.contacthub.extract.ocr;

import io.contacthub.extract.DocumentTextExtractor;
import io.contacthub.extract.DocumentTextExtractor.Extraction;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The text of the files that come with a mail or an MMS. Documents with text go through Tika
 * ({@link DocumentTextExtractor}) as before; images (PNG, JPEG, TIFF, GIF, BMP) and PDF pages without
 * a text layer are OCR'd by the fax OCR, {@link ScannedDocumentReader}, with its limits and its
 * bounded pool. It lives here, in {@code extract}, so channels only hand over bytes and the core
 * knows nothing of OCR.
 * <p>
 * A message reads its files through one {@link MessageFiles}, which holds the message's OCR
 * allowance ({@code hub.ocr.max-attachment-pages-per-message}). Nothing here throws: a file that is
 * corrupt, over a limit, skipped, or waiting for Tesseract gets the reason as its extraction error
 * and the message goes on with its other content.
 */
@Component
public class AttachmentReader {

    private static final Logger log = LoggerFactory.getLogger(AttachmentReader.class);
    static final String ALLOWANCE_SETTING = "hub.ocr.max-attachment-pages-per-message";

    private final DocumentTextExtractor documents;
    private final ScannedDocumentReader scans;
    private final AttachmentOcrProperties properties;

    @Autowired
    public AttachmentReader(DocumentTextExtractor documents, ScannedDocumentReader scans, AttachmentOcrProperties properties) {
        this.documents = documents;
        this.scans = scans;
        this.properties = properties;
    }

    private AttachmentReader(DocumentTextExtractor documents) {
        this(documents, null, AttachmentOcrProperties.defaults());
    }

    /** Tika only, no OCR: for code that reads mail without the running hub (parser tests, corpus checks). */
    public static AttachmentReader textOnly(DocumentTextExtractor documents) {
        return new AttachmentReader(documents);
    }

    /** The files of one message, read in order against one OCR allowance. */
    public MessageFiles forMessage() {
        return new MessageFiles(properties.maxAttachmentPagesPerMessage());
    }

    public final class MessageFiles {

        private int ocrPagesLeft;

        private MessageFiles(int allowance) {
            this.ocrPagesLeft = allowance;
        }

        /**
         * @param declaredType what the sender said the file is (the content decides; a declared image
         *                     whose bytes are no image is reported as corrupt)
         * @param inline       shown in the mail's body (small inline images are skipped as logos)
         */
        public Extraction read(byte[] content, String fileName, String declaredType, boolean inline) {
            if (content == null || content.length == 0) {
                return documents.extract(content == null ? new byte[0] : content, fileName, declaredType);
            }
            String detected = ScannedDocumentReader.detect(content, fileName);
            boolean declaredImage = isRaster(declaredType);
            if (isRaster(detected) || declaredImage && !detected.equals("application/pdf")) {
                if (scans == null) {
                    return new Extraction(null, null, "image: no text layer (OCR not applied here)");
                }
                if (!isRaster(detected)) {
                    return new Extraction(null, null, declaredType + " declared, but the content is no image ("
                            + detected + "): corrupt or truncated; not OCR'd");
                }
                return image(content, fileName, inline);
            }
            if (detected.equals("application/pdf") && scans != null) {
                return pdf(content, fileName);
            }
            return documents.extract(content, fileName, declaredType);
        }

        private Extraction image(byte[] content, String fileName, boolean inline) {
            try {
                ReadDocument read = scans.read(content, fileName, limits(inline ? properties.minImagePixels() : 0));
                if (read.waiting()) {
                    return new Extraction(null, null, "not OCR'd: " + read.waitingReason());
                }
                return ocrd(read, fileName);
            } catch (RuntimeException e) {
                return new Extraction(null, null, reason(e));
            }
        }

        /** A PDF's text layer through Tika as before; its pages without one are OCR'd. */
        private Extraction pdf(byte[] content, String fileName) {
            Extraction text = documents.extract(content, fileName, "application/pdf");
            if (text.error() != null) {
                return text; // encrypted or corrupt: the reader would refuse it too
            }
            try {
                ReadDocument read = scans.read(content, fileName, limits(0));
                if (read.waiting()) {
                    return new Extraction(text.text(), text.extractedBy(), "pages without a text layer not OCR'd: "
                            + read.waitingReason());
                }
                if (read.meanConfidence() == null) {
                    // every page has a text layer: nothing to OCR, and staff see that it was not
                    return new Extraction(text.text(), text.extractedBy() + " (text layer, not OCR'd)", null);
                }
                return ocrd(read, fileName);
            } catch (RuntimeException e) {
                return new Extraction(text.text(), text.extractedBy(), text.text() == null ? reason(e)
                        : "pages without a text layer: " + reason(e));
            }
        }

        private ScannedDocumentReader.Limits limits(long minImagePixels) {
            return new ScannedDocumentReader.Limits(ocrPagesLeft, minImagePixels, ALLOWANCE_SETTING + " is "
                    + properties.maxAttachmentPagesPerMessage() + " per message");
        }

        private Extraction ocrd(ReadDocument read, String fileName) {
            long ocrPages = read.pages().stream().filter(p -> p.confidence() != null).count();
            ocrPagesLeft -= (int) ocrPages;
            Double confidence = read.meanConfidence();
            String by = "ocr:" + read.method() + (confidence == null ? ""
                    : String.format(Locale.ROOT, " (mean confidence %.1f)", confidence));
            log.debug("attachment {}: {} page(s) OCR'd, {}", fileName, ocrPages, by);
            String text = read.text();
            return new Extraction(text.isEmpty() ? null : text, by, text.isEmpty() ? "OCR found no text" : null);
        }

        private static String reason(RuntimeException e) {
            if (e instanceof UnreadableDocumentException) {
                return e.getMessage();
            }
            return "OCR failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }

    /** Images the reader decodes page by page; SVG is XML text and goes to Tika. */
    private static boolean isRaster(String type) {
        if (type == null) {
            return false;
        }
        String t = type.toLowerCase(Locale.ROOT).trim();
        return t.startsWith("image/") && !t.startsWith("image/svg");
    }
}
