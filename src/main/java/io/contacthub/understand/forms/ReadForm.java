package io.contacthub.understand.forms;

/**
 * A form read from a contact's scanned pages (a fax, a scanned letter), passed from the step that read
 * it to the steps after it (an order request takes its fields and their OCR confidences).
 *
 * @param needsReview the reader is unsure (poor OCR, pages missing, a file not OCR'd yet): a person checks first
 */
public record ReadForm(FormFields form, boolean needsReview) {
}
