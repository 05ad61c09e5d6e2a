package io.contacthub.notify;

import io.contacthub.customer.SmsOptOuts;
import io.contacthub.descriptor.ChannelCatalog;
import io.contacthub.descriptor.ChannelDescriptor;
import io.contacthub.ticket.TicketReference;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells a ticket's customer something: picks the channel and address, renders the template in the
 * customer's language and queues it in the outbox, in the caller's transaction. Everything in the
 * hub that writes to customers (acknowledgements, staff replies, tracking answers, complaint
 * updates) goes through here, so the channel rules live in one place:
 * <ol>
 *   <li>the channel the caller names (a staff member choosing one), else</li>
 *   <li>the customer's preferred channel, else</li>
 *   <li>the channel the customer's latest contact on this ticket came by, when its descriptor says it
 *       carries answers; else (web, fax: the hub cannot write back to a browser or a fax machine) by
 *       e-mail, else by SMS.</li>
 * </ol>
 * An outbound channel a channel adds (its descriptor's {@link ChannelDescriptor.Answer}) is addressed
 * to the customer's proven identity of the kinds it names.
 * Texts and calls go only to numbers the channel proved or the customer verified, in the allowed
 * countries; an automatic message to a customer known only from a form goes by e-mail only, with
 * fixed wording that echoes neither the name nor the subject a stranger typed; and automatic
 * messages per recipient are capped. Each refusal is an outbox row SUPPRESSED with its reason.
 * An SMS to a number that has opted out (STOP) is never sent: the customer is written to by
 * e-mail instead when they have an address, and otherwise the notification is recorded as
 * SUPPRESSED with the reason, so staff can see the customer was not told.
 */
@Component
public class CustomerNotifications {

    private static final Logger log = LoggerFactory.getLogger(CustomerNotifications.class);

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final NotificationTemplates templates;
    private final SmsOptOuts optOuts;
    private final RecipientRules rules;

    private final ChannelCatalog channels;

    CustomerNotifications(JdbcClient jdbc, Outbox outbox, NotificationTemplates templates, SmsOptOuts optOuts,
                          RecipientRules rules, ChannelCatalog channels) {
        this.channels = channels;
        this.rules = rules;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.templates = templates;
        this.optOuts = optOuts;
    }

    /** Why a notification could not be queued at all (no such ticket, no way to reach the customer). */
    public static class NotDeliverable extends RuntimeException {
        private final boolean noTicket;

        NotDeliverable(String message, boolean noTicket) {
            super(message);
            this.noTicket = noTicket;
        }

        public boolean noTicket() {
            return noTicket;
        }
    }

    /** What was queued: the outbox row, the channel and address chosen, and QUEUED or SUPPRESSED. */
    public record Queued(long notificationId, String channel, String recipient, String status) {
    }

    /**
     * Queues template {@code template} for the customer of the ticket.
     *
     * @param template       a name under templates/notify ({@code <template>_<zh|en>.txt}; SMS and calls use
     *                       {@code <template>_short_<zh|en>.txt} when it exists)
     * @param variables      template variables; {@code ref}, {@code tag} and {@code subject} are added
     * @param idempotencyKey the same key twice queues one notification (the second call returns empty)
     * @param channel        an outbound channel (EMAIL | SMS | VOICE, or one a channel adds) to insist on one, or null
     *                       to apply the rules above
     * @throws NotDeliverable when the ticket does not exist or its customer cannot be reached on any channel
     */
    // Refusing is an answer, not a failure: it must not doom the caller's transaction (the contact's).
    @Transactional(noRollbackFor = NotDeliverable.class)
    public Optional<Queued> notifyCustomer(String ticketRef, String template, Map<String, Object> variables,
                                           String idempotencyKey, String channel) {
        TicketInfo ticket = ticket(ticketRef);
        boolean automatic = !STAFF_WRITTEN.contains(template);
        Recipient to = recipient(ticket, channel == null || channel.isBlank() ? null : channel.trim().toUpperCase(Locale.ROOT));
        if (automatic && !ticket.customerProven() && !Outbox.EMAIL.equals(to.channel()) && to.suppressed() == null) {
            to = to.suppressed("automatic messages to a customer known only from a form go by"
                    + " e-mail only (no texts or calls for unverified senders)");
        }
        if (automatic && to.suppressed() == null) {
            to = withinAutomaticCap(to);
        }
        String language = NotificationTemplates.language(ticket.language());
        Map<String, Object> vars = new HashMap<>(variables);
        vars.putIfAbsent("ref", ticket.ref());
        vars.putIfAbsent("tag", TicketReference.tag(ticket.ref()));
        vars.putIfAbsent("subject", ticket.subject() == null || ticket.subject().isBlank() ? "(no subject)" : ticket.subject().strip());
        vars.putIfAbsent("name", ticket.customerName());
        boolean fixedText = automatic && !ticket.customerProven();
        if (fixedText) {
            // A stranger chose the name and subject, and maybe someone else's address: echo neither.
            vars.put("name", null);
            vars.put("subject", "zh".equals(language) ? "您的留言" : "your message");
        }
        boolean email = Outbox.EMAIL.equals(to.channel());
        // Texts and calls read the short wording; mail and a channel's own answers (chat, a marketplace) the full one.
        boolean shortForm = Outbox.SMS.equals(to.channel()) || Outbox.VOICE.equals(to.channel());
        String body = shortForm ? templates.renderShort(template, language, vars) : templates.render(template, language, vars);
        String subject = !email ? null
                : TicketReference.tag(ticket.ref()) + " " + (fixedText ? ("zh".equals(language) ? "客户服务通知" : "Customer service notice")
                : vars.get("subject"));
        Recipient chosen = to;
        Optional<Long> id = outbox.enqueue(new Outbox.Pending(ticket.id(), ticket.customerId(), to.channel(), to.address(),
                template, language, subject, body, email ? ticket.lastMailId() : null, idempotencyKey, to.suppressed(), to.kind()));
        id.ifPresent(n -> log.debug("notification {} ({}) for {} queued on {} to {}{}", n, template, ticket.ref(), chosen.channel(),
                chosen.address(), chosen.suppressed() == null ? "" : " SUPPRESSED: " + chosen.suppressed()));
        return id.map(n -> new Queued(n, chosen.channel(), chosen.address(), chosen.suppressed() == null ? "QUEUED" : "SUPPRESSED"));
    }

    /**
     * The channel {@link #notifyCustomer} would write on when the caller names none (the customer's preferred one,
     * else the one they last came by when it carries answers, else e-mail, else SMS, with the same fallbacks), or
     * empty when the customer cannot be reached at all. For a caller whose wording depends on the channel.
     */
    @Transactional(readOnly = true)
    public Optional<String> channelFor(String ticketRef) {
        try {
            return Optional.of(recipient(ticket(ticketRef), null).channel());
        } catch (NotDeliverable e) {
            return Optional.empty();
        }
    }

    /**
     * Queues the text of notification {@code original} again on {@code channel}, addressed by the same rules as any
     * message on that channel (proven numbers only, opt-outs, allowed countries: a refusal is SUPPRESSED with its
     * reason). The words are the ones already written for the customer: a staff member sending them another way
     * means those words, not a fresh rendering. An e-mail copy of a text gets the ticket's tag as its subject line.
     * Caller's transaction.
     *
     * @throws NotDeliverable when the customer cannot be reached on that channel at all
     */
    @Transactional(noRollbackFor = NotDeliverable.class)
    public Queued sendCopyOn(long original, String channel, String idempotencyKey) {
        record Original(String ref, String template, String language, String subject, String body) {
        }
        Original o = jdbc.sql("""
                        select t.ref, n.template, n.language, n.subject, n.body
                        from notification n join ticket t on t.id = n.ticket_id where n.id = ?""")
                .param(original)
                .query((rs, n) -> new Original(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .optional().orElseThrow(() -> new NotDeliverable("no notification " + original + " on a ticket", true));
        TicketInfo ticket = ticket(o.ref());
        Recipient to = recipient(ticket, channel == null ? "" : channel.trim().toUpperCase(Locale.ROOT));
        boolean email = Outbox.EMAIL.equals(to.channel());
        String subject = !email ? null : o.subject() != null ? o.subject()
                : TicketReference.tag(ticket.ref()) + " " + ("zh".equals(o.language()) ? "客户服务通知" : "Customer service notice");
        long id = outbox.enqueue(new Outbox.Pending(ticket.id(), ticket.customerId(), to.channel(), to.address(), o.template(),
                        o.language(), subject, o.body(), email ? ticket.lastMailId() : null, idempotencyKey, to.suppressed(), to.kind()))
                .orElseThrow(() -> new IllegalStateException("idempotency key used twice: " + idempotencyKey));
        return new Queued(id, to.channel(), to.address(), to.suppressed() == null ? "QUEUED" : "SUPPRESSED");
    }

    /** Templates a person wrote the content of; everything else the hub sends on its own. */
    private static final Set<String> STAFF_WRITTEN = Set.of("reply");

    private Recipient withinAutomaticCap(Recipient to) {
        // Count and insert under one lock per recipient, held to the caller's commit: two workers or two nodes
        // queueing for one address at the same moment would otherwise both count below the cap.
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", "automatic-cap:" + to.channel() + ":" + to.address())
                .query().singleRow();
        long recent = jdbc.sql("""
                        select count(*) from notification where channel = ? and recipient = ? and template <> 'reply'
                          and status <> 'SUPPRESSED' and created_at > now() - ? * interval '1 second'""")
                .params(to.channel(), to.address(), rules.automaticWindow().toSeconds()).query(Long.class).single();
        return recent < rules.automaticPerRecipient() ? to
                : to.suppressed("this recipient already got " + recent + " automatic messages within "
                + rules.automaticWindow().toHours() + "h (hub.notify.recipients.automatic-per-recipient)");
    }

    /**
     * @param email          the best e-mail address: proven first, else the one typed in a form on this record
     * @param phone          the best proven (observed or verified) phone number; never a claimed one
     * @param claimedPhone   a phone number only typed into a form, for saying why nothing was texted
     * @param customerProven the customer is known by at least one observed or verified identity
     */
    private record TicketInfo(long id, String ref, String subject, Long customerId, String customerName, String language,
                              String preferredChannel, String lastChannel, String lastMailId, String email, String phone,
                              String claimedPhone, boolean customerProven) {
    }

    /** @param kind the identity kind {@code address} is of */
    private record Recipient(String channel, String address, String suppressed, String kind) {

        Recipient(String channel, String address, String suppressed) {
            this(channel, address, suppressed, Outbox.EMAIL.equals(channel) ? "EMAIL" : "PHONE");
        }

        Recipient suppressed(String why) {
            return new Recipient(channel, address, why, kind);
        }
    }

    private TicketInfo ticket(String ref) {
        return jdbc.sql("""
                        select t.id, t.ref, t.subject, t.customer_id, c.display_name,
                               coalesce(c.language, (select cr.language from contact_record cr where cr.ticket_id = t.id
                                                     order by cr.id desc limit 1)) as language,
                               c.preferred_channel,
                               (select cr.channel from contact_record cr where cr.ticket_id = t.id order by cr.id desc limit 1)
                                   as last_channel,
                               (select cr.rfc_message_id from contact_record cr where cr.ticket_id = t.id
                                  and cr.rfc_message_id is not null order by cr.id desc limit 1) as last_mail_id,
                               (select i.value from customer_identity i where i.customer_id = t.customer_id and i.kind = 'EMAIL'
                                order by (i.provenance <> 'CLAIMED') desc, i.id desc limit 1) as email,
                               (select i.value from customer_identity i where i.customer_id = t.customer_id and i.kind = 'PHONE'
                                  and i.provenance <> 'CLAIMED' order by i.id desc limit 1) as phone,
                               (select i.value from customer_identity i where i.customer_id = t.customer_id and i.kind = 'PHONE'
                                  and i.provenance = 'CLAIMED' order by i.id desc limit 1) as claimed_phone,
                               exists (select 1 from customer_identity i where i.customer_id = t.customer_id
                                       and i.provenance <> 'CLAIMED') as customer_proven
                        from ticket t left join customer c on c.id = t.customer_id
                        where t.ref = ?""")
                .param(ref == null ? "" : ref.trim().toUpperCase(Locale.ROOT))
                .query((rs, n) -> new TicketInfo(rs.getLong("id"), rs.getString("ref"), rs.getString("subject"),
                        (Long) rs.getObject("customer_id", Long.class), rs.getString("display_name"), rs.getString("language"),
                        rs.getString("preferred_channel"), rs.getString("last_channel"), rs.getString("last_mail_id"),
                        rs.getString("email"), rs.getString("phone"), rs.getString("claimed_phone"),
                        rs.getBoolean("customer_proven")))
                .optional()
                .orElseThrow(() -> new NotDeliverable("no ticket " + ref, true));
    }

    private Recipient recipient(TicketInfo t, String requested) {
        if (t.customerId() == null) {
            throw new NotDeliverable("ticket " + t.ref() + " has no known customer to write to", false);
        }
        String channel = requested != null ? requested
                : t.preferredChannel() != null ? t.preferredChannel()
                : t.lastChannel() == null ? null
                : channels.answerOn(t.lastChannel()).map(ChannelDescriptor.Answer::outbound)
                        .orElse(t.email() != null ? Outbox.EMAIL : Outbox.SMS);
        if (channel == null) {
            channel = t.email() != null ? Outbox.EMAIL : Outbox.SMS;
        }
        switch (channel) {
            case Outbox.EMAIL -> {
                if (t.email() == null) {
                    if (requested == null && (t.phone() != null || t.claimedPhone() != null)) {
                        return recipient(t, Outbox.SMS);
                    }
                    throw new NotDeliverable("the customer of " + t.ref() + " has no e-mail address", false);
                }
                return new Recipient(Outbox.EMAIL, t.email(), null);
            }
            case Outbox.SMS, Outbox.VOICE -> {
                if (t.phone() == null) {
                    if (requested == null && t.email() != null) {
                        return new Recipient(Outbox.EMAIL, t.email(), null);
                    }
                    if (t.claimedPhone() != null) {
                        return new Recipient(channel, t.claimedPhone(), "the number was only typed into a form: texts and calls"
                                + " go only to numbers the customer has texted or called from, or verified");
                    }
                    throw new NotDeliverable("the customer of " + t.ref() + " has no phone number", false);
                }
                String refusedRegion = rules.refusedRegion(t.phone());
                if (refusedRegion != null) {
                    if (requested == null && t.email() != null) {
                        return new Recipient(Outbox.EMAIL, t.email(), null);
                    }
                    return new Recipient(channel, t.phone(), "texts and calls to region " + refusedRegion
                            + " are not allowed (hub.notify.recipients.allowed-countries: "
                            + String.join(", ", rules.allowedCountries()) + ")");
                }
                if (Outbox.SMS.equals(channel) && optOuts.isOptedOut(t.phone())) {
                    if (requested == null && t.email() != null) {
                        return new Recipient(Outbox.EMAIL, t.email(), null);
                    }
                    return new Recipient(Outbox.SMS, t.phone(), "the number has opted out of SMS (STOP)");
                }
                return new Recipient(channel, t.phone(), null);
            }
            default -> {
                return channelOwnRecipient(t, channel, requested);
            }
        }
    }

    /** An outbound channel a channel added: addressed to the customer's proven identity of the kinds it names. */
    private Recipient channelOwnRecipient(TicketInfo t, String channel, String requested) {
        ChannelCatalog.Outbound out = channels.outbound(channel).orElseThrow(() -> new NotDeliverable(
                "the hub cannot send on channel " + channel + " (it can send on "
                        + String.join(", ", channels.outbound().stream().map(ChannelCatalog.Outbound::name).toList()) + ")", false));
        record Address(String kind, String value) {
        }
        Optional<Address> address = jdbc.sql("""
                        select kind, value from customer_identity
                        where customer_id = ? and kind = any(?) and provenance <> 'CLAIMED' order by id desc limit 1""")
                .params(t.customerId(), out.addressed().toArray(String[]::new))
                .query((rs, n) -> new Address(rs.getString(1), rs.getString(2))).optional();
        if (address.isPresent()) {
            return new Recipient(channel, address.get().value(), null, address.get().kind());
        }
        if (requested == null && (t.email() != null || t.phone() != null || t.claimedPhone() != null)) {
            return recipient(t, t.email() != null ? Outbox.EMAIL : Outbox.SMS);
        }
        throw new NotDeliverable("the customer of " + t.ref() + " has no proven " + String.join(" or ", out.addressed())
                + " to answer on " + channel, false);
    }
}
