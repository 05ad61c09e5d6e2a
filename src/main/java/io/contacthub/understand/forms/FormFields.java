package io.contacthub.understand.forms;

import java.util.List;
import java.util.Map;

/**
 * Labelled fields read from a form's text.
 *
 * @param formType      CONSIGNMENT_NOTE, ORDER_FORM, COMPLAINT_LETTER... (configured), or UNKNOWN
 * @param fields        field name → what was read
 * @param missing       required fields of this form type that were not found
 * @param needsReview   true when a person must check the fields before anything is sent on (missing
 *                      required fields, a field below the confidence threshold, poor OCR)
 * @param reviewReasons why, for staff
 */
public record FormFields(String formType, Map<String, Field> fields, List<String> missing, boolean needsReview,
                         List<String> reviewReasons) {

    /**
     * @param value      normalized (digits of a phone, ISO date, "12.5 kg")
     * @param confidence 0..1: the label match × the value's plausibility × the page's OCR confidence
     * @param label      the label it was found under, as printed
     * @param raw        the value as read
     */
    public record Field(String value, double confidence, String label, String raw) {
    }
}
