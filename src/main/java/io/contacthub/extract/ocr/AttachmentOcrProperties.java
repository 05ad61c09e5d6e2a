package io.contacthub.extract.ocr;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * OCR of images and scanned PDFs attached to mail and MMS (the other {@code hub.ocr} settings are in
 * {@link OcrProperties} and apply too).
 *
 * @param maxAttachmentPagesPerMessage pages OCR'd at most per message, over all its attachments in order; an
 *                                     attachment that needs more than what is left is kept, not OCR'd, with the
 *                                     reason (one mail with 40 photos must not tie up the OCR pool)
 * @param minImagePixels               an inline image smaller than this (width × height) is a logo, signature
 *                                     image or tracking pixel: kept, not OCR'd, with the reason
 */
@ConfigurationProperties("hub.ocr")
public record AttachmentOcrProperties(@DefaultValue("10") int maxAttachmentPagesPerMessage,
                                      @DefaultValue("40000") long minImagePixels) {

    public AttachmentOcrProperties {
        maxAttachmentPagesPerMessage = Math.max(0, maxAttachmentPagesPerMessage);
        minImagePixels = Math.max(0, minImagePixels);
    }

    public static AttachmentOcrProperties defaults() {
        return new AttachmentOcrProperties(10, 40_000);
    }
}
