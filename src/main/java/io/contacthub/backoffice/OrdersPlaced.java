package io.contacthub.backoffice;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The order requests the hub made for a customer's tickets (hand-offs {@code ORDER / create-order}), for the
 * customer's own view: the order number the order system gave (once it accepted), or where the request stands. The
 * request's fields and the order system's words are not passed on: they are for staff.
 */
@Component
public class OrdersPlaced {

    private final JdbcClient jdbc;

    OrdersPlaced(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param orderNumber the order system's number, null until it accepted the request
     * @param state       ACCEPTED (the order system has it), PENDING (on its way) or STAFF (refused or given up:
     *                    staff complete it)
     */
    public record PlacedOrder(String orderNumber, String ticketRef, String state, OffsetDateTime requestedAt) {
    }

    /** Newest first, at most 100. */
    public List<PlacedOrder> forCustomer(long customerId) {
        return jdbc.sql("""
                        select h.external_ref, t.ref,
                               case when h.status = 'DELIVERED' then 'ACCEPTED'
                                    when h.status in ('QUEUED', 'SENDING') then 'PENDING' else 'STAFF' end as state,
                               h.created_at
                        from handoff h join ticket t on t.id = h.ticket_id
                        where h.system = 'ORDER' and h.operation = 'create-order' and t.customer_id = ?
                        order by h.id desc limit 100""")
                .param(customerId)
                .query((rs, n) -> new PlacedOrder(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class)))
                .list();
    }
}
