package io.contacthub.reports;

import io.contacthub.customer.ChineseRegions;
import io.contacthub.descriptor.ChannelCatalog;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reports, each one aggregate query answered by the database (the figures never pass through the hub row by
 * row). Days and weeks are the reader's: a contact at 23:30 in Shanghai counts on that Shanghai day.
 */
@Component
public class Reports {

    /** The reports in the order the console shows them. */
    public static final List<String> NAMES = List.of("contacts", "complaint-sla", "satisfaction", "satisfaction-results", "complaint-causes",
            "complaint-trend", "complaint-analysis", "customer-classes", "top-customers", "regions");

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final ChannelCatalog channels;
    private final Map<String, BiFunction<ReportPeriod, Locale, List<List<Object>>>> queries;
    private final Map<String, List<String>> columns = Map.of(
            "contacts", List.of("day", "channel", "contacts"),
            "complaint-sla", List.of("week", "cases", "firstResponseMet", "firstResponseLate", "resolutionMet", "resolutionLate"),
            "satisfaction", List.of("rating", "responses"),
            "satisfaction-results", List.of("dimension", "value", "asked", "answered", "responseRate", "averageScore", "satisfiedShare"),
            "complaint-causes", List.of("causeGroup", "category", "cases", "compensation"),
            "complaint-trend", List.of("week", "causeGroup", "cases"),
            "complaint-analysis", List.of("dimension", "value", "cases", "resolvedInTime", "hoursToResolve", "compensation"),
            "customer-classes", List.of("customerClass", "customers", "volumeShare"),
            "top-customers", List.of("customer", "customerClass", "volume", "volumeShare", "ordersPlaced", "credit", "province"),
            "regions", List.of("province", "customers", "contacts"));

    private final ContactRollup rollup;

    Reports(JdbcClient jdbc, MessageSource messages, ChannelCatalog channels, ContactRollup rollup) {
        this.rollup = rollup;
        this.jdbc = jdbc;
        this.messages = messages;
        this.channels = channels;
        this.queries = Map.of("contacts", this::contacts, "complaint-sla", this::complaintSla, "satisfaction", this::satisfaction,
                "satisfaction-results", this::satisfactionResults,
                "complaint-causes", this::complaintCauses, "complaint-trend", this::complaintTrend,
                "complaint-analysis", this::complaintAnalysis,
                "customer-classes", this::customerClasses, "top-customers", this::topCustomers, "regions", this::regions);
    }

    public Optional<ReportTable> report(String name, ReportPeriod period, Locale locale) {
        var query = queries.get(name);
        if (query == null) {
            return Optional.empty();
        }
        List<ReportTable.Column> cols = columns.get(name).stream()
                .map(key -> new ReportTable.Column(key, text("report.col." + key, locale))).toList();
        return Optional.of(new ReportTable(name, text("report." + name, locale), period.from().toString(), period.to().toString(),
                cols, query.apply(period, locale)));
    }

    /** From the hourly rollup, plus the contacts above its watermark counted live (see {@link ContactRollup}). */
    private List<List<Object>> contacts(ReportPeriod p, Locale locale) {
        return jdbc.sql("""
                        with counted as (
                            select date_trunc('day', hour at time zone :zone) as day, channel, sum(contacts) as n
                            from contact_rollup where hour >= :start and hour < :end group by 1, 2
                            union all
                            select date_trunc('day', m.received_at at time zone :zone), r.channel, count(*)
                            from contact_record r join inbound_message m on m.id = r.message_id
                            where r.id > :watermark and m.received_at >= :start and m.received_at < :end
                            group by 1, 2)
                        select to_char(day, 'YYYY-MM-DD'), channel, sum(n) from counted group by day, channel order by day, channel""")
                .params(period(p))
                .query((rs, n) -> row(rs.getString(1), channels.label(rs.getString(2), locale), rs.getLong(3))).list();
    }

