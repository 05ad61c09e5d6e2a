package io.contacthub.extract.ocr;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * OCR of images and scanned PDFs attached to mail and MMS (the other {@code hub.ocr} settings are in
 * {@link OcrProperties} and apply too). Defaults in application.yml; a negative value stops the start with the
 * property's name.
 *
 * @param maxAttachmentPagesPerMessage pages OCR'd at most per message, over all its attachments in order; an
 *                                     attachment that needs more than what is left is kept, not OCR'd, with the
 *                                     reason (one mail with 40 photos must not tie up the OCR pool)
 * @param minImagePixels               an inline image smaller than this (width × height) is a logo, signature
 *                                     image or tracking pixel: kept, not OCR'd, with the reason
 */
@Validated
@ConfigurationProperties("hub.ocr")
public record AttachmentOcrProperties(@PositiveOrZero int maxAttachmentPagesPerMessage, @PositiveOrZero long minImagePixels) {

    /** The values of application.yml, for code that runs without Spring; OcrSettingsTest checks they are the shipped ones. */
    public static AttachmentOcrProperties defaults() {
        return new AttachmentOcrProperties(10, 40_000);
    }
}
