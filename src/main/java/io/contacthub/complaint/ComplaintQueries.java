package io.contacthub.complaint;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What staff read about complaint cases, with both SLA clocks read at the injected clock's now.
 * The first response is met by the first staff step that answers the customer (ACKNOWLEDGE,
 * PROPOSE_COMPENSATION, RESOLVE) or by the first staff reply on the ticket (outbox template
 * {@code reply}) after the case opened, whichever came first.
 */
@Component
public class ComplaintQueries {

    /** The case with the time of the first staff reply on its ticket since it opened. */
    private static final String CASES = """
            select cc.*, t.ref as ticket_ref, t.subject as ticket_subject, cat.label_zh, cat.label_en,
                   least(cc.first_responded_at,
                         (select min(n.created_at) from notification n
                          where n.ticket_id = cc.ticket_id and n.template = 'reply' and n.created_at >= cc.opened_at))
                       as responded_at,
                   case when cc.first_responded_at is null then null
                        when exists (select 1 from notification n where n.ticket_id = cc.ticket_id and n.template = 'reply'
                                     and n.created_at >= cc.opened_at and n.created_at < cc.first_responded_at) then null
                        else cc.first_responded_at end as responded_by_step_at
            from complaint_case cc
            join ticket t on t.id = cc.ticket_id
            join complaint_category cat on cat.code = cc.category""";

    private final JdbcClient jdbc;
    private final Clock clock;

    @Autowired
    ComplaintQueries(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        this(jdbc, clock.getIfAvailable(Clock::systemUTC));
    }

    ComplaintQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Clocks(SlaClock.View firstResponse, SlaClock.View resolution) {
    }

    public record Compensation(String text, BigDecimal amount, String currency) {
    }

    public record FollowUp(OffsetDateTime plannedAt, OffsetDateTime doneAt, String note, Integer satisfaction) {
    }

    public record CaseSummary(long id, String ticket, String ticketSubject, String status, String category, String categoryLabelZh,
                       String categoryLabelEn, String categoryReason, String severity, OffsetDateTime openedAt,
                       OffsetDateTime resolvedAt, OffsetDateTime closedAt, Clocks sla, boolean breached, Long openedByMessage,
                       String firstResponseBy, String resolution, Compensation compensation, FollowUp followUp) {
    }

    public record Step(long id, String action, String actor, String text, String statusAfter, Long messageId, Long notificationId,
                String notificationError, OffsetDateTime at) {
    }

    public record CaseDetail(CaseSummary complaint, List<Step> steps) {
    }

