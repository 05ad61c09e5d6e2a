package io.contacthub.understand;

/**
 * The part of a contact's text the understanding patterns read: at most a configured number of
 * characters from its start ({@code hub.understand.max-scanned-chars}). A stranger can send
 * megabytes; reading a bounded prefix keeps every contact's cost bounded. The whole text stays
 * stored on the contact; only the scan stops.
 *
 * @param text       the prefix that is scanned
 * @param totalChars how long the whole text was
 */
public record ScannedText(String text, int totalChars) {

    public static ScannedText prefix(String text, int maxChars) {
        String whole = text == null ? "" : text;
        if (whole.length() <= maxChars) {
            return new ScannedText(whole, whole.length());
        }
        int end = maxChars;
        // Never keep half of a surrogate pair (a CJK extension character or an emoji).
        if (end > 0 && Character.isHighSurrogate(whole.charAt(end - 1))) {
            end--;
        }
        return new ScannedText(whole.substring(0, end), whole.length());
    }

    public boolean truncated() {
        return text.length() < totalChars;
    }
}
