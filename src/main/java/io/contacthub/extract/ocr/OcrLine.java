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
     * @param confidence Tesseract's word confidence 0..100
     */
    public record Word(String text, int start, double confidence, int x, int y, int width, int height) {
        public int end() {
            return start + text.length();
        }
    }
}
