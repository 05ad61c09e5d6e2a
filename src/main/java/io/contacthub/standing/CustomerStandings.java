package io.contacthub.standing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every customer's A/B/C class and credit, computed in one statement over the rolling window (so it answers the same
 * at 100 or 100,000 customers, in the database rather than in memory):
 * <ul>
 *   <li><b>volume</b>: orders the order system accepted for them (or those orders' value, {@code volume: value});</li>
 *   <li><b>class</b> (Pareto): sorted by volume, a customer is A while the volume of those before them is under the
 *       A share (70 %), B under A + B (90 %), else C; no volume is C; POOR credit moves a customer one class down;</li>
 *   <li><b>credit</b>: the order system's grade for the customer where its answers carry one, else the
 *       {@link StandingSettings.CreditRule rule} over completed and refused orders, customer-caused complaints and
 *       compensation paid — its score is kept either way so staff see why.</li>
 * </ul>
 * One run at a time across nodes (a transaction-scoped advisory lock); a second one asked meanwhile is skipped.
 */
@Component("customerStandings")
public class CustomerStandings {

    private static final Logger log = LoggerFactory.getLogger(CustomerStandings.class);

    private final JdbcClient jdbc;
    private final StandingSettings settings;
    private final Clock clock;

    CustomerStandings(JdbcClient jdbc, StandingSettings settings, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * A customer's standing as last computed. The inputs are over the window that run used.
     *
     * @param volumeShare the customer's share of all volume in the window (0..1)
     */
    public record Standing(long customerId, String customerClass, String volumeClass, BigDecimal volume, BigDecimal volumeShare,
                           int ordersPlaced, int ordersRefused, BigDecimal orderValue, int waybillsTracked, int complaints,
                           int customerSideComplaints, BigDecimal compensationPaid, String creditGrade, String creditSource,
                           Integer creditScore, OffsetDateTime computedAt) {

        /** The credit adjustment moved the customer down a class. */
        public boolean downgraded() {
            return !customerClass.equals(volumeClass);
        }
    }

    public record Run(long id, OffsetDateTime startedAt, OffsetDateTime finishedAt, Integer customers, String requestedBy) {
    }

    public Optional<Standing> of(long customerId) {
        return jdbc.sql("""
                        select customer_id, class as customer_class, volume_class, volume, volume_share, orders_placed, orders_refused, order_value,
                               waybills_tracked, complaints, customer_side_complaints, compensation_paid, credit_grade,
                               credit_source, credit_score, computed_at
                        from customer_standing where customer_id = ?""")
                .param(customerId).query(Standing.class).optional();
    }

    public Optional<Run> lastRun() {
        return jdbc.sql("select id, started_at, finished_at, customers, requested_by from standing_run where finished_at is not null"
                + " order by id desc limit 1").query(Run.class).optional();
    }

    /** How many customers are in each class (A, B, C), as last computed. */
    public Map<String, Long> classCounts() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>(Map.of("A", 0L, "B", 0L, "C", 0L));
        jdbc.sql("select class, count(*) from customer_standing group by class")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    /**
     * Recomputes every customer's standing.
     *
     * @return the run, or empty when another run (on this or another node) is under way
     */
    @Transactional
    public Optional<Run> recompute(String requestedBy) {
        if (!jdbc.sql("select pg_try_advisory_xact_lock(hashtext('customer-standing'))").query(Boolean.class).single()) {
            log.info("customer standing: a run is already under way; this one ({}) is skipped", requestedBy);
            return Optional.empty();
        }
        long run = jdbc.sql("insert into standing_run (requested_by) values (?) returning id").param(requestedBy)
                .query(Long.class).single();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        jdbc.sql("delete from customer_standing").update();
        StandingSettings.CreditRule rule = settings.creditRule();
        int customers = jdbc.sql("""
                insert into customer_standing (customer_id, class, volume_class, volume, volume_share, orders_placed, orders_refused,
                    order_value, waybills_tracked, complaints, customer_side_complaints, compensation_paid, credit_grade,
                    credit_source, credit_score, computed_at)
                with orders as (
                    select customer_id, count(*) filter (where status = 'DELIVERED') as placed,
                           count(*) filter (where status = 'REJECTED') as refused,
                           coalesce(sum(case when status = 'DELIVERED' and pg_input_is_valid(v, 'numeric') then cast(v as numeric) end), 0) as value
                    from (select t.customer_id, h.status,
                                 case when :hasValue and h.status = 'DELIVERED' and pg_input_is_valid(h.response, 'jsonb')
                                      then cast(h.response as jsonb) #>> cast(:valuePath as text[]) end as v
                          from handoff h join ticket t on t.id = h.ticket_id
                          where h.system = 'ORDER' and h.created_at >= :since and t.customer_id is not null) o
                    group by customer_id),
                complaints as (
                    select t.customer_id, count(*) as complaints, count(*) filter (where c.category = 'CUSTOMER_SIDE') as customer_side,
                           coalesce(sum(c.compensation_amount) filter (where c.status in ('RESOLVED', 'FOLLOWED_UP', 'CLOSED')), 0) as paid
                    from complaint_case c join ticket t on t.id = c.ticket_id
                    where c.opened_at >= :since and t.customer_id is not null group by t.customer_id),
                waybills as (
                    select t.customer_id, count(distinct h.payload ->> 'waybill') as waybills
                    from handoff h join ticket t on t.id = h.ticket_id
                    where h.system = 'TRACKING' and h.created_at >= :since and t.customer_id is not null group by t.customer_id),
                given_credit as (
                    select distinct on (customer_id) customer_id, grade
                    from (select t.customer_id, h.delivered_at, h.id,
                                 case when pg_input_is_valid(h.response, 'jsonb')
                                      then upper(cast(h.response as jsonb) #>> cast(:creditPath as text[])) end as grade
                          from handoff h join ticket t on t.id = h.ticket_id
                          where :hasCredit and h.system = 'ORDER' and h.status = 'DELIVERED' and t.customer_id is not null) a
                    where grade in ('GOOD', 'FAIR', 'POOR')
                    order by customer_id, delivered_at desc nulls last, id desc),
                dealings as (
                    select customer_id, coalesce(o.placed, 0) as placed, coalesce(o.refused, 0) as refused, coalesce(o.value, 0) as value,
                           coalesce(w.waybills, 0) as waybills, coalesce(k.complaints, 0) as complaints,
                           coalesce(k.customer_side, 0) as customer_side, coalesce(k.paid, 0) as paid
                    from orders o full join complaints k using (customer_id) full join waybills w using (customer_id)),
                scored as (
                    select d.*, case when :byValue then d.value else d.placed end as volume,
                           cast(:base + least(d.placed * :perOrder, :maxBonus) - d.refused * :perRefused
                                - d.customer_side * :perComplaint - floor(d.paid / :perPoint) as integer) as score,
                           g.grade as given
                    from dealings d join customer c on c.id = d.customer_id and c.merged_into is null
                    left join given_credit g using (customer_id)),
                ranked as (
                    select s.*, coalesce(s.given, case when s.score >= :goodFrom then 'GOOD' when s.score >= :fairFrom then 'FAIR' else 'POOR' end) as grade,
                           sum(s.volume) over (order by s.volume desc, s.customer_id rows between unbounded preceding and current row)
                               - s.volume as before,
                           sum(s.volume) over () as total
                    from scored s),
                classed as (
                    select r.*, case when r.volume <= 0 then 'C' when r.before < r.total * :aShare then 'A'
                                     when r.before < r.total * (:aShare + :bShare) then 'B' else 'C' end as volume_class
                    from ranked r)
                select customer_id,
                       case when :downgrade and grade = 'POOR' then (case volume_class when 'A' then 'B' else 'C' end) else volume_class end,
                       volume_class, volume, case when total > 0 then round(volume / total, 6) end, placed, refused, value, waybills,
                       complaints, customer_side, paid, grade, case when given is not null then 'ORDER_SYSTEM' else 'RULE' end, score, :now
                from classed""")
                .param("since", now.minus(settings.window()))
                .param("hasValue", !settings.orderValuePointer().isEmpty())
                .param("valuePath", settings.orderValuePointer().isEmpty() ? "{}" : StandingSettings.path(settings.orderValuePointer()))
                .param("hasCredit", !settings.orderCreditPointer().isEmpty())
                .param("creditPath", settings.orderCreditPointer().isEmpty() ? "{}" : StandingSettings.path(settings.orderCreditPointer()))
                .param("byValue", "value".equals(settings.volume()))
                .param("base", rule.base()).param("perOrder", rule.perCompletedOrder()).param("maxBonus", rule.maxOrderBonus())
                .param("perRefused", rule.perRefusedOrder()).param("perComplaint", rule.perCustomerComplaint())
                .param("perPoint", rule.compensationPerPoint()).param("goodFrom", rule.goodFrom()).param("fairFrom", rule.fairFrom())
                .param("aShare", settings.classAShare()).param("bShare", settings.classBShare())
                .param("downgrade", settings.poorCreditDowngrade())
                .param("now", now)
                .update();
        jdbc.sql("update standing_run set finished_at = clock_timestamp(), customers = ? where id = ?").params(customers, run).update();
        log.info("customer standing recomputed for {} customers (run {}, asked by {})", customers, run, requestedBy);
        return jdbc.sql("select id, started_at, finished_at, customers, requested_by from standing_run where id = ?").param(run)
                .query(Run.class).optional();
    }
}
