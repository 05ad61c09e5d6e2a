package io.contacthub.channel.letter;

import io.contacthub.understand.forms.ReadForm;

/**
 * What a logged letter adds to its contact for the {@code letter-details} step: its kind, who logged it,
 * whom staff vouched for, and the form read from its scan (null when there is no scan, it waits for OCR,
 * or nothing on it looks like a form).
 *
 * @param vouch       the customer and identity staff checked, or null
 * @param form        fields read from the scan with their OCR confidence, or null
 * @param recognised  the scan is a form the hub knows (order form, consignment note, complaint letter)
 */
record LetterDetails(LetterKind kind, String loggedBy, LetterEnvelope.Vouch vouch, ReadForm form, boolean recognised) {
}
