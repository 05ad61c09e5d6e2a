package io.contacthub.extract;

import io.contacthub.intake.IntakeProperties;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Text of attached documents (PDF, Office, plain text, HTML...) with Apache Tika. Text beyond the
 * configured limit is cut, not an error. Images are not OCR'd here: mail and MMS attachments are
 * read through {@link io.contacthub.extract.ocr.AttachmentReader}, which sends images and text-less
 * PDF pages to the OCR (its own bounded pool) and everything else here.
 */
@Component
public class DocumentTextExtractor {

    private final Parser parser = new AutoDetectParser();
    private final int maxChars;

    @Autowired
    public DocumentTextExtractor(IntakeProperties intake) {
        this(intake.maxExtractedChars());
    }

    public DocumentTextExtractor(int maxChars) {
        this.maxChars = maxChars;
    }

    public Extraction extract(byte[] content, String fileName, String contentType) {
        if (contentType != null && contentType.toLowerCase().startsWith("image/")) {
            return new Extraction(null, null, "image: no text layer (OCR not applied to mail images)");
        }
        BodyContentHandler handler = new BodyContentHandler(maxChars);
        Metadata metadata = new Metadata();
        if (fileName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        if (contentType != null) {
            metadata.set(Metadata.CONTENT_TYPE, contentType);
        }
        ParseContext context = new ParseContext();
        TesseractOCRConfig noOcr = new TesseractOCRConfig();
        noOcr.setSkipOcr(true);
        context.set(TesseractOCRConfig.class, noOcr);
        context.set(Parser.class, parser);
        try (InputStream in = new ByteArrayInputStream(content)) {
            parser.parse(in, handler, metadata, context);
        } catch (EncryptedDocumentException e) {
            return new Extraction(null, null, "encrypted document: no text extracted");
        } catch (Exception e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                return new Extraction(handler.toString().strip(), "tika (cut at " + maxChars + " characters)", null);
            }
            return new Extraction(null, null, "text extraction failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
        }
        String parsedBy = String.join(",", metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY));
        String text = handler.toString().strip();
        return new Extraction(text.isEmpty() ? null : text, "tika:" + lastParser(parsedBy), null);
    }

    private static String lastParser(String parsedBy) {
        String[] names = parsedBy.split(",");
        String last = names[names.length - 1];
        return last.substring(last.lastIndexOf('.') + 1);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public record Extraction(String text, String extractedBy, String error) {
    }
}
