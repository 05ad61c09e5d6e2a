package io.contacthub.extract.ocr;

import java.util.List;

/**
 * One page of a read document.
 *
 * @param number     1-based
 * @param text       the page's text (CJK characters joined without the spaces Tesseract puts between them)
 * @param confidence Tesseract's mean word confidence 0..100; null when the text came from a text layer
 * @param method     {@code tesseract:<languages>}, {@code pdf-text-layer} or {@code tika:<parser>}
 * @param lines      for OCR'd pages, one entry per line of {@code text} (blank lines have no words): where each
 *                   word was read and how sure Tesseract was; empty for text layers
 */
public record OcrPage(int number, String text, Double confidence, String method, int width, int height, List<OcrLine> lines) {

    public OcrPage {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public OcrPage(int number, String text, Double confidence, String method, int width, int height) {
        this(number, text, confidence, method, width, height, List.of());
    }
}
