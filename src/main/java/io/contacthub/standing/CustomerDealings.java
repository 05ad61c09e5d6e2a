package io.contacthub.standing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's business dealings (业务往来) over a period staff choose: orders the hub sent to the order system and
 * what became of them, waybills tracked, complaints by cause with compensation, and contacts per channel.
 */
@Component("customerDealings")
public class CustomerDealings {

    private final JdbcClient jdbc;
    private final StandingSettings settings;

    CustomerDealings(JdbcClient jdbc, StandingSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** @param orderValue the accepted orders' value where the order system answers with one ({@code order-value-pointer}) */
    public record Dealings(OffsetDateTime from, OffsetDateTime to, int ordersPlaced, int ordersRefused, int ordersWaiting,
                           BigDecimal orderValue, int waybillsTracked, List<ComplaintCause> complaints,
                           List<ChannelContacts> contacts) {

        public int complaintCount() {
            return complaints.stream().mapToInt(ComplaintCause::cases).sum();
        }

        public BigDecimal compensationTotal() {
            return complaints.stream().map(ComplaintCause::compensation).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    public record ComplaintCause(String causeGroup, String category, String labelZh, String labelEn, int cases,
                                 BigDecimal compensation) {
    }

    public record ChannelContacts(String channel, int contacts) {
    }

    public Dealings of(long customerId, OffsetDateTime from, OffsetDateTime to) {
        boolean hasValue = !settings.orderValuePointer().isEmpty();
        String valuePath = hasValue ? StandingSettings.path(settings.orderValuePointer()) : "{}";
        var orders = jdbc.sql("""
                        select count(*) filter (where status = 'DELIVERED'), count(*) filter (where status in ('REJECTED', 'FAILED')),
                               count(*) filter (where status in ('QUEUED', 'SENDING')),
                               coalesce(sum(case when pg_input_is_valid(v, 'numeric') then cast(v as numeric) end), 0)
                        from (select h.status,
                                     case when :hasValue and h.status = 'DELIVERED' and pg_input_is_valid(h.response, 'jsonb')
                                          then cast(h.response as jsonb) #>> cast(:path as text[]) end as v
                              from handoff h join ticket t on t.id = h.ticket_id
                              where h.system = 'ORDER' and t.customer_id = :customer and h.created_at >= :from and h.created_at < :to) o""")
                .param("hasValue", hasValue).param("path", valuePath).param("customer", customerId).param("from", from).param("to", to)
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getBigDecimal(4)}).single();
        int waybills = jdbc.sql("""
                        select count(distinct h.payload ->> 'waybill') from handoff h join ticket t on t.id = h.ticket_id
                        where h.system = 'TRACKING' and t.customer_id = ? and h.created_at >= ? and h.created_at < ?""")
                .params(customerId, from, to).query(Integer.class).single();
        List<ComplaintCause> complaints = jdbc.sql("""
                        select k.cause_group, k.code as category, k.label_zh, k.label_en, count(*) as cases,
                               coalesce(sum(c.compensation_amount) filter (where c.status in ('RESOLVED', 'FOLLOWED_UP', 'CLOSED')), 0)
                                   as compensation
                        from complaint_case c join ticket t on t.id = c.ticket_id join complaint_category k on k.code = c.category
                        where t.customer_id = ? and c.opened_at >= ? and c.opened_at < ?
                        group by k.cause_group, k.code, k.label_zh, k.label_en, k.sort_order order by k.sort_order""")
                .params(customerId, from, to).query(ComplaintCause.class).list();
        List<ChannelContacts> contacts = jdbc.sql("""
                        select m.channel, count(*) as contacts from contact_record r join inbound_message m on m.id = r.message_id
                        where r.customer_id = ? and m.received_at >= ? and m.received_at < ?
                        group by m.channel order by count(*) desc, m.channel""")
                .params(customerId, from, to).query(ChannelContacts.class).list();
        return new Dealings(from, to, (int) orders[0], (int) orders[1], (int) orders[2], (BigDecimal) orders[3], waybills, complaints,
                contacts);
    }
}
