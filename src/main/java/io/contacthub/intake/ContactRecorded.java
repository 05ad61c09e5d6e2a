package io.contacthub.intake;

/**
 * Called for every contact the core records, inside the transaction that records it, so whatever a
 * listener writes (e.g. an outbox row) commits or rolls back together with the contact. Features
 * outside the core (notify) implement it; the core knows only this interface.
 */
public interface ContactRecorded {

    void recorded(RecordedContact contact);

    /**
     * @param ticketId      the ticket the contact joined or opened; null when the message was IGNORED
     * @param ticketOpened  true when this contact opened the ticket
     * @param ignoreReason  why the message was IGNORED, or null
     * @param language      the detected language (zh | en)
     * @param intent        the contact's intent as recorded (ORDER, TRACKING, COMPLAINT...)
     * @param urgent        true when the contact was recorded as URGENT
     * @param entities      the numbers and addresses found in its text, as recorded (a fax's form fields are
     *                      added to the stored row by a listener, so read the row for those)
     * @param senderProven  the contact's customer was chosen by an identity the channel proved (or a
     *                      member's session); false for what strangers typed into forms
     */
    record RecordedContact(long messageId, String channel, Long ticketId, String ticketRef, boolean ticketOpened,
                           Long customerId, String ignoreReason, String language, ParsedContent content,
                           String intent, boolean urgent, io.contacthub.understand.Entities entities,
                           boolean senderProven) {

        public RecordedContact(long messageId, String channel, Long ticketId, String ticketRef, boolean ticketOpened,
                               Long customerId, String ignoreReason, String language, ParsedContent content,
                               String intent, boolean urgent, io.contacthub.understand.Entities entities) {
            this(messageId, channel, ticketId, ticketRef, ticketOpened, customerId, ignoreReason, language, content, intent,
                    urgent, entities, false);
        }

        public boolean ignored() {
            return ignoreReason != null;
        }
    }
}
