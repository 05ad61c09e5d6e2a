package io.contacthub.complaint;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queues a new case for the external complaint system: one {@code handoff} row (system COMPLAINT,
 * operation forward-complaint, key {@code complaint:<caseId>}) written in the transaction that opens
 * the case. The hand-off dispatcher delivers it at least once with that key, so the peer can drop
 * repeats; this class never talks to the peer itself.
 */
@Component
class CaseForwarding {

    private final JdbcClient jdbc;

    CaseForwarding(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when a row was queued, false when this case was queued before */
    boolean forward(long caseId) {
        return jdbc.sql("""
                        insert into handoff (ticket_id, message_id, system, operation, idempotency_key, payload)
                        select cc.ticket_id, cc.message_id, 'COMPLAINT', 'forward-complaint', 'complaint:' || cc.id,
                               jsonb_build_object(
                                   'caseId', cc.id, 'ticket', t.ref, 'openedAt', cc.opened_at,
                                   'category', cc.category, 'categoryLabelEn', cat.label_en, 'categoryLabelZh', cat.label_zh,
                                   'severity', cc.severity, 'firstResponseDueAt', cc.first_response_due_at,
                                   'resolutionDueAt', cc.resolution_due_at,
                                   'channel', cr.channel, 'language', cr.language, 'subject', cr.subject, 'body', cr.body,
                                   'entities', coalesce(cr.entities, '{}'::jsonb),
                                   'customer', jsonb_build_object(
                                       'id', t.customer_id, 'name', c.display_name,
                                       'email', (select i.value from customer_identity i where i.customer_id = t.customer_id
                                                   and i.kind = 'EMAIL' order by i.id desc limit 1),
                                       'phone', (select i.value from customer_identity i where i.customer_id = t.customer_id
                                                   and i.kind = 'PHONE' order by i.id desc limit 1)))
                        from complaint_case cc
                        join ticket t on t.id = cc.ticket_id
                        join complaint_category cat on cat.code = cc.category
                        left join contact_record cr on cr.message_id = cc.message_id
                        left join customer c on c.id = t.customer_id
                        where cc.id = ?
                        on conflict (idempotency_key) do nothing""")
                .param(caseId).update() == 1;
    }
}
