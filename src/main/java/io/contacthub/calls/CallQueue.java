package io.contacthub.calls;

import io.contacthub.presence.AgentPresence;
import io.contacthub.twilio.TwilioRestApi;
import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Callers waiting in the Twilio queue for an agent, and the offers that ring agents for them.
 * <p>
 * The hub rings one agent at a time per caller (a REST call to the agent's phone whose TwiML is
 * {@code <Dial><Queue>}), the longest-waiting caller first, the longest-idle available agent first (an agent who
 * already let this caller's offer ring out comes after everyone who did not). An agent rings at most one offer at a
 * time. Offers are made when a caller joins, on each of Twilio's wait-URL requests, when an offer ends and every few
 * seconds; the unique indexes on {@code call_offer} keep two nodes from offering the same caller or agent twice.
 * A caller who waited {@code hub.voice.queue-timeout}, or for whom no agent takes calls, leaves the queue for
 * voicemail.
 */
@Component("callQueue")
public class CallQueue {

    private static final Logger log = LoggerFactory.getLogger(CallQueue.class);

    /** What the caller waiting in the queue hears next. */
    public record Hold(boolean leave, int position, String lang) {
    }

    private final JdbcClient jdbc;
    private final CallSettings settings;
    private final AgentPresence presence;
    private final TwilioRestApi twilio;
    private final CallTwiml twiml;
    private final CallBacks callBacks;
    private final ExecutorService offers = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "call-offers");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean offerPending = new AtomicBoolean();

    CallQueue(JdbcClient jdbc, CallSettings settings, AgentPresence presence, TwilioRestApi twilio, CallTwiml twiml,
              CallBacks callBacks) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.presence = presence;
        this.twilio = twilio;
        this.twiml = twiml;
        this.callBacks = callBacks;
    }

    @PreDestroy
    void stop() {
        offers.shutdownNow();
    }

    public String queueName() {
        return settings.queueName();
    }

    /**
     * Whether this caller skips the menu for an agent: their customer (by the calling number) is a MEMBER or of a class
     * in {@code hub.voice.direct-to-agent}, and an agent takes calls now.
     */
    public boolean straightToAgent(String from) {
        if (from == null || settings.directToAgent().isEmpty()) {
            return false;
        }
        List<String> classes = jdbc.sql("""
                        select c.kind, s.class from customer_identity i join customer c on c.id = i.customer_id
                        left join customer_standing s on s.customer_id = c.id
                        where i.kind = 'PHONE' and i.value = ?""").param(from.trim())
                .query((rs, n) -> List.of(String.valueOf(rs.getString(1)), String.valueOf(rs.getString(2)).trim()))
                .list().stream().flatMap(List::stream).toList();
        return classes.stream().anyMatch(settings.directToAgent()::contains) && agentsTakeCalls();
    }

    /** Whether a caller would reach anyone: an agent takes calls now. */
    public boolean agentsTakeCalls() {
        return !presence.callTakers().isEmpty();
    }

    /**
     * The caller chose an agent: they wait in the queue from now (a repeated request for the same CallSid keeps the
     * first). Offers start at once.
     *
     * @param base where Twilio reaches the hub for this call's callbacks
     * @return the call's id
     */
    @Transactional
    public long enqueue(String callSid, String from, String dialled, String lang, String base) {
        jdbc.sql("""
                insert into voice_call (call_sid, direction, customer_number, centre_number, language, state, queued_at, callback_base)
                values (:sid, 'INBOUND', :from, :to, :lang, 'QUEUED', now(), :base)
                on conflict (call_sid) do nothing""")
                .param("sid", callSid).param("from", from).param("to", dialled).param("lang", lang).param("base", base).update();
        long id = jdbc.sql("select id from voice_call where call_sid = ?").param(callSid).query(Long.class).single();
        log.info("call {}: caller {} waits for an agent (queue {}, call {})", callSid, from, settings.queueName(), id);
        offerAfterCommit();
        return id;
    }

    /**
     * Twilio asks what a waiting caller hears next (its wait URL, each time the last answer was played).
     *
     * @param queueTime Twilio's seconds in the queue; the hub's own clock counts too, whichever is more
     */
    public Hold waiting(String callSid, int queueTime, int position) {
        Optional<Map<String, Object>> call = jdbc.sql("""
                        select id, language, extract(epoch from now() - queued_at)::int as waited,
                               exists (select 1 from call_offer o where o.call_id = voice_call.id and o.ended_at is null) as offered
                        from voice_call where call_sid = ? and state = 'QUEUED'""")
                .param(callSid).query((rs, n) -> {
                    Map<String, Object> row = new HashMap<>();
                    row.put("id", rs.getLong("id"));
                    row.put("lang", rs.getString("language"));
                    row.put("waited", rs.getInt("waited"));
                    row.put("offered", rs.getBoolean("offered"));
                    return row;
                }).optional();
        if (call.isEmpty()) {
            return new Hold(true, position, "zh"); // not a caller the hub queued (or one already gone): voicemail
        }
        String lang = (String) call.get().get("lang");
        int waited = Math.max(queueTime, (Integer) call.get().get("waited"));
        if (waited >= settings.queueTimeout().toSeconds()) {
            log.info("call {}: no agent answered within {} s: voicemail", callSid, settings.queueTimeout().toSeconds());
            return new Hold(true, position, lang);
        }
        if (!(Boolean) call.get().get("offered") && !agentsTakeCalls()) {
            log.info("call {}: no agent takes calls now: voicemail", callSid);
            return new Hold(true, position, lang);
        }
        offerSoon();
        return new Hold(false, position, lang);
    }

    /**
     * The caller left the queue ({@code <Enqueue action>}'s QueueResult): hung up (a missed call: a call-back task),
     * sent to voicemail (leave, queue-full, error, system-error), redirected, or after a bridged call ended.
     */
    @Transactional
    public void left(String callSid, String queueResult) {
        String result = queueResult == null ? "" : queueResult.trim().toLowerCase(java.util.Locale.ROOT);
        switch (result) {
            case "hangup" -> {
                List<Long> missed = jdbc.sql("""
                                update voice_call set state = 'ENDED', outcome = 'MISSED', ended_at = coalesce(ended_at, now()), updated_at = now()
                                where call_sid = ? and state = 'QUEUED' returning id""")
                        .param(callSid).query(Long.class).list();
                missed.forEach(callBacks::open);
                endOffers(callSid, "GONE");
                log.info("call {}: caller hung up while waiting: missed call{}", callSid, missed.isEmpty() ? " (already recorded)" : ", call back");
            }
            case "bridged", "bridging-in-process" -> jdbc.sql("""
                    update voice_call set outcome = coalesce(outcome, 'ANSWERED'), updated_at = now() where call_sid = ?""")
                    .param(callSid).update();
            case "redirected" -> {
                jdbc.sql("update voice_call set state = 'ENDED', updated_at = now() where call_sid = ? and state = 'QUEUED'")
                        .param(callSid).update();
                endOffers(callSid, "GONE");
            }
            default -> { // leave, queue-full, error, system-error: the caller goes on to voicemail
                jdbc.sql("""
                        update voice_call set state = 'ENDED', outcome = 'VOICEMAIL', updated_at = now()
                        where call_sid = ? and state = 'QUEUED'""").param(callSid).update();
                endOffers(callSid, "GONE");
            }
        }
        offerAfterCommit();
    }

    /**
     * Just before an agent is connected (the queue's url, on the caller's side): which agent took which caller. The
     * dequeuing call is the agent's leg of one offer; the caller is whoever was at the head of the queue.
     */
    @Transactional
    public void bridged(String callerSid, String dequeuingSid) {
        Optional<String> agent = jdbc.sql("""
                        update call_offer set ended_at = coalesce(ended_at, now()), result = 'BRIDGED'
                        where agent_call_sid = ? returning agent""")
                .param(dequeuingSid == null ? "" : dequeuingSid).query(String.class).optional();
        if (agent.isEmpty()) {
            log.warn("call {}: bridged to {}, which is no agent call the hub placed", callerSid, dequeuingSid);
            return;
        }
        jdbc.sql("""
                update voice_call set state = 'IN_PROGRESS', agent = :agent, agent_call_sid = :leg, outcome = 'ANSWERED',
                       answered_at = coalesce(answered_at, now()), updated_at = now()
                where call_sid = :caller and state = 'QUEUED'""")
                .param("agent", agent.get()).param("leg", dequeuingSid).param("caller", callerSid).update();
        endOffers(callerSid, "TAKEN"); // another agent's offer for the same caller, if the queue's head was someone else's
        presence.onCall(agent.get());
        log.info("call {}: connected to agent {}", callerSid, agent.get());
    }

    /**
     * Twilio's status callback for an agent's leg of an offer. Answered: the agent is busy. Ended: the offer ends
     * (busy, no answer, failed, or the call with the caller is over), the agent is free again, and the next offer goes out.
     */
    @Transactional
    public void agentLeg(long offerId, String agentCallSid, String callStatus) {
        Optional<String> agent = jdbc.sql("select agent from call_offer where id = ? and agent_call_sid = ?")
                .params(offerId, agentCallSid == null ? "" : agentCallSid).query(String.class).optional();
        if (agent.isEmpty()) {
            return; // not this offer's leg: nothing to change
        }
        String status = callStatus == null ? "" : callStatus.trim().toLowerCase(java.util.Locale.ROOT);
        if (status.equals("in-progress") || status.equals("answered")) {
            presence.onCall(agent.get());
            return;
        }
        String result = switch (status) {
            case "busy" -> "BUSY";
            case "no-answer" -> "NO_ANSWER";
            case "failed", "canceled" -> "FAILED";
            case "completed" -> "ENDED";
            default -> null;
        };
        if (result == null) {
            return; // queued, initiated, ringing
        }
        jdbc.sql("update call_offer set ended_at = now(), result = ? where id = ? and ended_at is null").params(result, offerId).update();
        // The call with the caller (if any) is over for the agent; the caller's own leg reports its duration.
        jdbc.sql("""
                update voice_call set state = 'ENDED', ended_at = coalesce(ended_at, now()), updated_at = now()
                where agent_call_sid = ? and state = 'IN_PROGRESS'""").param(agentCallSid).update();
        presence.callEnded(agent.get());
        offerAfterCommit();
    }

    /** Offers read committed rows: in a transaction, they are made once it has committed. */
    void offerAfterCommit() {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            offerSoon();
                        }
                    });
        } else {
            offerSoon();
        }
    }

    private void endOffers(String callSid, String result) {
        jdbc.sql("""
                update call_offer set ended_at = now(), result = :r
                where ended_at is null and call_id = (select id from voice_call where call_sid = :sid)""")
                .param("r", result).param("sid", callSid).update();
    }

    /** Makes the offers that are due, soon, on the offer thread (requests coalesce: one run does them all). */
    public void offerSoon() {
        if (offerPending.compareAndSet(false, true)) {
            try {
                offers.execute(() -> {
                    offerPending.set(false);
                    offerWaiting();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                offerPending.set(false); // shutting down
            }
        }
    }

    /** The safety net: offers whose callbacks never came expire, and waiting callers are offered again. */
    @Scheduled(initialDelay = 5_000, fixedDelay = 3_000)
    void sweep() {
        offerSoon();
    }

    /** One round: each waiting caller without a ringing offer is offered to the next free agent. */
    synchronized void offerWaiting() {
        try {
            jdbc.sql("""
                    update call_offer set ended_at = now(), result = 'EXPIRED'
                    where ended_at is null and offered_at < now() - cast(:ring as interval)""")
                    .param("ring", (settings.agentRingSeconds() + 30) + " seconds").update();
            List<Waiting> waiting = jdbc.sql("""
                            select vc.id, vc.call_sid, vc.customer_number, vc.centre_number, vc.language, vc.callback_base,
                                   cu.display_name as customer_name
                            from voice_call vc
                            left join customer_identity ci on ci.kind = 'PHONE' and ci.value = vc.customer_number
                            left join customer cu on cu.id = ci.customer_id
                            where vc.state = 'QUEUED'
                              and not exists (select 1 from call_offer o where o.call_id = vc.id and o.ended_at is null)
                            order by vc.queued_at, vc.id""")
                    .query(Waiting.class).list();
            for (Waiting call : waiting) {
                Optional<AgentPresence.Agent> agent = nextAgent(call.id());
                if (agent.isEmpty()) {
                    return; // nobody free: later callers would find nobody either
                }
                offer(call, agent.get());
            }
        } catch (RuntimeException e) {
            log.warn("offering waiting calls failed (tried again shortly): {}", e.toString());
        }
    }

    record Waiting(long id, String callSid, String customerNumber, String centreNumber, String language, String callbackBase,
                   String customerName) {
    }

    /** The longest-idle agent who takes calls and rings no offer now; one who let this caller ring out comes last. */
    private Optional<AgentPresence.Agent> nextAgent(long callId) {
        List<AgentPresence.Agent> free = presence.callTakers();
        if (free.isEmpty()) {
            return Optional.empty();
        }
        List<String> ringing = jdbc.sql("select agent from call_offer where ended_at is null").query(String.class).list();
        Map<String, java.time.OffsetDateTime> triedAt = new HashMap<>();
        jdbc.sql("""
                        select agent, max(coalesce(ended_at, offered_at)) as at from call_offer where call_id = ?
                        group by agent""").param(callId)
                .query((rs, n) -> triedAt.put(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class))).list();
        java.time.OffsetDateTime recently = java.time.OffsetDateTime.now().minusSeconds(10);
        return free.stream()
                .filter(a -> !ringing.contains(a.username()))
                .filter(a -> triedAt.get(a.username()) == null || triedAt.get(a.username()).isBefore(recently))
                .sorted(java.util.Comparator.comparing((AgentPresence.Agent a) -> triedAt.get(a.username()),
                        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())))
                .findFirst(); // stable sort: among equals, the presence order (longest idle first) stays
    }

    private void offer(Waiting call, AgentPresence.Agent agent) {
        Long offerId = jdbc.sql("""
                        insert into call_offer (call_id, agent) values (?, ?) on conflict do nothing returning id""")
                .params(call.id(), agent.username()).query(Long.class).optional().orElse(null);
        if (offerId == null) {
            return; // another node offered this caller or this agent just now
        }
        String base = call.callbackBase();
        String caller = call.customerName() != null ? call.customerName() : call.customerNumber() == null ? "?" : call.customerNumber();
        String lang = call.language() == null ? "zh" : call.language();
        String from = settings.centreNumber() != null ? settings.centreNumber() : call.centreNumber();
        try {
            String sid = twilio.createCall(from, agent.callAddress(), twiml.offer(base, call.id(), offerId, lang, caller),
                    base + "/twilio/voice/status?leg=offer&offer=" + offerId, List.of("answered", "completed"),
                    settings.agentRingSeconds());
            jdbc.sql("update call_offer set agent_call_sid = ? where id = ?").params(sid, offerId).update();
            log.info("call {}: offered to agent {} ({}), agent call {}", call.callSid(), agent.username(), agent.callAddress(), sid);
        } catch (TwilioRestApi.TwilioApiException | RuntimeException e) {
            jdbc.sql("update call_offer set ended_at = now(), result = 'FAILED' where id = ?").param(offerId).update();
            log.warn("call {}: could not ring agent {}: {}", call.callSid(), agent.username(), e.getMessage());
        }
    }
}
