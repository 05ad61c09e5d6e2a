package io.contacthub.complaint;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's complaint cases as the customer may see them (the member portal): where the case stands, the dates
 * the hub promised (first answer, resolution: the SLA due times), and the steps taken, by name and date only. Staff
 * names, internal notes and the free text of steps are left out; the one text shown is the resolution (and the
 * compensation), because the customer was sent those in the complaint_resolved notice. Read-only.
 */
@Component
public class CustomerCases {

    /** Steps a customer is shown; NOTE and CHANGE (staff's notes and re-categorising) never leave this class. */
    static final Set<String> SHOWN = Set.of("OPENED", "CUSTOMER_CONTACT", "ACKNOWLEDGE", "INVESTIGATE", "PROPOSE_COMPENSATION", "RESOLVE",
            "FOLLOW_UP", "CLOSE", "REOPEN");

    private final JdbcClient jdbc;
    private final ComplaintQueries queries;

    CustomerCases(JdbcClient jdbc, ComplaintQueries queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /** @param action a {@link StepAction} name, OPENED or CUSTOMER_CONTACT (the customer wrote again) */
    public record CustomerStep(String action, OffsetDateTime at) {
    }

    /**
     * @param firstAnswerDue the promised time of a first answer; {@code firstAnsweredAt} when it came (null: not yet)
     * @param resolutionDue  the promised time of a resolution; {@code resolvedAt} when it came (null: not yet)
     * @param resolution     what the customer was told when it was resolved (null until then)
     */
    public record CustomerCase(String ticketRef, String categoryZh, String categoryEn, String status, OffsetDateTime openedAt,
                               OffsetDateTime firstAnswerDue, OffsetDateTime firstAnsweredAt, OffsetDateTime resolutionDue,
                               OffsetDateTime resolvedAt, String resolution, String compensation, List<CustomerStep> steps) {
    }

    /** The cases on this customer's tickets, newest first (at most 100). */
    public List<CustomerCase> forCustomer(long customerId) {
        List<String> refs = jdbc.sql("""
                        select t.ref from ticket t where t.customer_id = ?
                          and exists (select 1 from complaint_case cc where cc.ticket_id = t.id)
                        order by t.id desc limit 100""")
                .param(customerId).query(String.class).list();
        return refs.stream().flatMap(ref -> queries.forTicket(ref).stream()).map(CustomerCases::forCustomer).toList();
    }

    /** The case on this ticket (its open one, else its latest), for whoever proved they may follow the ticket. */
    public java.util.Optional<CustomerCase> forTicket(String ref) {
        return queries.forTicket(ref).map(CustomerCases::forCustomer);
    }

    private static CustomerCase forCustomer(ComplaintQueries.CaseDetail detail) {
        ComplaintQueries.CaseSummary c = detail.complaint();
        boolean resolved = c.resolvedAt() != null;
        List<CustomerStep> steps = detail.steps().stream().filter(s -> SHOWN.contains(s.action()))
                .map(s -> new CustomerStep(s.action(), s.at())).toList();
        return new CustomerCase(c.ticket(), c.categoryLabelZh(), c.categoryLabelEn(), c.status(), c.openedAt(),
                c.sla().firstResponse().dueAt(), c.sla().firstResponse().metAt(), c.sla().resolution().dueAt(),
                c.resolvedAt(), resolved ? c.resolution() : null,
                resolved ? compensation(c.compensation()) : null, steps);
    }

    /** As the complaint_resolved notice words it: the text, then the amount. */
    private static String compensation(ComplaintQueries.Compensation c) {
        if (c == null) {
            return null;
        }
        return c.amount() == null ? c.text() : c.text() + " (" + c.amount().toPlainString() + " " + c.currency() + ")";
    }
}
