package io.contacthub.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Joins a contact to the ticket it continues, or opens a new one. In order: a {@code [#CH-…]} tag
 * in the subject (or body), only for that ticket's own customer proven by the channel or a
 * participant staff added (a reference is a hint, never a credential), the ticket of the earlier message the channel names as related
 * ({@link ThreadingRequest#relatedExternalId()}, same channel), a mail reply's In-Reply-To/References, then an open ticket of the same
 * customer about the same order or waybill number within the configured window, then (only when
 * the channel asks for it through {@link ThreadingRequest#sameCustomerWindow()}) the open ticket the
 * same customer last wrote to on the same channel within that window. A joined ticket whose intent
 * is still GENERAL takes the intent of a contact that has a more specific one (a call first seen
 * without a matter, then its voicemail after the caller chose "complaint").
 * <p>A mail answering one of the hub's own Message-IDs joins that ticket whoever sends it (a
 * colleague of the customer replying to our mail); answering the customer's own Message-ID joins
 * only for the same proven customer. A tag that could not be honoured and found no other way in
 * opens a new ticket that says which reference it quotes, flagged for staff to link.
 */
@Component
public class TicketThreading {

    private static final Logger log = LoggerFactory.getLogger(TicketThreading.class);

    private final JdbcClient jdbc;
    private final int sameMatterWindowDays;

    private final TicketEvents events;

    public TicketThreading(JdbcClient jdbc, ThreadingSettings settings, TicketEvents events) {
        this.jdbc = jdbc;
        this.events = events;
        this.sameMatterWindowDays = settings.sameMatterWindowDays();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public ThreadedTicket thread(ThreadingRequest request) {
        return thread(request, null, null);
    }

    /**
     * @param reservedTicketId the ticket id reserved for the message when it was received (its sender
     *                         was told that reference), or null: a new ticket takes that id; a joined
     *                         ticket takes the reference as another name ({@code ticket_alias})
     * @param messageId        the message, recorded with such an alias
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ThreadedTicket thread(ThreadingRequest request, Long reservedTicketId, Long messageId) {
        Optional<String> quoted = TicketReference.findTag(request.subject()).or(() -> TicketReference.findTag(request.body()));
        Optional<ThreadedTicket> existing = quoted.flatMap(ref -> byTag(ref, request))
                .or(() -> byRelatedMessage(request))
                .or(() -> byReferences(request))
                .or(() -> bySameMatter(request))
                .or(() -> bySameCustomerRecently(request));
        if (existing.isPresent()) {
            ThreadedTicket ticket = existing.get();
            String before = jdbc.sql("select status from ticket where id = ? for update").param(ticket.id())
                    .query(String.class).single();
            if (TicketStatus.DONE.contains(before)) {
                // The customer wrote again about a finished matter: the hub reopens it, and says so on the history.
                events.record(ticket.id(), TicketEvents.Kind.REOPENED, TicketEvents.HUB, before, "OPEN", null);
            }
            jdbc.sql("""
                    update ticket set last_contact_at = now(), updated_at = now(),
                        status = case when status in ('RESOLVED', 'CLOSED') then 'OPEN' else status end,
                        intent = case when intent = 'GENERAL' then coalesce(cast(:intent as text), intent) else intent end
                    where id = :id""").param("intent", request.intent()).param("id", ticket.id()).update();
            if (reservedTicketId != null && reservedTicketId != ticket.id()) {
                jdbc.sql("insert into ticket_alias (ref, ticket_id, message_id) values (?, ?, ?) on conflict (ref) do nothing")
                        .params(TicketReference.of(reservedTicketId), ticket.id(), messageId).update();
            }
            return ticket;
        }
        Optional<String> existingQuote = quoted.filter(ref -> jdbc.sql("select ticket_id_of(?) is not null")
                .param(ref).query(Boolean.class).single());
        return open(request, existingQuote.orElse(null), reservedTicketId);
    }

    /** The tagged ticket, if the sender is its proven customer or a participant staff added. */
    private Optional<ThreadedTicket> byTag(String ref, ThreadingRequest request) {
        return jdbc.sql("""
                        select t.id, t.ref from ticket t
                        where t.id = ticket_id_of(:ref) and (
                              (:proven and t.customer_id = :customer)
                              or exists (select 1 from ticket_participant p where p.ticket_id = t.id
                                         and p.kind || ':' || p.value in (:identities)))""")
                .param("ref", ref)
                .param("proven", request.senderProven() && request.customerId() != null)
                .param("customer", request.customerId() == null ? -1L : request.customerId())
                .param("identities", request.provenIdentities().isEmpty() ? List.of("-") : request.provenIdentities())
                .query((rs, n) -> new ThreadedTicket(rs.getLong(1), rs.getString(2), false, "reference tag " + ref))
                .optional();
    }

    private Optional<ThreadedTicket> byRelatedMessage(ThreadingRequest request) {
        if (request.relatedExternalId() == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select t.id, t.ref from inbound_message m join contact_record c on c.message_id = m.id
                        join ticket t on t.id = c.ticket_id
                        where m.channel = :channel and m.external_id = :externalId order by c.id desc limit 1""")
                .param("channel", request.channel())
                .param("externalId", request.relatedExternalId())
                .query((rs, n) -> new ThreadedTicket(rs.getLong(1), rs.getString(2), false,
                        "related message " + request.relatedExternalId()))
                .optional();
    }

    /** A contact's Message-ID, or the Message-ID of a notification the hub sent (acknowledgement, staff reply). */
    private Optional<ThreadedTicket> byReferences(ThreadingRequest request) {
        List<String> references = request.references();
        if (references.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select id, ref from (
                          select t.id, t.ref, 1 as pri, c.id as k from contact_record c join ticket t on t.id = c.ticket_id
                          where c.rfc_message_id in (:ids) and :proven and t.customer_id = :customer
                          union all
                          select t.id, t.ref, 0 as pri, n.id as k from notification n join ticket t on t.id = n.ticket_id
                          where n.rfc_message_id in (:ids)) x
                        order by pri desc, k desc limit 1""")
                .param("ids", references)
                .param("proven", request.senderProven() && request.customerId() != null)
                .param("customer", request.customerId() == null ? -1L : request.customerId())
                .query((rs, n) -> new ThreadedTicket(rs.getLong(1), rs.getString(2), false, "mail reply (In-Reply-To/References)"))
                .optional();
    }

    private Optional<ThreadedTicket> bySameMatter(ThreadingRequest request) {
        List<String> numbers = new ArrayList<>(request.orderNumbers());
        numbers.addAll(request.waybillNumbers());
        if (request.customerId() == null || numbers.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select t.id, t.ref from ticket t join contact_record c on c.ticket_id = t.id
                        where t.customer_id = :customer and t.status not in ('RESOLVED', 'CLOSED')
                          and t.last_contact_at > now() - make_interval(days => :days)
                          and (jsonb_exists_any(c.entities -> 'orderNumbers', string_to_array(:numbers, ','))
                               or jsonb_exists_any(c.entities -> 'waybillNumbers', string_to_array(:numbers, ',')))
                        order by t.last_contact_at desc limit 1""")
                .param("customer", request.customerId())
                .param("days", sameMatterWindowDays)
                .param("numbers", String.join(",", numbers))
                .query((rs, n) -> new ThreadedTicket(rs.getLong(1), rs.getString(2), false, "same customer and order/waybill number"))
                .optional();
    }

    private Optional<ThreadedTicket> bySameCustomerRecently(ThreadingRequest request) {
        if (request.customerId() == null || request.sameCustomerWindow() == null) {
            return Optional.empty();
        }
        String how = "same customer on " + request.channel() + " within " + describe(request.sameCustomerWindow());
        return jdbc.sql("""
                        select t.id, t.ref from ticket t
                        where t.customer_id = :customer and t.status not in ('RESOLVED', 'CLOSED')
                          and t.last_contact_at > now() - :seconds * interval '1 second'
                          and exists (select 1 from contact_record c where c.ticket_id = t.id and c.channel = :channel)
                        order by t.last_contact_at desc, t.id desc limit 1""")
                .param("customer", request.customerId())
                .param("seconds", request.sameCustomerWindow().toSeconds())
                .param("channel", request.channel())
                .query((rs, n) -> new ThreadedTicket(rs.getLong(1), rs.getString(2), false, how))
                .optional();
    }

    private static String describe(java.time.Duration window) {
        return window.toMinutes() % 60 == 0 ? window.toHours() + "h" : window.toMinutes() + "min";
    }

    private ThreadedTicket open(ThreadingRequest request, String quotedRef, Long reservedTicketId) {
        // A replayed message whose reserved ticket exists already (it was opened, then the message failed later) takes a fresh one.
        long id = reservedTicketId != null && !jdbc.sql("select exists (select 1 from ticket where id = ?)").param(reservedTicketId)
                .query(Boolean.class).single()
                ? reservedTicketId : jdbc.sql("select nextval('ticket_id_seq')").query(Long.class).single();
        String ref = TicketReference.of(id);
        jdbc.sql("""
                        insert into ticket (id, ref, customer_id, subject, channel, intent, priority, quoted_ref, review_reason)
                        values (:id, :ref, :customer, :subject, :channel, :intent, :priority, :quoted, :review)""")
                .param("id", id)
                .param("ref", ref)
                .param("customer", request.customerId())
                .param("subject", request.subject() == null || request.subject().isBlank() ? "(no subject)" : request.subject())
                .param("channel", request.channel())
                .param("intent", request.intent())
                .param("priority", request.urgent() ? "URGENT" : "NORMAL")
                .param("quoted", quotedRef)
                .param("review", quotedRef == null ? null
                        : "quotes " + quotedRef + ", but the sender is not proven to be its customer: link it if it belongs there")
                .update();
        log.debug("ticket {} opened{}", ref, quotedRef == null ? "" : " (quotes " + quotedRef + ")");
        return new ThreadedTicket(id, ref, true, quotedRef == null ? "new ticket" : "new ticket (quotes " + quotedRef + ")");
    }

    public record ThreadedTicket(long id, String ref, boolean opened, String how) {
    }
}
