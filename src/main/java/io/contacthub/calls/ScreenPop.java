package io.contacthub.calls;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What an agent's console shows while a call is offered to them or they are on one: the caller, their customer page
 * and their open tickets. The customer is the call's ticket's, else the one the caller's number belongs to.
 */
@Component("screenPop")
public class ScreenPop {

    /**
     * @param offered true while the agent's phone rings for this caller; false once they are connected
     */
    public record Pop(long callId, boolean offered, String direction, String number, Long customerId, String customerName,
                      String ticketRef, OffsetDateTime since, List<OpenTicket> openTickets) {
    }

    public record OpenTicket(String ref, String subject, String status) {
    }

    private final JdbcClient jdbc;
    private final CallLog calls;

    ScreenPop(JdbcClient jdbc, CallLog calls) {
        this.jdbc = jdbc;
        this.calls = calls;
    }

    public Optional<Pop> of(String agent) {
        if (agent == null || agent.isBlank()) {
            return Optional.empty();
        }
        Optional<Long> offered = jdbc.sql("select call_id from call_offer where agent = ? and ended_at is null order by id desc limit 1")
                .param(agent).query(Long.class).optional();
        Optional<Long> current = offered.isPresent() ? offered : jdbc.sql("""
                        select id from voice_call where agent = ? and state in ('IN_PROGRESS', 'DIALING') order by id desc limit 1""")
                .param(agent).query(Long.class).optional();
        return current.flatMap(calls::find).map(call -> {
            Long customer = call.customerId() != null ? call.customerId() : jdbc.sql("""
                            select customer_id from customer_identity where kind = 'PHONE' and value = ?""")
                    .param(call.customerNumber() == null ? "" : call.customerNumber()).query(Long.class).optional().orElse(null);
            String name = call.customerName() != null || customer == null ? call.customerName()
                    : jdbc.sql("select display_name from customer where id = ?").param(customer).query(String.class)
                            .list().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
            List<OpenTicket> open = customer == null ? List.of() : jdbc.sql("""
                            select ref, subject, status from ticket where customer_id = ? and status not in ('RESOLVED', 'CLOSED')
                            order by last_contact_at desc limit 5""").param(customer).query(OpenTicket.class).list();
            return new Pop(call.id(), offered.isPresent(), call.direction(), call.customerNumber(), customer, name,
                    call.ticketRef(), call.queuedAt() != null ? call.queuedAt() : call.createdAt(), open);
        });
    }
}
