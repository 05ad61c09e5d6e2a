package io.contacthub.extract.ocr;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * OCR of faxes and scanned documents (Tesseract from the OS).
 *
 * @param tesseract          the {@code tesseract} command (a name on the PATH or a full path)
 * @param languages          Tesseract language packs joined by {@code +}; {@code chi_sim+eng} reads Chinese and English
 * @param maxPages           documents with more pages are FAILED before any page is read (fax bombs)
 * @param maxPagePixels      a page image larger than this (width × height, as declared) is FAILED before it is decoded
 * @param dpi                pages are OCR'd at this resolution (fax pages are scaled to it, PDFs rendered at it)
 * @param pageTimeout        one page's recognition is stopped after this
 * @param documentTimeout    a whole document is stopped after this
 * @param workers            recognitions at once (each Tesseract process is held to one thread)
 * @param queueSize          pages that may wait for a worker; further callers block (back-pressure)
 * @param minTextLayerChars  a PDF page with at least this many characters in its text layer is read, not OCR'd
 */
@ConfigurationProperties("hub.ocr")
public record OcrProperties(@DefaultValue("tesseract") String tesseract,
                            @DefaultValue("chi_sim+eng") String languages,
                            @DefaultValue("50") int maxPages,
                            @DefaultValue("40000000") long maxPagePixels,
                            @DefaultValue("300") int dpi,
                            @DefaultValue("60s") Duration pageTimeout,
                            @DefaultValue("300s") Duration documentTimeout,
                            @DefaultValue("1") int workers,
                            @DefaultValue("8") int queueSize,
                            @DefaultValue("20") int minTextLayerChars) {

    public OcrProperties {
        tesseract = tesseract == null || tesseract.isBlank() ? "tesseract" : tesseract.trim();
        languages = languages == null || languages.isBlank() ? "chi_sim+eng" : languages.trim();
        maxPages = maxPages <= 0 ? 50 : maxPages;
        maxPagePixels = maxPagePixels <= 0 ? 40_000_000L : maxPagePixels;
        dpi = dpi < 70 ? 300 : dpi;
        pageTimeout = pageTimeout == null || pageTimeout.isZero() || pageTimeout.isNegative() ? Duration.ofSeconds(60) : pageTimeout;
        documentTimeout = documentTimeout == null || documentTimeout.isZero() || documentTimeout.isNegative()
                ? Duration.ofSeconds(300) : documentTimeout;
        workers = Math.max(1, workers);
        queueSize = Math.max(0, queueSize);
        minTextLayerChars = Math.max(1, minTextLayerChars);
    }

    /** Defaults, for code that runs without Spring (benchmarks, unit tests). */
    public static OcrProperties defaults() {
        return new OcrProperties(null, null, 0, 0, 0, null, null, 1, 8, 20);
    }
}
