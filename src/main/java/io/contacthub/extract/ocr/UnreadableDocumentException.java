package io.contacthub.extract.ocr;

/** The document cannot be read: corrupt, encrypted, over a limit, or OCR failed; the message is the reason staff read. */
public class UnreadableDocumentException extends RuntimeException {

    public UnreadableDocumentException(String reason) {
        super(reason);
    }

    public UnreadableDocumentException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
