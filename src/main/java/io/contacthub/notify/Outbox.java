package io.contacthub.notify;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes notifications into the outbox table; the dispatcher sends them. */
@Component
public class Outbox {

    public static final String EMAIL = "EMAIL";

    private final JdbcClient jdbc;
    private final NotificationTemplates templates;

    Outbox(JdbcClient jdbc, NotificationTemplates templates) {
        this.jdbc = jdbc;
        this.templates = templates;
    }

    /** A fresh Message-ID for a mail the hub sends: {@code <uuid@contact-hub>}. */
    public static String newMessageId() {
        return "<" + UUID.randomUUID() + "@contact-hub>";
    }

    /**
     * Queues one e-mail (rendered now, sent later). Returns the new id, or empty when a notification
     * with this idempotency key already exists.
     */
    @Transactional
    public Optional<Long> enqueueEmail(Long ticketId, Long customerId, String recipient, String template, String language,
                                       String subject, Map<String, Object> variables, String inReplyTo,
                                       String idempotencyKey) {
        String lang = NotificationTemplates.language(language);
        String body = templates.render(template, lang, new HashMap<>(variables));
        return jdbc.sql("""
                        insert into notification (ticket_id, customer_id, channel, recipient, template, language, subject,
                                                  body, rfc_message_id, in_reply_to, idempotency_key)
                        values (:ticket, :customer, 'EMAIL', :recipient, :template, :language, :subject, :body, :rfcId,
                                :inReplyTo, :key)
                        on conflict (idempotency_key) do nothing
                        returning id""")
                .param("ticket", ticketId)
                .param("customer", customerId)
                .param("recipient", recipient)
                .param("template", template)
                .param("language", lang)
                .param("subject", subject)
                .param("body", body)
                .param("rfcId", newMessageId())
                .param("inReplyTo", inReplyTo)
                .param("key", idempotencyKey)
                .query(Long.class)
                .optional();
    }
}
