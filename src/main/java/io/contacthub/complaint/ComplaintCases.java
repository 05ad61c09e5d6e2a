package io.contacthub.complaint;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything that changes a complaint case: opening it for a complaint contact, logging further
 * customer contacts, staff steps and staff corrections of category and severity. Times come from
 * the injected {@link Clock} and are stored; SLA clocks are read from them ({@link ComplaintQueries}).
 */
@Component
public class ComplaintCases {

    private static final Logger log = LoggerFactory.getLogger(ComplaintCases.class);
    static final int MAX_TEXT = 10_000;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final JdbcClient jdbc;
    private final ComplaintCategories categories;
    private final ComplaintNotices notices;
    private final CaseForwarding forwarding;
    private final ComplaintSettings settings;
    private final Clock clock;

    @Autowired
    ComplaintCases(JdbcClient jdbc, ComplaintCategories categories, ComplaintNotices notices, CaseForwarding forwarding,
                   ComplaintSettings settings, ObjectProvider<Clock> clock) {
        this(jdbc, categories, notices, forwarding, settings, clock.getIfAvailable(Clock::systemUTC));
    }

    ComplaintCases(JdbcClient jdbc, ComplaintCategories categories, ComplaintNotices notices, CaseForwarding forwarding,
                   ComplaintSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.categories = categories;
        this.notices = notices;
        this.forwarding = forwarding;
        this.settings = settings;
        this.clock = clock;
    }

    /** The contact that may open a case, as recorded. */
    record Complaint(long messageId, long ticketId, String ticketRef, String channel, String subject, String body,
                     String urgency) {
    }

    /** The ticket's case that is not CLOSED, locked for this transaction. */
    Optional<OpenCase> openCaseOf(long ticketId) {
        return jdbc.sql("select id, status from complaint_case where ticket_id = ? and status <> 'CLOSED' for update")
                .param(ticketId).query((rs, n) -> new OpenCase(rs.getLong("id"), CaseStatus.valueOf(rs.getString("status"))))
                .optional();
    }

    record OpenCase(long id, CaseStatus status) {
    }

    /**
     * Opens a case for a complaint unless this message opened one before or the ticket has one
     * open already (then the contact is logged on that one). Caller's transaction.
     *
     * @return the case opened and whether its notice was queued for the customer, empty when none was opened
     */
    Optional<Opened> open(Complaint complaint) {
        Instant now = clock.instant();
        Severity severity = Severity.fromUrgency(complaint.urgency());
        ComplaintSettings.Sla sla = settings.slaFor(severity);
        CategoryHints.Match category = categories.classify(join(complaint.subject(), complaint.body()));
        Optional<Long> id = jdbc.sql("""
                        insert into complaint_case (ticket_id, message_id, category, category_reason, severity, opened_at,
                                                    first_response_due_at, resolution_due_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing
                        returning id""")
                .params(complaint.ticketId(), complaint.messageId(), category.code(), category.reason(), severity.name(),
                        ts(now), ts(now.plus(sla.firstResponse())), ts(now.plus(sla.resolution())), ts(now))
                .query(Long.class).optional();
        if (id.isEmpty()) {
            // A replay of the opening message, or another worker opened the ticket's case just now.
            openCaseOf(complaint.ticketId()).ifPresent(c -> logCustomerContact(c, complaint, "COMPLAINT"));
            return Optional.empty();
        }
        long caseId = id.get();
        ComplaintNotices.Sent sent = notices.opened(caseId, complaint.ticketRef(), sla);
        step(caseId, "OPENED", "hub", "opened by " + complaint.channel() + " message " + complaint.messageId()
                        + ": category " + category.code() + " (" + category.reason() + "), severity " + severity
                        + ("URGENT".equalsIgnoreCase(complaint.urgency()) ? " (urgent contact)" : " (default)"),
                CaseStatus.OPEN, complaint.messageId(), sent, now);
        if (settings.forward()) {
            forwarding.forward(caseId);
        }
        log.info("complaint case {} opened on {} ({}, {})", caseId, complaint.ticketRef(), category.code(), severity);
        return Optional.of(new Opened(caseId, sent.notificationId() != null));
    }

