package io.contacthub.extract.ocr;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * OCR of faxes and scanned documents (Tesseract from the OS), from {@code hub.ocr} (defaults in application.yml).
 * A bad value stops the start with the property's name.
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
@Validated
@ConfigurationProperties("hub.ocr")
public record OcrProperties(@NotBlank String tesseract,
                            @NotBlank @Pattern(regexp = "[A-Za-z0-9_]+(\\+[A-Za-z0-9_]+)*",
                                    message = "must be Tesseract language packs joined by +, such as chi_sim+eng")
                            String languages,
                            @Positive int maxPages,
                            @Positive long maxPagePixels,
                            @Min(value = 70, message = "must be at least 70 (dots per inch)") int dpi,
                            @PositiveAmount Duration pageTimeout,
                            @PositiveAmount Duration documentTimeout,
                            @Positive int workers,
                            @PositiveOrZero int queueSize,
                            @Positive int minTextLayerChars) {

    public OcrProperties {
        tesseract = tesseract == null ? null : tesseract.trim();
        languages = languages == null ? null : languages.trim();
    }

    /**
     * The values of application.yml, for code that runs without Spring (benchmarks, unit tests); OcrSettingsTest
     * checks they are the shipped ones.
     */
    public static OcrProperties defaults() {
        return new OcrProperties("tesseract", "chi_sim+eng", 50, 40_000_000L, 300, Duration.ofSeconds(60),
                Duration.ofSeconds(300), 1, 8, 20);
    }
}