    public List<CaseSummary> list(String status, Boolean breached, String category, String severity, int limit, int offset) {
        String st = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (st != null && java.util.Arrays.stream(CaseStatus.values()).noneMatch(s -> s.name().equals(st))) {
            throw ComplaintRejected.invalid("status must be one of " + java.util.Arrays.toString(CaseStatus.values()));
        }
        String sev = severity == null || severity.isBlank() ? null : Severity.parse(severity).map(Enum::name)
                .orElseThrow(() -> ComplaintRejected.invalid("severity must be one of "
                        + java.util.Arrays.toString(Severity.values())));
        Instant now = clock.instant();
        return jdbc.sql("select * from (" + CASES + ") c "
                        + """
                        where (cast(:status as text) is null or c.status = :status)
                          and (cast(:category as text) is null or c.category = :category)
                          and (cast(:severity as text) is null or c.severity = :severity)
                          and (cast(:breached as boolean) is null or :breached = (
                                coalesce(c.responded_at, :now) > c.first_response_due_at
                                or coalesce(c.resolved_at, :now) > c.resolution_due_at))
                        order by c.id desc limit :limit offset :offset""")
                .param("status", st)
                .param("category", category == null || category.isBlank() ? null : category.trim().toUpperCase(Locale.ROOT))
                .param("severity", sev)
                .param("breached", breached)
                .param("now", ComplaintCases.ts(now))
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> summary(rs, now))
                .list();
    }

    Optional<CaseDetail> find(long id) {
        Instant now = clock.instant();
        return jdbc.sql(CASES + " where cc.id = ?").param(id).query((rs, n) -> summary(rs, now)).optional()
                .map(c -> new CaseDetail(c, steps(c.id())));
    }

    /** The ticket's case that is not CLOSED, else its latest; empty when the ticket has none (or does not exist). */
    public Optional<CaseDetail> forTicket(String ref) {
        Instant now = clock.instant();
        return jdbc.sql(CASES + " where t.ref = ? order by (cc.status = 'CLOSED'), cc.id desc limit 1")
                .param(ref == null ? "" : ref.trim().toUpperCase(Locale.ROOT))
                .query((rs, n) -> summary(rs, now)).optional()
                .map(c -> new CaseDetail(c, steps(c.id())));
    }

    boolean ticketExists(String ref) {
        return jdbc.sql("select count(*) from ticket where ref = ?").param(ref == null ? "" : ref.trim().toUpperCase(Locale.ROOT))
                .query(Long.class).single() > 0;
    }

    /**
     * A case step as the ticket's timeline shows it.
     *
     * @param actorName the staff member's display name (their username without one); null for the hub and the customer
     */
    public record TicketStep(long caseId, String action, String actor, String actorName, String text, String statusAfter,
                             OffsetDateTime at) {
    }

    /**
     * Every step of every case of the ticket but the customer's own contacts (the timeline shows those as contacts).
     */
    public List<TicketStep> stepsOfTicket(long ticketId) {
        return jdbc.sql("""
                        select s.case_id, s.action, s.actor, case when s.actor in ('hub', 'customer') then null
                               else coalesce(u.display_name, s.actor) end as actor_name, s.text, s.status_after, s.created_at
                        from complaint_step s join complaint_case cc on cc.id = s.case_id
                        left join staff_user u on u.username = s.actor
                        where cc.ticket_id = ? and s.action <> 'CUSTOMER_CONTACT' order by s.id""")
                .param(ticketId)
                .query((rs, n) -> new TicketStep(rs.getLong("case_id"), rs.getString("action"), rs.getString("actor"),
                        rs.getString("actor_name"), rs.getString("text"), rs.getString("status_after"), time(rs, "created_at")))
                .list();
    }

    private List<Step> steps(long caseId) {
        return jdbc.sql("select * from complaint_step where case_id = ? order by id").param(caseId)
                .query((rs, n) -> new Step(rs.getLong("id"), rs.getString("action"), rs.getString("actor"), rs.getString("text"),
                        rs.getString("status_after"), (Long) rs.getObject("message_id", Long.class),
                        (Long) rs.getObject("notification_id", Long.class), rs.getString("notification_error"),
                        time(rs, "created_at")))
                .list();
    }

    private static CaseSummary summary(ResultSet rs, Instant now) throws SQLException {
        SlaClock.View first = new SlaClock(instant(rs, "first_response_due_at"), instant(rs, "responded_at")).at(now);
        SlaClock.View resolution = new SlaClock(instant(rs, "resolution_due_at"), instant(rs, "resolved_at")).at(now);
        String firstBy = rs.getTimestamp("responded_at") == null ? null
                : rs.getTimestamp("responded_by_step_at") != null ? "STEP" : "REPLY";
        String compensation = rs.getString("compensation");
        OffsetDateTime plannedFollowUp = time(rs, "follow_up_due_at");
        OffsetDateTime doneFollowUp = time(rs, "followed_up_at");
        return new CaseSummary(rs.getLong("id"), rs.getString("ticket_ref"), rs.getString("ticket_subject"),
                rs.getString("status"), rs.getString("category"), rs.getString("label_zh"), rs.getString("label_en"),
                rs.getString("category_reason"), rs.getString("severity"), time(rs, "opened_at"), time(rs, "resolved_at"),
                time(rs, "closed_at"), new Clocks(first, resolution), first.breached() || resolution.breached(),
                (Long) rs.getObject("message_id", Long.class), firstBy, rs.getString("resolution"),
                compensation == null ? null : new Compensation(compensation, rs.getBigDecimal("compensation_amount"),
                        rs.getString("compensation_currency")),
                plannedFollowUp == null && doneFollowUp == null ? null : new FollowUp(plannedFollowUp, doneFollowUp,
                        rs.getString("follow_up_note"), (Integer) rs.getObject("satisfaction", Integer.class)));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return SlaClock.utc(instant(rs, column));
    }
}