    /** @param noticeQueued the customer's "case opened" notice is in the outbox (queued or suppressed with its reason) */
    record Opened(long caseId, boolean noticeQueued) {
    }

    /** A further contact from the customer on the ticket of an open case (once per message). */
    void logCustomerContact(OpenCase open, Complaint contact, String intent) {
        String text = join(contact.subject(), contact.body());
        text = (intent == null ? "" : "[" + intent + "] ") + (text.length() > 1000 ? text.substring(0, 1000) + "…" : text);
        jdbc.sql("""
                        insert into complaint_step (case_id, action, actor, text, status_after, message_id, created_at)
                        values (?, 'CUSTOMER_CONTACT', 'customer', ?, ?, ?, ?)
                        on conflict do nothing""")
                .params(open.id(), text, open.status().name(), contact.messageId(), ts(clock.instant())).update();
    }

    /** A staff step; see {@link StepAction} for what is allowed when. */
    public record StepRequest(String action, String text, BigDecimal amount, String currency, Integer satisfaction,
                       OffsetDateTime followUpAt, Boolean notifyCustomer) {
    }

    @Transactional
    public void step(long caseId, StepRequest request, String staff) {
        if (request == null) {
            throw ComplaintRejected.invalid("a JSON body with action is required");
        }
        StepAction action = StepAction.parse(request.action()).orElseThrow(() -> ComplaintRejected.invalid(
                "action must be one of " + Arrays.toString(StepAction.values())));
        String text = request.text() == null || request.text().isBlank() ? null : request.text().strip();
        if (action.needsText() && text == null) {
            throw ComplaintRejected.invalid(action + " needs a text (" + switch (action) {
                case RESOLVE -> "the resolution";
                case PROPOSE_COMPENSATION -> "the compensation offered";
                case FOLLOW_UP -> "what the follow-up found";
                case REOPEN -> "why the case is reopened";
                default -> "the note";
            } + ")");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw ComplaintRejected.invalid("text must be at most " + MAX_TEXT + " characters");
        }
        String currency = validate(action, request);
        CaseRow row = lock(caseId);
        if (!action.allowedFrom(row.status())) {
            throw ComplaintRejected.conflict("cannot " + action + " a case that is " + row.status() + "; " + action
                    + " is allowed when the case is " + action.allowedFrom().stream().map(Enum::name)
                    .collect(Collectors.joining(", ")));
        }
        if (action == StepAction.REOPEN && row.status() == CaseStatus.CLOSED) {
            openCaseOf(row.ticketId()).ifPresent(other -> {
                throw ComplaintRejected.conflict("ticket already has open complaint case " + other.id()
                        + "; add to that one instead");
            });
        }
        Instant now = clock.instant();
        CaseStatus after = action.statusAfter(row.status());
        List<String> sets = new ArrayList<>(List.of("status = :status", "updated_at = :now"));
        if (action.answersCustomer()) {
            sets.add("first_responded_at = coalesce(first_responded_at, :now)");
        }
        switch (action) {
            case PROPOSE_COMPENSATION -> sets.addAll(List.of("compensation = :text", "compensation_amount = :amount",
                    "compensation_currency = :currency"));
            case RESOLVE -> sets.addAll(List.of("resolved_at = :now", "resolution = :text",
                    "follow_up_due_at = coalesce(:followUp, follow_up_due_at)"));
            case FOLLOW_UP -> sets.addAll(List.of("followed_up_at = :now", "follow_up_note = :text",
                    "satisfaction = :satisfaction"));
            case CLOSE -> sets.add("closed_at = :now");
            case REOPEN -> sets.addAll(List.of("resolved_at = null", "closed_at = null"));
            default -> {
            }
        }
        try {
            jdbc.sql("update complaint_case set " + String.join(", ", sets) + " where id = :id")
                    .param("status", after.name())
                    .param("now", ts(now))
                    .param("text", text)
                    .param("amount", request.amount())
                    .param("currency", currency)
                    .param("followUp", request.followUpAt() == null ? null : ts(request.followUpAt().toInstant()))
                    .param("satisfaction", request.satisfaction())
                    .param("id", caseId)
                    .update();
        } catch (DuplicateKeyException e) {
            // REOPEN raced a new complaint that opened another case on the ticket just now.
            throw ComplaintRejected.conflict("ticket " + row.ticketRef() + " already has another open complaint case");
        }
        long stepId = step(caseId, action.name(), staff, describe(action, text, request, currency), after, null, null, now);
        if (action == StepAction.RESOLVE && !Boolean.FALSE.equals(request.notifyCustomer())) {
            // What the customer is offered, with the amount when there is one: "Refund of the fee (350.00 CNY)".
            String compensation = jdbc.sql("""
                            select compensation || coalesce(' (' || to_char(compensation_amount, 'FM9999999990.00') || ' '
                                   || compensation_currency || ')', '')
                            from complaint_case where id = ?""")
                    .param(caseId).query(String.class).optional().orElse(null);
            ComplaintNotices.Sent sent = notices.resolved(caseId, stepId, row.ticketRef(), text, compensation);
            jdbc.sql("update complaint_step set notification_id = ?, notification_error = ? where id = ?")
                    .params(sent.notificationId(), sent.error(), stepId).update();
        }
    }

