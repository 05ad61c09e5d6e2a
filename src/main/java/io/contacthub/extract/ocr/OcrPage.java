package io.contacthub.extract.ocr;

/**
 * One page of a read document.
 *
 * @param number     1-based
 * @param text       the page's text (CJK characters joined without the spaces Tesseract puts between them)
 * @param confidence Tesseract's mean word confidence 0..100; null when the text came from a text layer
 * @param method     {@code tesseract:<languages>}, {@code pdf-text-layer} or {@code tika:<parser>}
 */
public record OcrPage(int number, String text, Double confidence, String method, int width, int height) {
}
