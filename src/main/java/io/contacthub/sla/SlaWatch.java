package io.contacthub.sla;

import io.contacthub.ticket.TicketEvents;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Watches the open tickets' deadlines: {@code hub.sla.warn-before} before a first answer is due, the ticket's
 * history says so (a warning for whoever works it); when a deadline passes unanswered or unresolved, the ticket is
 * breached (escalated: its history says so, and it shows in the supervisors' "SLA breached" view). Each happens
 * once per ticket; one watcher at a time across nodes.
 */
@Component
public class SlaWatch {

    private static final Logger log = LoggerFactory.getLogger(SlaWatch.class);

    private final JdbcClient jdbc;
    private final TicketEvents events;
    private final Duration warnBefore;

    SlaWatch(JdbcClient jdbc, TicketEvents events, @Value("${hub.sla.warn-before}") Duration warnBefore) {
        this.jdbc = jdbc;
        this.events = events;
        this.warnBefore = warnBefore;
    }

    @Scheduled(initialDelay = 20_000, fixedDelayString = "${hub.sla.watch-delay}")
    void onSchedule() {
        look();
    }

    /** @return how many tickets were warned about and how many breached, in this look */
    @Transactional
    public int[] look() {
        if (!jdbc.sql("select pg_try_advisory_xact_lock(hashtext('sla-watch'))").query(Boolean.class).single()) {
            return new int[] {0, 0};
        }
        List<Long> warned = jdbc.sql("""
                        update ticket t set sla_warned_at = now()
                        where t.status in ('OPEN', 'PENDING') and t.sla_warned_at is null and t.sla_breached_at is null
                          and t.first_response_due_at <= now() + cast(? as interval) and t.first_response_due_at > now()
                          and %s is null
                        returning t.id""".formatted(TicketSla.FIRST_ANSWER))
                .param(warnBefore.toSeconds() + " seconds").query(Long.class).list();
        for (long id : warned) {
            events.record(id, TicketEvents.Kind.SLA_WARNING, TicketEvents.HUB, null, "FIRST_RESPONSE", null);
        }
        record Breach(long id, String which) {
        }
        List<Breach> breached = jdbc.sql("""
                        update ticket t set sla_breached_at = now()
                        where t.status in ('OPEN', 'PENDING') and t.sla_breached_at is null
                          and (t.resolution_due_at < now() or t.first_response_due_at < now() and %s is null)
                        returning t.id, case when t.first_response_due_at < now() and %s is null then 'FIRST_RESPONSE'
                                             else 'RESOLUTION' end""".formatted(TicketSla.FIRST_ANSWER, TicketSla.FIRST_ANSWER))
                .query((rs, n) -> new Breach(rs.getLong(1), rs.getString(2))).list();
        for (Breach b : breached) {
            events.record(b.id(), TicketEvents.Kind.SLA_BREACHED, TicketEvents.HUB, null, b.which(), null);
        }
        if (!warned.isEmpty() || !breached.isEmpty()) {
            log.info("SLA watch: {} ticket(s) warned, {} breached", warned.size(), breached.size());
        }
        return new int[] {warned.size(), breached.size()};
    }
}
