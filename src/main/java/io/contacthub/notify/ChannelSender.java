package io.contacthub.notify;

/**
 * Sends one outbox row to its recipient on one outbound channel (SMTP, Twilio Messages, Twilio Calls,
 * or one a channel adds: a {@code @Component} implementing this, plus a route under routes/outbound
 * calling {@code notificationDispatcher.dispatchDue('<CHANNEL>')} on a timer; docs/CHANNELS.md).
 */
public interface ChannelSender {

    /** The outbox channel whose rows this sender sends. */
    String channel();

    /** The provider's rate-limit key: channels served by one provider share one budget. */
    default String provider() {
        return channel();
    }

    /** Null when the sender can send, else why not (rows then stay QUEUED until it is configured). */
    String notConfiguredReason();

    String describe();

    /**
     * @return the provider's id for what it accepted (Twilio's SID, our Message-ID for e-mail)
     * @throws SendFailure when the provider did not accept it
     */
    String send(PendingNotification notification) throws SendFailure;

    /**
     * @param recipient     the address: an e-mail address, an E.164 number, or an identity value of {@code recipientKind}
     * @param recipientKind the identity kind of the recipient (EMAIL, PHONE, or a channel's own kind); null on rows
     *                      older than the column
     * @param ticketRef     the ticket the notification is about, or null
     */
    record PendingNotification(long id, String recipient, String template, String subject, String body,
                               String rfcMessageId, String inReplyTo, String language, int attempts, String recipientKind,
                               String ticketRef) {

        public PendingNotification(long id, String recipient, String template, String subject, String body,
                                   String rfcMessageId, String inReplyTo, String language, int attempts) {
            this(id, recipient, template, subject, body, rfcMessageId, inReplyTo, language, attempts, null, null);
        }
    }

    /** A provider's refusal. Not retryable: the same request can never succeed (bad number, 4xx). */
    class SendFailure extends Exception {
        private final boolean retryable;

        public SendFailure(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
