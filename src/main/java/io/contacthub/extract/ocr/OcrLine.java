package io.contacthub.extract.ocr;

import java.util.List;

/**
 * One line of a page's text as Tesseract read it: its words with their confidences and boxes, in the
 * pixels of the image that was OCR'd ({@link OcrPage#width()} × {@link OcrPage#height()}). The line's
 * text is the words joined as in the page text, so a span of the text can be traced back to its words.
 */
public record OcrLine(List<Word> words) {

    public OcrLine {
        words = List.copyOf(words);
    }

    /**
     * @param start where the word starts in its line of the page text
     * @param confidence the word confidence 0..100 (PaddleOCR: look-alikes such as O and 0 counted as one character,
     *                   for a field's pattern to decide between them)
     * @param exactConfidence the same for the very characters read (O, not 0): what a field without a pattern (a
     *                   name, an e-mail address) is as sure of; Tesseract's is its word confidence
     */
    public record Word(String text, int start, double confidence, int x, int y, int width, int height, double exactConfidence) {

        public Word(String text, int start, double confidence, int x, int y, int width, int height) {
            this(text, start, confidence, x, y, width, height, confidence);
        }

        public int end() {
            return start + text.length();
        }
    }
}
