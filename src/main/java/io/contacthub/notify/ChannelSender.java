package io.contacthub.notify;

/** Sends one outbox row to its recipient on one channel (SMTP, Twilio Messages, Twilio Calls). */
interface ChannelSender {

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

    record PendingNotification(long id, String recipient, String template, String subject, String body,
                               String rfcMessageId, String inReplyTo, String language, int attempts) {
    }

    /** A provider's refusal. Not retryable: the same request can never succeed (bad number, 4xx). */
    class SendFailure extends Exception {
        private final boolean retryable;

        SendFailure(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        boolean retryable() {
            return retryable;
        }
    }
}
