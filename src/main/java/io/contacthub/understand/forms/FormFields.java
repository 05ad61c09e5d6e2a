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
     * @param confidence 0..1: the label match × the value's plausibility (its pattern, check digit, E.164 validity,
     *                   a date that exists) × the OCR confidence of the value's own words (the page's mean when
     *                   the words are not known)
     * @param label      the label it was found under, as printed
     * @param raw        the value as read
     * @param check      what the value was checked against ("E.164", "carrier SF Express", "S10 check digit", ...),
     *                   or why it failed; null when nothing could be checked
     * @param region     where on the page the value was read (OCR'd faxes), or null
     */
    public record Field(String value, double confidence, String label, String raw, String check, TextEvidence.Region region) {

        public Field(String value, double confidence, String label, String raw) {
            this(value, confidence, label, raw, null, null);
        }
    }
}
