package io.contacthub.bench;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database that has been in use (issue 17, "flat under backlog"): N earlier contacts, each with its processed
 * message, a customer with an e-mail identity, a resolved ticket, the contact record (and so its search parts) and
 * the acknowledgement that went out, written in bulk with SQL in batches. What a month of a busy centre leaves
 * behind; the benchmark then measures new mail on top of it.
 */
final class BacklogSeeder {

    private static final int BATCH = 5_000;

    private BacklogSeeder() {
    }

    static void seed(JdbcClient jdbc, int n) {
        long start = System.nanoTime();
        for (int from = 1; from <= n; from += BATCH) {
            int to = Math.min(n, from + BATCH - 1);
            jdbc.sql("""
                    with g as (select i, nextval('ticket_id_seq') as ticket_id from generate_series(:from, :to) i),
                    c as (insert into customer (kind, display_name, language)
                          select 'GENERAL', 'Backlog customer ' || i, 'en' from g order by i returning id),
                    cn as (select id, row_number() over (order by id) as rn from c),
                    gn as (select i, ticket_id, row_number() over (order by i) as rn from g),
                    both_ as (select gn.i, gn.ticket_id, cn.id as customer_id from gn join cn using (rn)),
                    ident as (insert into customer_identity (customer_id, kind, value, provenance)
                              select customer_id, 'EMAIL', 'backlog' || i || '@example.net', 'OBSERVED' from both_),
                    t as (insert into ticket (id, ref, customer_id, subject, channel, intent, status, created_at, last_contact_at)
                          select ticket_id, 'CH-' || lpad(ticket_id::text, 6, '0'), customer_id, 'Where is my parcel ' || i, 'EMAIL',
                                 'TRACKING', 'RESOLVED', now() - interval '20 days', now() - interval '20 days' from both_ returning id),
                    note as (insert into notification (ticket_id, customer_id, channel, recipient, template, language, subject, body,
                                                       rfc_message_id, idempotency_key, status, created_at, sent_at)
                             select ticket_id, customer_id, 'EMAIL', 'backlog' || i || '@example.net', 'ack', 'en',
                                    '[#CH-' || lpad(ticket_id::text, 6, '0') || '] received', 'We have your message.',
                                    '<ack-backlog-' || i || '@contact-hub>', 'ack:backlog:' || i, 'SENT',
                                    now() - interval '20 days', now() - interval '20 days' from both_
                             where exists (select 1 from t)),
                    m as (insert into inbound_message (channel, external_id, source, sender, content_type, raw, raw_size, status,
                                                       received_at, processed_at)
                          select 'EMAIL', '<backlog-' || i || '@example.net>', 'backlog', 'backlog' || i || '@example.net',
                                 'message/rfc822', convert_to('Subject: Where is my parcel ' || i, 'UTF8'), 40, 'PROCESSED',
                                 now() - interval '20 days', now() - interval '20 days' from both_ returning id, external_id)
                    insert into contact_record (message_id, ticket_id, customer_id, channel, subject, body, language, intent, urgency,
                                                entities, rfc_message_id, created_at)
                    select m.id, b.ticket_id, b.customer_id, 'EMAIL', 'Where is my parcel ' || b.i,
                           'Hello, my parcel with waybill SF' || lpad(b.i::text, 13, '0') || ' has not arrived. Order SO2026' || lpad(b.i::text, 6, '0')
                               || '. Please check the delivery and tell me when it comes. Thank you.',
                           'en', 'TRACKING', 'NORMAL',
                           jsonb_build_object('waybillNumbers', jsonb_build_array('SF' || lpad(b.i::text, 13, '0'))),
                           m.external_id, now() - interval '20 days'
                    from both_ b join m on m.external_id = '<backlog-' || b.i || '@example.net>'""")
                    .param("from", from).param("to", to).update();
            if (to % 20_000 == 0 || to == n) {
                System.out.printf("  ... backlog %,d / %,d contacts%n", to, n);
            }
        }
        jdbc.sql("analyze").update();
        System.out.printf("seeded a backlog of %,d processed contacts (tickets, customers, search parts, sent notices) in %.0f s%n",
                n, (System.nanoTime() - start) / 1e9);
    }
}
