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
    record Filter(String status, String channel, String intent, String assignee, String review) {
        Filter {
            review = "yes".equalsIgnoreCase(review) ? "yes" : null;
            status = blankToNull(status);
            channel = blankToNull(channel);
            intent = blankToNull(intent);
            assignee = assignee == null || assignee.isBlank() ? null : assignee.trim();
        }
    }

    record Row(String ref, String subject, String status, String channel, String intent, String priority,
               Long customerId, String customerName, String assignee, long contacts, OffsetDateTime lastContactAt,
               String reviewReason) {
    }

    List<Row> list(Filter f, int limit) {
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
                        order by t.last_contact_at desc, t.id desc limit :limit""")
                .param("status", f.status())
                .param("channel", f.channel())
                .param("intent", f.intent())
                .param("assignee", f.assignee())
                .param("review", f.review())
                .param("limit", limit)
                .query(Row.class).list();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim().toUpperCase(java.util.Locale.ROOT);
    }
}
