package io.contacthub.intake;

import io.contacthub.understand.Entities;

/**
 * A contact as the core recorded it, handed to every step after recording ({@link AfterRecordStep}).
 *
 * @param ticketId      the ticket the contact joined or opened; null when the message was IGNORED
 * @param ticketOpened  true when this contact opened the ticket
 * @param ignoreReason  why the message was IGNORED, or null
 * @param language      the detected language (zh | en)
 * @param intent        the contact's intent as recorded (ORDER, TRACKING, COMPLAINT...)
 * @param urgent        true when the contact was recorded as URGENT
 * @param entities      the numbers and addresses found in its text, as recorded
 * @param senderProven  the contact's customer was chosen by an identity the channel proved (or a
 *                      member's session); false for what strangers typed into forms
 * @param rerun         the chain runs again for a contact recorded earlier, because work done late (OCR once
 *                      Tesseract appeared, a transcript once a model was set) changed what it says; steps
 *                      must not repeat what the customer was already told, and whatever they record is keyed
 *                      by the message so a rerun adds only what is new
 */
public record RecordedContact(long messageId, String channel, Long ticketId, String ticketRef, boolean ticketOpened,
                              Long customerId, String ignoreReason, String language, ParsedContent content,
                              String intent, boolean urgent, Entities entities, boolean senderProven, boolean rerun) {

    public RecordedContact(long messageId, String channel, Long ticketId, String ticketRef, boolean ticketOpened,
                           Long customerId, String ignoreReason, String language, ParsedContent content,
                           String intent, boolean urgent, Entities entities) {
        this(messageId, channel, ticketId, ticketRef, ticketOpened, customerId, ignoreReason, language, content, intent,
                urgent, entities, false, false);
    }

    public boolean ignored() {
        return ignoreReason != null;
    }

    /** A contact staff or the customer will see on a ticket (not IGNORED). */
    public boolean onTicket() {
        return ignoreReason == null && ticketId != null;
    }
}
