package io.contacthub.customer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** One customer for staff and for the member themself: identities and the orders/waybills their contacts mention. */
@Component
public class CustomerProfiles {

    private final JdbcClient jdbc;

    CustomerProfiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Profile(long id, String kind, String name, String language, OffsetDateTime createdAt,
                          List<Identity> identities) {
    }

    /** @param provenance OBSERVED, CLAIMED or VERIFIED: how the hub knows it (staff must see when it was only typed in) */
    public record Identity(String kind, String value, String provenance) {
    }

    /**
     * An order or waybill number, with the ticket that mentioned it last and, for a waybill, the
     * latest status the tracking system gave the hub for it (null when it was never looked up).
     */
    public record Mention(String kind, String number, String ticketRef, OffsetDateTime lastSeen, String trackingStatus,
                          OffsetDateTime trackedAt) {
    }

    public Optional<Profile> find(long id) {
        List<Identity> identities = jdbc.sql("select kind, value, provenance from customer_identity where customer_id = ? order by kind, id")
                .param(id).query(Identity.class).list();
        return jdbc.sql("select id, kind, display_name, language, created_at from customer where id = ?").param(id)
                .query((rs, n) -> new Profile(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), identities))
                .optional();
    }

    /** Orders and waybills named in this customer's contacts (text or form fields), newest first. */
    public List<Mention> mentions(long customerId) {
        return jdbc.sql("""
                        select x.*, tr.external_ref as tracking_status, tr.delivered_at as tracked_at from (
                        select kind, number, (array_agg(ref order by at desc))[1] as ticket_ref, max(at) as last_seen from (
                          select 'ORDER' as kind, jsonb_array_elements_text(c.entities -> 'orderNumbers') as number, t.ref, c.created_at as at
                          from contact_record c join ticket t on t.id = c.ticket_id where t.customer_id = :customer
                          union all
                          select 'WAYBILL', jsonb_array_elements_text(c.entities -> 'waybillNumbers'), t.ref, c.created_at
                          from contact_record c join ticket t on t.id = c.ticket_id where t.customer_id = :customer) m
                        group by kind, number) x
                        -- the tracking system's latest answer about this waybill (back-office hand-off)
                        left join lateral (select h.external_ref, h.delivered_at from handoff h
                                           where x.kind = 'WAYBILL' and h.system = 'TRACKING' and h.status = 'DELIVERED'
                                             and h.payload ->> 'waybill' = x.number
                                           order by h.delivered_at desc nulls last, h.id desc limit 1) tr on true
                        order by x.last_seen desc limit 200""")
                .param("customer", customerId)
                .query(Mention.class).list();
    }
}
