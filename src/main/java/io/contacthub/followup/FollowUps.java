package io.contacthub.followup;

import io.contacthub.complaint.ComplaintCases;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The follow-up list. A resolved complaint gets its follow-up by itself (due when staff planned it at RESOLVE, else
 * {@code after-resolve} later, for the ticket's assignee); staff mark any other ticket. Reaching the customer ends it
 * (with their satisfaction, if they gave one; a complaint case then takes its FOLLOW_UP step); not reaching them
 * moves it {@code retry-after} on, until {@code max-attempts} tries are used up.
 */
@Component("followUps")
public class FollowUps {

    static final int MAX_NOTE = 2000;

    private final JdbcClient jdbc;
    private final FollowUpSettings settings;
    private final ComplaintCases complaints;
    private final Clock clock;

    FollowUps(JdbcClient jdbc, FollowUpSettings settings, ComplaintCases complaints, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.complaints = complaints;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    public record FollowUp(long id, long ticketId, String ticketRef, String subject, Long customerId, String customerName,
                           Long complaintCaseId, String complaintCategory, String reason, OffsetDateTime dueAt, String assignee,
                           String status, int attempts, Integer satisfaction, OffsetDateTime doneAt, String doneBy) {

        public boolean overdue(Instant now) {
            return "DUE".equals(status) && dueAt.toInstant().isBefore(now);
        }
    }

    public record Attempt(String outcome, Integer satisfaction, String note, String madeBy, OffsetDateTime madeAt) {
    }

    /** A follow-up staff cannot record as asked, with the reason. */
    public static class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** Resolved complaints without a follow-up get theirs (runs each minute, and before the list is shown). */
    @Scheduled(initialDelay = 30_000, fixedDelay = 60_000)
    @Transactional
    public int fromResolvedComplaints() {
        return jdbc.sql("""
                        insert into follow_up (ticket_id, complaint_case_id, due_at, assignee, created_by)
                        select c.ticket_id, c.id, coalesce(c.follow_up_due_at, c.resolved_at + cast(? as interval)), t.assignee, 'hub'
                        from complaint_case c join ticket t on t.id = c.ticket_id
                        where c.status = 'RESOLVED' and c.followed_up_at is null
                          and not exists (select 1 from follow_up f where f.complaint_case_id = c.id)
                        on conflict (complaint_case_id) do nothing""")
                .param(settings.afterResolve().toSeconds() + " seconds").update();
    }

    @Transactional
    public long mark(long ticketId, Instant dueAt, String reason, String staff) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 500) {
            throw new Refused("the reason must be at most 500 characters");
        }
        if (dueAt == null) {
            throw new Refused("a follow-up needs the time it is due");
        }
        return jdbc.sql("""
                        insert into follow_up (ticket_id, reason, due_at, assignee, created_by)
                        select id, ?, ?, coalesce(assignee, ?), ? from ticket where id = ? returning id""")
                .params(why, Timestamp.from(dueAt), staff, staff, ticketId).query(Long.class).optional()
                .orElseThrow(() -> new Refused("no ticket " + ticketId));
    }

    /**
     * @param mine only those assigned to this staff member (null: everyone's)
     * @param open DUE ones, soonest first; otherwise the 200 finished most recently
     */
    public List<FollowUp> list(String mine, boolean open) {
        return jdbc.sql(SELECT + " where (cast(:mine as text) is null or f.assignee = cast(:mine as text)) and "
                        + (open ? "f.status = 'DUE' order by f.due_at, f.id limit 500" : "f.status <> 'DUE' order by f.done_at desc, f.id desc limit 200"))
                .param("mine", mine).query(FollowUp.class).list();
    }

    public Optional<FollowUp> find(long id) {
        return jdbc.sql(SELECT + " where f.id = :id").param("id", id).query(FollowUp.class).optional();
    }

    public List<FollowUp> forTicket(long ticketId) {
        return jdbc.sql(SELECT + " where f.ticket_id = :ticket order by f.id").param("ticket", ticketId).query(FollowUp.class).list();
    }

    public List<Attempt> attempts(long followUpId) {
        return jdbc.sql("select outcome, satisfaction, note, made_by, made_at from follow_up_attempt where follow_up_id = ? order by id")
                .param(followUpId).query(Attempt.class).list();
    }

    /** How many of this staff member's follow-ups are due now or overdue (the top bar's reminder). */
    public long dueNow(String staff) {
        return jdbc.sql("select count(*) from follow_up where status = 'DUE' and assignee = ? and due_at <= now()")
                .param(staff).query(Long.class).single();
    }

    /**
     * One attempt. REACHED ends the follow-up (a complaint case takes its FOLLOW_UP step with the note and the
     * rating); UNREACHABLE moves it on, or gives it up after the last attempt allowed.
     */
    @Transactional
    public FollowUp record(long id, String outcome, Integer satisfaction, String note, String staff) {
        if (!"REACHED".equals(outcome) && !"UNREACHABLE".equals(outcome)) {
            throw new Refused("the outcome must be REACHED or UNREACHABLE");
        }
        if (satisfaction != null && (satisfaction < 1 || satisfaction > 5)) {
            throw new Refused("satisfaction must be 1 to 5");
        }
        if (satisfaction != null && "UNREACHABLE".equals(outcome)) {
            throw new Refused("a customer who was not reached gave no rating");
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > MAX_NOTE) {
            throw new Refused("the note must be at most " + MAX_NOTE + " characters");
        }
        FollowUp f = jdbc.sql(SELECT + " where f.id = :id for update of f").param("id", id).query(FollowUp.class).optional()
                .orElseThrow(() -> new Refused("no follow-up " + id));
        if (!"DUE".equals(f.status())) {
            throw new Refused("this follow-up was finished already (" + f.status() + " by " + f.doneBy() + ")");
        }
        jdbc.sql("insert into follow_up_attempt (follow_up_id, outcome, satisfaction, note, made_by) values (?, ?, ?, ?, ?)")
                .params(id, outcome, satisfaction, text, staff).update();
        Instant now = clock.instant();
        if ("REACHED".equals(outcome)) {
            jdbc.sql("update follow_up set status = 'DONE', attempts = attempts + 1, satisfaction = ?, done_by = ?, done_at = ? where id = ?")
                    .params(satisfaction, staff, Timestamp.from(now), id).update();
            // A case that moved on meanwhile (reopened, closed) keeps its own log; the follow-up is done all the same.
            // (Asked first: a refused step would mark this whole transaction for rollback.)
            boolean caseWaits = f.complaintCaseId() != null && jdbc.sql("select status = 'RESOLVED' from complaint_case where id = ?")
                    .param(f.complaintCaseId()).query(Boolean.class).single();
            if (caseWaits) {
                complaints.step(f.complaintCaseId(), new ComplaintCases.StepRequest("FOLLOW_UP",
                        text == null ? "-" : text, null, null, satisfaction, null, false), staff);
            }
        } else if (f.attempts() + 1 >= settings.maxAttempts()) {
            jdbc.sql("update follow_up set status = 'GAVE_UP', attempts = attempts + 1, done_by = ?, done_at = ? where id = ?")
                    .params(staff, Timestamp.from(now), id).update();
        } else {
            jdbc.sql("update follow_up set attempts = attempts + 1, due_at = ? where id = ?")
                    .params(Timestamp.from(now.plus(settings.retryAfter())), id).update();
        }
        return find(id).orElseThrow();
    }

    private static final String SELECT = """
            select f.id, f.ticket_id, t.ref as ticket_ref, t.subject, t.customer_id, cu.display_name as customer_name,
                   f.complaint_case_id, c.category as complaint_category, f.reason, f.due_at, f.assignee, f.status, f.attempts,
                   f.satisfaction, f.done_at, f.done_by
            from follow_up f join ticket t on t.id = f.ticket_id
            left join customer cu on cu.id = t.customer_id
            left join complaint_case c on c.id = f.complaint_case_id""";
}
