package io.contacthub.reports;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Early warning of a complaint crisis: complaints of one cause category, or from one province, in the last window
 * (a week) against their average over the windows before it. Above {@code multiple} times that average, and at
 * least {@code min-cases}, supervisors get an alert on the Reports page and a count beside "Reports" in the top
 * bar, until one of them acknowledges it; while it is open no second alert is raised for the same category or
 * province. Runs on a schedule; two nodes looking at once raise it once (an advisory lock).
 */
@Component("complaintWarnings")
public class ComplaintWarnings {

    private static final Logger log = LoggerFactory.getLogger(ComplaintWarnings.class);

    private final JdbcClient jdbc;
    private final WarningSettings settings;
    private final Clock clock;

    ComplaintWarnings(JdbcClient jdbc, WarningSettings settings, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    public record Alert(long id, String dimension, String value, String labelZh, String labelEn, OffsetDateTime windowStart,
                        OffsetDateTime windowEnd, int cases, BigDecimal recentAverage, OffsetDateTime raisedAt) {
    }

    @Scheduled(cron = "${hub.reports.complaint-warning.schedule}")
    void onSchedule() {
        check();
    }

    /** @return the alerts this look raised */
    @Transactional
    public List<Alert> check() {
        if (!jdbc.sql("select pg_try_advisory_xact_lock(hashtext('complaint-warnings'))").query(Boolean.class).single()) {
            return List.of();
        }
        OffsetDateTime end = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime start = end.minus(settings.window());
        OffsetDateTime baseline = start.minus(settings.window().multipliedBy(settings.baselineWindows()));
        List<Long> raised = jdbc.sql("""
                        insert into complaint_alert (dimension, value, window_start, window_end, cases, recent_average)
                        with c as (
                            select c.category, cu.province, c.opened_at >= :start as recent
                            from complaint_case c join ticket t on t.id = c.ticket_id left join customer cu on cu.id = t.customer_id
                            where c.opened_at >= :baseline and c.opened_at < :end),
                        counts as (
                            select 'CATEGORY' as dimension, category as value, count(*) filter (where recent) as cases,
                                   count(*) filter (where not recent) * 1.0 / :windows as average
                            from c group by category
                            union all
                            select 'REGION', province, count(*) filter (where recent), count(*) filter (where not recent) * 1.0 / :windows
                            from c where province is not null group by province)
                        select dimension, value, :start, :end, cases, round(average, 2) from counts
                        where cases >= :minCases and cases > average * :multiple
                          and not exists (select 1 from complaint_alert a where a.dimension = counts.dimension
                                          and a.value = counts.value and a.acknowledged_at is null)
                        returning id""")
                .param("start", start).param("end", end).param("baseline", baseline)
                .param("windows", settings.baselineWindows()).param("minCases", settings.minCases())
                .param("multiple", settings.multiple())
                .query(Long.class).list();
        if (!raised.isEmpty()) {
            log.warn("complaint early warning: {} alert(s) raised", raised.size());
        }
        return open().stream().filter(a -> raised.contains(a.id())).toList();
    }

    /** The alerts no supervisor has acknowledged yet, newest first. */
    public List<Alert> open() {
        return jdbc.sql("""
                        select a.id, a.dimension, a.value, coalesce(k.label_zh, a.value) as label_zh, coalesce(k.label_en, a.value) as label_en,
                               a.window_start, a.window_end, a.cases, a.recent_average, a.raised_at
                        from complaint_alert a left join complaint_category k on a.dimension = 'CATEGORY' and k.code = a.value
                        where a.acknowledged_at is null order by a.raised_at desc, a.id desc""")
                .query(Alert.class).list();
    }

    public long openCount() {
        return jdbc.sql("select count(*) from complaint_alert where acknowledged_at is null").query(Long.class).single();
    }

    /** @return false when the alert was acknowledged already (or is no alert) */
    @Transactional
    public boolean acknowledge(long id, String staff) {
        return jdbc.sql("update complaint_alert set acknowledged_by = ?, acknowledged_at = now() where id = ? and acknowledged_at is null")
                .params(staff, id).update() > 0;
    }
}
