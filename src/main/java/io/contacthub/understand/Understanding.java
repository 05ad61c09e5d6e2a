package io.contacthub.understand;

/**
 * @param intentReason which rule decided the intent (the keyword that matched), for staff to see
 * @param scannedChars how many characters of the text the patterns read
 * @param textChars    how long the text was; more than {@code scannedChars} when it was cut for scanning
 */
public record Understanding(String language, Intent intent, String intentReason, boolean urgent,
                            Entities entities, int scannedChars, int textChars) {

    /** An understanding of a text read whole (its length not recorded). */
    public Understanding(String language, Intent intent, String intentReason, boolean urgent, Entities entities) {
        this(language, intent, intentReason, urgent, entities, 0, 0);
    }

    /** True when only the first {@code scannedChars} of the text were read (hub.understand.max-scanned-chars). */
    public boolean truncated() {
        return textChars > scannedChars;
    }
}