    private List<List<Object>> complaintSla(ReportPeriod p, Locale locale) {
        return jdbc.sql("""
                        select to_char(date_trunc('week', c.opened_at at time zone :zone), 'YYYY-MM-DD') as week, count(*),
                               count(*) filter (where c.answered_at <= c.first_response_due_at),
                               count(*) filter (where coalesce(c.answered_at, now()) > c.first_response_due_at),
                               count(*) filter (where c.resolved_at <= c.resolution_due_at),
                               count(*) filter (where coalesce(c.resolved_at, now()) > c.resolution_due_at)
                        from (select cc.*, %s as answered_at from complaint_case cc
                              where cc.opened_at >= :start and cc.opened_at < :end) c
                        group by 1 order by 1""".formatted(io.contacthub.complaint.ComplaintQueries.FIRST_ANSWER))
                .params(period(p))
                .query((rs, n) -> row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)))
                .list();
    }

    private List<List<Object>> satisfaction(ReportPeriod p, Locale locale) {
        return jdbc.sql("""
                        select s.rating,
                               (select count(*) from complaint_case c where c.satisfaction = s.rating
                                  and c.followed_up_at >= :start and c.followed_up_at < :end)
                             + (select count(*) from follow_up f where f.complaint_case_id is null and f.satisfaction = s.rating
                                  and f.done_at >= :start and f.done_at < :end)
                             + (select count(*) from satisfaction_survey v where v.score = s.rating
                                  and v.answered_at >= :start and v.answered_at < :end)
                        from generate_series(1, 5) as s(rating) order by s.rating""")
                .params(period(p)).query((rs, n) -> row(rs.getInt(1), rs.getLong(2))).list();
    }

    /** The surveys asked in the period, by the ticket's channel, intent, agent and customer class at resolution. */
    private List<List<Object>> satisfactionResults(ReportPeriod p, Locale locale) {
        return jdbc.sql("""
                        with v as (
                            select s.ticket_channel, s.intent, coalesce(s.agent, '') as agent,
                                   coalesce(s.customer_class, '') as customer_class, s.score
                            from satisfaction_survey s
                            where s.asked_at >= :start and s.asked_at < :end and s.status <> 'NOT_ASKED'),
                        d as (
                            select 1 as o, 'channel' as dimension, ticket_channel as value, score from v
                            union all select 2, 'intent', intent, score from v
                            union all select 3, 'agent', agent, score from v
                            union all select 4, 'customerClass', customer_class, score from v)
                        select dimension, value, count(*), count(score), round(count(score) * 1.0 / count(*), 3),
                               round(avg(score), 2), round(count(*) filter (where score >= 4) * 1.0 / nullif(count(score), 0), 3)
                        from d group by o, dimension, value order by o, count(*) desc, value""")
                .params(period(p))
                .query((rs, n) -> row(text("report.dimension." + rs.getString(1), locale),
                        dimensionValue(rs.getString(1), rs.getString(2), locale), rs.getLong(3), rs.getLong(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7))).list();
    }

    private List<List<Object>> complaintCauses(ReportPeriod p, Locale locale) {
        boolean zh = "zh".equals(locale.getLanguage());
        return jdbc.sql("""
                        select k.cause_group, k.label_zh, k.label_en, count(*), coalesce(sum(c.compensation_amount), 0)
                        from complaint_case c join complaint_category k on k.code = c.category
                        where c.opened_at >= :start and c.opened_at < :end
                        group by k.cause_group, k.code, k.label_zh, k.label_en order by count(*) desc, k.code""")
                .params(period(p))
                .query((rs, n) -> row(text("cause.group." + rs.getString(1), locale), zh ? rs.getString(2) : rs.getString(3),
                        rs.getLong(4), rs.getBigDecimal(5))).list();
    }

    private List<List<Object>> complaintTrend(ReportPeriod p, Locale locale) {
        return jdbc.sql("""
                        select to_char(date_trunc('week', c.opened_at at time zone :zone), 'YYYY-MM-DD') as week, k.cause_group, count(*)
                        from complaint_case c join complaint_category k on k.code = c.category
                        where c.opened_at >= :start and c.opened_at < :end
                        group by 1, 2 order by 1, 2""")
                .params(period(p))
                .query((rs, n) -> row(rs.getString(1), text("cause.group." + rs.getString(2), locale), rs.getLong(3))).list();
    }

    /**
     * Complaints by severity, region (the customer's province), channel (of the contact that opened the case) and
     * carrier (the letters a waybill number starts with: SF, YT, JD ...): how many, the share resolved in time (of
     * those resolved or past their deadline), hours to resolve on average, compensation.
     */
    private List<List<Object>> complaintAnalysis(ReportPeriod p, Locale locale) {
        return jdbc.sql("""
                        with c as (
                            select c.severity, c.opened_at, c.resolved_at, c.resolution_due_at, c.compensation_amount,
                                   coalesce(cu.province, '') as province, coalesce(m.channel, '') as channel,
                                   coalesce(upper(substring(r.entities #>> '{waybillNumbers,0}' from '^[A-Za-z]{1,4}')), '') as carrier
                            from complaint_case c join ticket t on t.id = c.ticket_id
                            left join customer cu on cu.id = t.customer_id
                            left join contact_record r on r.message_id = c.message_id
                            left join inbound_message m on m.id = c.message_id
                            where c.opened_at >= :start and c.opened_at < :end),
                        d as (
                            select 1 as o, 'severity' as dimension, severity as value, c.* from c
                            union all select 2, 'region', province, c.* from c
                            union all select 3, 'channel', channel, c.* from c
                            union all select 4, 'carrier', carrier, c.* from c)
                        select dimension, value, count(*),
                               round(count(*) filter (where resolved_at <= resolution_due_at) * 1.0
                                     / nullif(count(*) filter (where resolved_at is not null or resolution_due_at < now()), 0), 3),
                               round(cast(avg(extract(epoch from resolved_at - opened_at) / 3600) as numeric), 1),
                               coalesce(sum(compensation_amount), 0)
                        from d group by o, dimension, value order by o, count(*) desc, value""")
                .params(period(p))
                .query((rs, n) -> row(text("report.dimension." + rs.getString(1), locale),
                        dimensionValue(rs.getString(1), rs.getString(2), locale), rs.getLong(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6))).list();
    }

    private String dimensionValue(String dimension, String value, Locale locale) {
        if (value.isEmpty()) {
            return text("report.value.unknown", locale);
        }
        return switch (dimension) {
            case "severity" -> text("report.severity." + value, locale);
            case "region" -> ChineseRegions.label(value, locale);
            case "channel" -> channels.label(value, locale);
            case "intent" -> text("code.intent." + value, locale);
            default -> value;
        };
    }

    private List<List<Object>> customerClasses(ReportPeriod p, Locale locale) {
        return jdbc.sql("""
                        select v.class, count(s.customer_id), coalesce(round(sum(s.volume_share), 4), 0)
                        from (values ('A'), ('B'), ('C')) as v(class) left join customer_standing s on s.class = v.class
                        group by v.class order by v.class""")
                .query((rs, n) -> row(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3))).list();
    }

    /** Who the A (then B) customers are, by volume as last computed: the 100 a manager calls first. */
    private List<List<Object>> topCustomers(ReportPeriod p, Locale locale) {
        return jdbc.sql("""
                        select coalesce(c.company, c.display_name, '#' || c.id), s.class, s.volume, s.volume_share, s.orders_placed,
                               s.credit_grade, coalesce(c.province, '')
                        from customer_standing s join customer c on c.id = s.customer_id
                        where s.class in ('A', 'B') and c.merged_into is null
                        order by s.class, s.volume desc, c.id limit 100""")
                .query((rs, n) -> row(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getInt(5),
                        text("standing.credit." + rs.getString(6), locale),
                        rs.getString(7).isEmpty() ? text("report.value.unknown", locale) : ChineseRegions.label(rs.getString(7), locale)))
                .list();
    }

    private List<List<Object>> regions(ReportPeriod p, Locale locale) {
        return jdbc.sql("""
                        with k as (select coalesce(province, '') as province, count(*) as n from customer
                                   where merged_into is null group by 1),
                             x as (select province, sum(n) as n from (
                                       select province, sum(contacts) as n from contact_region_rollup
                                       where hour >= :start and hour < :end group by 1
                                       union all
                                       select coalesce(c.province, ''), count(*)
                                       from contact_record r join inbound_message m on m.id = r.message_id
                                       left join customer c on c.id = r.customer_id
                                       where r.id > :watermark and m.received_at >= :start and m.received_at < :end
                                       group by 1) both_parts
                                   group by province)
                        select province, coalesce(k.n, 0), coalesce(x.n, 0) from k full join x using (province)
                        order by province = '', 2 desc, 1""")
                .params(period(p))
                .query((rs, n) -> row(rs.getString(1).isEmpty() ? text("report.region.unknown", locale)
                        : ChineseRegions.label(rs.getString(1), locale), rs.getLong(2), rs.getLong(3))).list();
    }

    /**
     * The period's parameters, and the rollup's watermark as a value: given as a sub-select the planner cannot see how
     * few records are above it, and walks a year of messages by time instead.
     */
    private Map<String, Object> period(ReportPeriod p) {
        return Map.of("zone", p.zone().getId(), "start", Timestamp.from(p.start()), "end", Timestamp.from(p.end()),
                "watermark", rollup.watermark());
    }

    private static List<Object> row(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
