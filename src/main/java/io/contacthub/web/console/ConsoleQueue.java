package io.contacthub.web.console;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The console's ticket queue: the filters an agent works with (status, channel, intent, assignee),
 * newest contact first. Channel matches the opening channel or any contact on the ticket, like the API.
 */
@Component
class ConsoleQueue {

    static final String UNASSIGNED = "-";

    private final JdbcClient jdbc;

    ConsoleQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param review "yes": only tickets the hub flagged for staff (review_reason set) */
    /** @param sla "breached": only tickets whose complaint case missed an SLA clock */
    record Filter(String status, String channel, String intent, String assignee, String review, String sla) {
        Filter {
            sla = "breached".equalsIgnoreCase(sla) ? "breached" : null;
            review = "yes".equalsIgnoreCase(review) ? "yes" : null;
            status = blankToNull(status);
            channel = blankToNull(channel);
            intent = blankToNull(intent);
            assignee = assignee == null || assignee.isBlank() ? null : assignee.trim();
        }
    }

    record Row(String ref, String subject, String status, String channel, String intent, String priority,
               Long customerId, String customerName, String assignee, long contacts, OffsetDateTime lastContactAt,
               String reviewReason, boolean slaBreached) {
    }

    /**
     * @param breached tickets whose complaint case missed an SLA clock (ComplaintQueries decides);
     *                 they are marked, and with the sla filter they are the only ones listed
     */
    List<Row> list(Filter f, java.util.Set<String> breached, int limit) {
        if (f.sla() != null && breached.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select t.ref, t.subject, t.status, t.channel, t.intent, t.priority, t.customer_id,
                               coalesce(cu.display_name, (select value from customer_identity i where i.customer_id = t.customer_id
                                                          order by i.id limit 1)) as customer_name,
                               t.assignee,
                               (select count(*) from contact_record c where c.ticket_id = t.id) as contacts, t.last_contact_at,
                               t.review_reason
                        from ticket t left join customer cu on cu.id = t.customer_id
                        where (cast(:status as text) is null or t.status = :status)
                          and (cast(:channel as text) is null or t.channel = :channel
                               or exists (select 1 from contact_record c where c.ticket_id = t.id and c.channel = :channel))
                          and (cast(:intent as text) is null or t.intent = :intent)
                          and (cast(:assignee as text) is null or (:assignee = '-' and t.assignee is null) or t.assignee = :assignee)
                          and (cast(:review as text) is null or t.review_reason is not null)
                          and (cast(:sla as text) is null or t.ref in (:breached))
                        order by t.last_contact_at desc, t.id desc limit :limit""")
                .param("status", f.status())
                .param("channel", f.channel())
                .param("intent", f.intent())
                .param("assignee", f.assignee())
                .param("review", f.review())
                .param("sla", f.sla())
                .param("breached", breached.isEmpty() ? List.of("") : List.copyOf(breached))
                .param("limit", limit)
                .query((rs, n) -> new Row(rs.getString("ref"), rs.getString("subject"), rs.getString("status"),
                        rs.getString("channel"), rs.getString("intent"), rs.getString("priority"),
                        rs.getObject("customer_id", Long.class), rs.getString("customer_name"), rs.getString("assignee"),
                        rs.getLong("contacts"), rs.getObject("last_contact_at", OffsetDateTime.class),
                        rs.getString("review_reason"), breached.contains(rs.getString("ref"))))
                .list();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim().toUpperCase(java.util.Locale.ROOT);
    }
}
