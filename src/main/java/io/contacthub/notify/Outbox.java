package io.contacthub.notify;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes notifications into the outbox table; one dispatcher per channel sends them. */
@Component
public class Outbox {

    public static final String EMAIL = "EMAIL";
    public static final String SMS = "SMS";
    public static final String VOICE = "VOICE";

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A fresh Message-ID for a mail the hub sends: {@code <uuid@contact-hub>}. */
    public static String newMessageId() {
        return "<" + UUID.randomUUID() + "@contact-hub>";
    }

    /**
     * One rendered message for one recipient on one channel.
     *
     * @param recipient  e-mail address for EMAIL, E.164 number for SMS and VOICE
     * @param subject    e-mail subject (null for SMS and VOICE)
     * @param inReplyTo  the customer's Message-ID this mail answers (EMAIL only)
     * @param suppressed why it must not be sent (e.g. the number opted out), or null to send it
     */
    record Pending(Long ticketId, Long customerId, String channel, String recipient, String template, String language,
                   String subject, String body, String inReplyTo, String idempotencyKey, String suppressed,
                   String recipientKind) {

        Pending(Long ticketId, Long customerId, String channel, String recipient, String template, String language,
                String subject, String body, String inReplyTo, String idempotencyKey, String suppressed) {
            this(ticketId, customerId, channel, recipient, template, language, subject, body, inReplyTo, idempotencyKey,
                    suppressed, EMAIL.equals(channel) ? "EMAIL" : SMS.equals(channel) || VOICE.equals(channel) ? "PHONE" : null);
        }
    }

    /** Queues the message. Returns the new id, or empty when one with this idempotency key exists. */
    @Transactional
    Optional<Long> enqueue(Pending p) {
        return jdbc.sql("""
                        insert into notification (ticket_id, customer_id, channel, recipient, template, language, subject,
                                                  body, rfc_message_id, in_reply_to, idempotency_key, status, last_error,
                                                  recipient_kind)
                        values (:ticket, :customer, :channel, :recipient, :template, :language, :subject, :body, :rfcId,
                                :inReplyTo, :key, :status, :error, :kind)
                        on conflict (idempotency_key) do nothing
                        returning id""")
                .param("ticket", p.ticketId())
                .param("customer", p.customerId())
                .param("channel", p.channel())
                .param("recipient", p.recipient())
                .param("template", p.template())
                .param("language", p.language())
                .param("subject", p.subject())
                .param("body", p.body())
                .param("rfcId", EMAIL.equals(p.channel()) ? newMessageId() : null)
                .param("inReplyTo", p.inReplyTo())
                .param("key", p.idempotencyKey())
                .param("status", p.suppressed() == null ? "QUEUED" : "SUPPRESSED")
                .param("error", p.suppressed())
                .param("kind", p.recipientKind())
                .query(Long.class)
                .optional();
    }
}
