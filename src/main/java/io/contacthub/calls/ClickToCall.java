package io.contacthub.calls;

import io.contacthub.presence.AgentPresence;
import io.contacthub.twilio.TwilioRestApi;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An agent calls a customer from a ticket: the hub rings the agent's phone first (a REST call), and when they answer
 * their TwiML dials the customer with the centre's number as caller ID (recorded when {@code hub.voice.record-calls}).
 * Only the ticket's customer's own phone numbers can be called, so the console cannot be used to call anyone else
 * at the centre's expense.
 */
@Component
public class ClickToCall {

    private static final Logger log = LoggerFactory.getLogger(ClickToCall.class);

    /** A call that cannot be placed, with the message key and its arguments for the agent. */
    public static class Refused extends RuntimeException {
        private final String key;
        private final Object[] args;

        Refused(String key, String message, Object... args) {
            super(message);
            this.key = key;
            this.args = args;
        }

        public String key() {
            return key;
        }

        public Object[] args() {
            return args;
        }
    }

    private final JdbcClient jdbc;
    private final CallSettings settings;
    private final AgentPresence presence;
    private final TwilioRestApi twilio;
    private final CallTwiml twiml;

    ClickToCall(JdbcClient jdbc, CallSettings settings, AgentPresence presence, TwilioRestApi twilio, CallTwiml twiml) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.presence = presence;
        this.twilio = twilio;
        this.twiml = twiml;
    }

    /** The phone numbers of the ticket's customer, which an agent may call from it. */
    public List<String> numbersOf(long ticketId) {
        return jdbc.sql("""
                        select i.value from ticket t join customer_identity i on i.customer_id = t.customer_id and i.kind = 'PHONE'
                        where t.id = ? order by i.id""").param(ticketId).query(String.class).list();
    }

    /** The ticket a call from the customer's page is logged on: their open ticket last written to, else their latest. */
    public Optional<Long> ticketForCustomer(long customerId) {
        return jdbc.sql("""
                        select id from ticket where customer_id = ?
                        order by case when status in ('RESOLVED', 'CLOSED') then 1 else 0 end, last_contact_at desc limit 1""")
                .param(customerId).query(Long.class).optional();
    }

    /**
     * @param base where Twilio reaches the hub for this call's callbacks
     * @param lang what the agent hears (zh, en)
     * @return the new call's id
     * @throws Refused when the agent has no call address, the number is not the customer's, or Twilio refuses
     */
    public long place(String agent, long ticketId, String number, String base, String lang) {
        String address = presence.of(agent).map(AgentPresence.Agent::callAddress)
                .orElseThrow(() -> new Refused("calls.refused.noAddress", "you have no phone number to take calls on"));
        if (settings.centreNumber() == null) {
            throw new Refused("calls.refused.noCentreNumber", "hub.voice.centre-number (HUB_VOICE_FROM) is not set");
        }
        if (twilio.notConfiguredReason() != null) {
            throw new Refused("calls.refused.twilio", twilio.notConfiguredReason(), twilio.notConfiguredReason());
        }
        String to = number == null ? "" : number.trim();
        if (!numbersOf(ticketId).contains(to)) {
            throw new Refused("calls.refused.notCustomersNumber", "not a phone number of this ticket's customer: " + to);
        }
        String label = jdbc.sql("select coalesce(c.display_name, :n) from ticket t left join customer c on c.id = t.customer_id where t.id = :t")
                .param("n", to).param("t", ticketId).query(String.class).single();
        long id = jdbc.sql("""
                        insert into voice_call (call_sid, direction, ticket_id, customer_number, centre_number, language, agent,
                                                state, created_by, callback_base)
                        values (:pending, 'OUTBOUND', :ticket, :to, :centre, :lang, :agent, 'DIALING', :agent, :base) returning id""")
                .param("pending", "pending-" + UUID.randomUUID()).param("ticket", ticketId).param("to", to)
                .param("centre", settings.centreNumber()).param("lang", lang).param("agent", agent).param("base", base)
                .query(Long.class).single();
        try {
            String sid = twilio.createCall(settings.centreNumber(), address, twiml.outbound(base, id, lang, to, label),
                    base + "/twilio/voice/status?leg=agent&vc=" + id, List.of("answered", "completed"), settings.agentRingSeconds());
            jdbc.sql("update voice_call set call_sid = ?, agent_call_sid = ?, updated_at = now() where id = ?").params(sid, sid, id).update();
            log.info("call {}: agent {} calls {} (ticket {}), agent leg {}", id, agent, to, ticketId, sid);
            return id;
        } catch (TwilioRestApi.TwilioApiException e) {
            jdbc.sql("update voice_call set state = 'ENDED', outcome = 'FAILED', ended_at = now(), duration_seconds = 0 where id = ?")
                    .param(id).update();
            throw new Refused("calls.refused.twilioError", e.getMessage(), e.getMessage());
        }
    }
}
