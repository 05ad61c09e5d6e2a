package io.contacthub.understand.forms;

/**
 * Where the characters of a text came from when it was read by OCR: for a span of one line, how sure the
 * recogniser was of its words and where they are on which page. Lets a field's confidence rest on the words
 * of that field rather than on the page's average, and staff see the field's region of the page.
 */
public interface TextEvidence {

    /** No evidence: every field is scored with the page's mean confidence. */
    TextEvidence NONE = (line, start, end) -> null;

    /**
     * @param line  0-based line of the text (lines split at line breaks)
     * @param start first character of the span in that line
     * @param end   after the last character
     * @return the evidence of the words overlapping the span, or null when that line has none
     */
    Span span(int line, int start, int end);

    /**
     * @param meanConfidence the words' mean OCR confidence 0..100
     * @param minConfidence  the least sure word's confidence 0..100
     */
    /**
     * @param exactMean mean and least confidence of the very characters read (see OcrLine.Word#exactConfidence), for
     *                  a field no pattern checks
     */
    record Span(double meanConfidence, double minConfidence, Region region, double exactMean, double exactMin) {
        public Span(double meanConfidence, double minConfidence, Region region) {
            this(meanConfidence, minConfidence, region, meanConfidence, minConfidence);
        }
    }

    /** A box on a page, in the pixels of the page as it was OCR'd. */
    record Region(int page, int x, int y, int width, int height) {
    }
}