    /** What staff may correct: the cause category and the severity (which moves both due times). */
    public record Change(String category, String severity) {
    }

    @Transactional
    public void change(long caseId, Change change, String staff) {
        if (change == null || (change.category() == null && change.severity() == null)) {
            throw ComplaintRejected.invalid("send category and/or severity");
        }
        String category = null;
        if (change.category() != null) {
            ComplaintCategories.Category c = categories.find(change.category())
                    .filter(ComplaintCategories.Category::active)
                    .orElseThrow(() -> ComplaintRejected.invalid("category must be one of "
                            + categories.list(false).stream().map(ComplaintCategories.Category::code).toList()));
            category = c.code();
        }
        Severity severity = null;
        if (change.severity() != null) {
            severity = Severity.parse(change.severity()).orElseThrow(() -> ComplaintRejected.invalid(
                    "severity must be one of " + Arrays.toString(Severity.values())));
        }
        CaseRow row = lock(caseId);
        if (severity != null && row.status() == CaseStatus.CLOSED && severity != row.severity()) {
            throw ComplaintRejected.conflict("the case is CLOSED: its SLA clocks are final; REOPEN it to change the severity");
        }
        List<String> what = new ArrayList<>();
        Instant now = clock.instant();
        if (category != null && !category.equals(row.category())) {
            jdbc.sql("update complaint_case set category = ?, category_reason = ?, updated_at = ? where id = ?")
                    .params(category, "set by " + staff, ts(now), caseId).update();
            what.add("category " + row.category() + " -> " + category);
        }
        if (severity != null && severity != row.severity()) {
            ComplaintSettings.Sla sla = settings.slaFor(severity);
            Instant first = row.openedAt().plus(sla.firstResponse());
            Instant resolution = row.openedAt().plus(sla.resolution());
            jdbc.sql("""
                            update complaint_case set severity = ?, first_response_due_at = ?, resolution_due_at = ?, updated_at = ?
                            where id = ?""")
                    .params(severity.name(), ts(first), ts(resolution), ts(now), caseId).update();
            what.add("severity " + row.severity() + " -> " + severity + " (first response due " + first
                    + ", resolution due " + resolution + ")");
        }
        if (!what.isEmpty()) {
            step(caseId, "CHANGE", staff, String.join("; ", what), row.status(), null, null, now);
        }
    }

