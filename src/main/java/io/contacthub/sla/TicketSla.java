package io.contacthub.sla;

import io.contacthub.intake.AfterRecordStep;
import io.contacthub.intake.EarlierResults;
import io.contacthub.intake.RecordedContact;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Pipeline step {@code service-levels}: a new ticket comes under the first SLA policy that matches its channel,
 * intent and customer class (as last computed), and gets its first-response and resolution due times on the
 * working-time calendar, counted from when it opened. A ticket's first answer is the first staff reply, status
 * notice or complaint resolution notice that was actually sent ({@link #FIRST_ANSWER}); the acknowledgement and
 * automatic answers are not one.
 */
@Component
class TicketSla implements AfterRecordStep {

    /** When ticket {@code t}'s customer first got an answer from staff that went out. */
    static final String FIRST_ANSWER = io.contacthub.ticket.TicketFirstAnswer.OF_T;

    private final JdbcClient jdbc;
    private final SlaPolicies policies;

    TicketSla(JdbcClient jdbc, SlaPolicies policies) {
        this.jdbc = jdbc;
        this.policies = policies;
    }

    @Override
    public String name() {
        return "service-levels";
    }

    record Assigned(String policy, Instant firstResponseDue, Instant resolutionDue) {
    }

    @Override
    public Object apply(RecordedContact contact, EarlierResults earlier) {
        if (!contact.ticketOpened() || contact.rerun() || contact.ticketId() == null) {
            return null;
        }
        String customerClass = contact.customerId() == null ? null
                : jdbc.sql("select class from customer_standing where customer_id = ?").param(contact.customerId())
                        .query(String.class).optional().orElse(null);
        Instant opened = jdbc.sql("select created_at from ticket where id = ?").param(contact.ticketId())
                .query(Timestamp.class).single().toInstant();
        SlaPolicies.Targets targets = policies.targets(contact.channel(), contact.intent(), customerClass, opened);
        jdbc.sql("update ticket set sla_policy = ?, first_response_due_at = ?, resolution_due_at = ? where id = ?")
                .params(targets.policy().name(), Timestamp.from(targets.firstResponseDue()), Timestamp.from(targets.resolutionDue()),
                        contact.ticketId()).update();
        return new Assigned(targets.policy().name(), targets.firstResponseDue(), targets.resolutionDue());
    }
}
