package io.contacthub.intake;

/**
 * A file that came with a message (attachment, inline image, attached mail) and the text taken
 * from it; {@code extractedBy} says how (e.g. {@code tika:PDFParser}), {@code extractionError}
 * why there is no text.
 */
public record ExtractedFile(String fileName, String contentType, byte[] content, String sha256,
                            boolean inline, String extractedText, String extractedBy,
                            String extractionError) {
}