    record CaseRow(long id, long ticketId, String ticketRef, CaseStatus status, String category, Severity severity,
                   Instant openedAt) {
    }

    private CaseRow lock(long caseId) {
        return jdbc.sql("""
                        select cc.id, cc.ticket_id, t.ref, cc.status, cc.category, cc.severity, cc.opened_at
                        from complaint_case cc join ticket t on t.id = cc.ticket_id where cc.id = ? for update of cc""")
                .param(caseId)
                .query((rs, n) -> new CaseRow(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("ref"),
                        CaseStatus.valueOf(rs.getString("status")), rs.getString("category"),
                        Severity.valueOf(rs.getString("severity")), rs.getTimestamp("opened_at").toInstant()))
                .optional()
                .orElseThrow(() -> ComplaintRejected.notFound("no complaint case " + caseId));
    }

    private static String validate(StepAction action, StepRequest request) {
        if (request.amount() != null && action != StepAction.PROPOSE_COMPENSATION) {
            throw ComplaintRejected.invalid("amount belongs to PROPOSE_COMPENSATION");
        }
        if (request.satisfaction() != null && action != StepAction.FOLLOW_UP) {
            throw ComplaintRejected.invalid("satisfaction belongs to FOLLOW_UP");
        }
        if (request.followUpAt() != null && action != StepAction.RESOLVE) {
            throw ComplaintRejected.invalid("followUpAt (when to visit or call the customer) belongs to RESOLVE");
        }
        if (request.amount() != null && (request.amount().signum() < 0 || request.amount().scale() > 2
                || request.amount().precision() - request.amount().scale() > 10)) {
            throw ComplaintRejected.invalid("amount must be a non-negative number with at most 2 decimals");
        }
        if (request.satisfaction() != null && (request.satisfaction() < 1 || request.satisfaction() > 5)) {
            throw ComplaintRejected.invalid("satisfaction must be 1 (very unhappy) to 5 (very happy)");
        }
        String currency = request.currency() == null || request.currency().isBlank() ? null
                : request.currency().trim().toUpperCase(Locale.ROOT);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            throw ComplaintRejected.invalid("currency must be an ISO 4217 code such as CNY or USD");
        }
        if (currency != null && request.amount() == null) {
            throw ComplaintRejected.invalid("currency needs an amount");
        }
        if (request.amount() != null && currency == null) {
            currency = "CNY";
        }
        return currency;
    }

    private static String describe(StepAction action, String text, StepRequest request, String currency) {
        StringBuilder s = new StringBuilder(text == null ? "" : text);
        if (action == StepAction.PROPOSE_COMPENSATION && request.amount() != null) {
            s.append(" [").append(request.amount().setScale(2).toPlainString()).append(' ').append(currency).append(']');
        }
        if (action == StepAction.FOLLOW_UP && request.satisfaction() != null) {
            s.append(" [satisfaction ").append(request.satisfaction()).append("/5]");
        }
        if (action == StepAction.RESOLVE && request.followUpAt() != null) {
            s.append(" [follow-up planned ").append(request.followUpAt()).append(']');
        }
        return s.isEmpty() ? null : s.toString();
    }

    private long step(long caseId, String action, String actor, String text, CaseStatus after, Long messageId,
                      ComplaintNotices.Sent sent, Instant at) {
        return jdbc.sql("""
                        insert into complaint_step (case_id, action, actor, text, status_after, message_id, notification_id,
                                                    notification_error, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(caseId, action, actor, text, after.name(), messageId, sent == null ? null : sent.notificationId(),
                        sent == null ? null : sent.error(), ts(at))
                .query(Long.class).single();
    }

    private static String join(String subject, String body) {
        return ((subject == null ? "" : subject.strip()) + "\n" + (body == null ? "" : body.strip())).strip();
    }

    static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }
}
