package io.contacthub.calls;

import io.contacthub.presence.AgentPresence;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Twilio's call status callbacks, verified by the Twilio signature filter and keyed by CallSid. Each call's end is
 * written once: a final callback only changes a call that has no duration yet, so a repeated or late one changes
 * nothing. Which leg reports is said by the callback URL the hub gave Twilio:
 * <ul>
 *   <li>{@code leg=offer}: an agent rung for a waiting caller ({@link CallQueue#agentLeg});</li>
 *   <li>{@code leg=agent}: the agent's leg of a call they placed: busy while answered, free when it ends;</li>
 *   <li>{@code leg=customer}: the customer's leg of a call an agent placed: answered, duration and outcome;</li>
 *   <li>none: the number's own status callback (set in Twilio's console) for an incoming call: its duration, and the
 *       call itself when the caller never asked for an agent (menu and voicemail only).</li>
 * </ul>
 */
@Component
public class CallStatusCallbacks {

    private static final Logger log = LoggerFactory.getLogger(CallStatusCallbacks.class);

    /** What one status callback says (form parameters as Twilio posts them). */
    public record Status(String callSid, String parentCallSid, String callStatus, Integer durationSeconds, String from,
                         String to) {
        String status() {
            return callStatus == null ? "" : callStatus.trim().toLowerCase(Locale.ROOT);
        }

        boolean finished() {
            return switch (status()) {
                case "completed", "busy", "no-answer", "failed", "canceled" -> true;
                default -> false;
            };
        }
    }

    private final JdbcClient jdbc;
    private final CallQueue queue;
    private final CallBacks callBacks;
    private final AgentPresence presence;

    CallStatusCallbacks(JdbcClient jdbc, CallQueue queue, CallBacks callBacks, AgentPresence presence) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.callBacks = callBacks;
        this.presence = presence;
    }

    @Transactional
    public void offerLeg(long offerId, Status status) {
        queue.agentLeg(offerId, status.callSid(), status.callStatus());
    }

    /** The agent's own leg of a call they placed (the hub created it; its CallSid is the call's). */
    @Transactional
    public void placingAgentLeg(long callId, Status status) {
        Optional<String> agent = jdbc.sql("select agent from voice_call where id = ? and call_sid = ? and direction = 'OUTBOUND'")
                .params(callId, status.callSid()).query(String.class).optional();
        if (agent.isEmpty()) {
            return;
        }
        if (status.status().equals("in-progress")) {
            presence.onCall(agent.get());
            return;
        }
        if (!status.finished()) {
            return;
        }
        // The agent never answered: no customer leg will report; the call ends here with the agent's outcome.
        String agentOutcome = switch (status.status()) {
            case "busy" -> "BUSY";
            case "no-answer" -> "NO_ANSWER";
            case "failed", "canceled" -> "FAILED";
            default -> null;
        };
        jdbc.sql("""
                update voice_call set state = 'ENDED', ended_at = coalesce(ended_at, now()), updated_at = now(),
                       outcome = coalesce(outcome, cast(:outcome as text)),
                       duration_seconds = case when cast(:outcome as text) is not null then coalesce(duration_seconds, 0) else duration_seconds end
                where id = :id""").param("outcome", agentOutcome).param("id", callId).update();
        presence.callEnded(agent.get());
    }

    /** The customer's leg of a call an agent placed (a child of the agent's leg). */
    @Transactional
    public void customerLeg(long callId, Status status) {
        Optional<String> agent = jdbc.sql("""
                        select agent from voice_call where id = ? and direction = 'OUTBOUND' and call_sid = ?""")
                .params(callId, status.parentCallSid() == null ? "" : status.parentCallSid()).query(String.class).optional();
        if (agent.isEmpty()) {
            log.warn("status callback for call {}: not a leg of the hub's call {}", status.callSid(), callId);
            return;
        }
        if (status.status().equals("in-progress")) {
            jdbc.sql("""
                    update voice_call set state = 'IN_PROGRESS', answered_at = coalesce(answered_at, now()), updated_at = now()
                    where id = ? and state = 'DIALING'""").param(callId).update();
            return;
        }
        if (!status.finished()) {
            return;
        }
        int seconds = status.durationSeconds() == null ? 0 : Math.max(0, status.durationSeconds());
        String outcome = switch (status.status()) {
            case "completed" -> seconds > 0 ? "ANSWERED" : "NO_ANSWER";
            case "busy" -> "BUSY";
            case "no-answer" -> "NO_ANSWER";
            default -> "FAILED";
        };
        int changed = jdbc.sql("""
                update voice_call set state = 'ENDED', outcome = :outcome, duration_seconds = :seconds,
                       answered_at = case when :outcome = 'ANSWERED' then coalesce(answered_at, now() - make_interval(secs => :seconds)) else answered_at end,
                       ended_at = now(), updated_at = now()
                where id = :id and duration_seconds is null""")
                .param("outcome", outcome).param("seconds", seconds).param("id", callId).update();
        if (changed == 1 && "ANSWERED".equals(outcome)) {
            String number = jdbc.sql("select customer_number from voice_call where id = ?").param(callId).query(String.class).single();
            int done = callBacks.doneByCall(number, agent.get(), callId);
            log.info("call {}: customer answered ({} s){}", callId, seconds, done > 0 ? ", " + done + " call-back task(s) done" : "");
        }
    }

    /** The number's own status callback for an incoming call. */
    @Transactional
    public void callerLeg(Status status) {
        if (!status.finished() || status.callSid() == null) {
            return;
        }
        int seconds = status.durationSeconds() == null ? 0 : Math.max(0, status.durationSeconds());
        jdbc.sql("""
                insert into voice_call (call_sid, direction, customer_number, centre_number, state, ended_at, duration_seconds)
                values (:sid, 'INBOUND', :from, :to, 'ENDED', now(), :seconds)
                on conflict (call_sid) do nothing""")
                .param("sid", status.callSid()).param("from", status.from()).param("to", status.to()).param("seconds", seconds).update();
        // Known already (it waited for an agent): its duration, once. Still waiting means the hang-up was never reported.
        java.util.List<Long> missed = jdbc.sql("""
                        update voice_call set duration_seconds = :seconds, ended_at = coalesce(ended_at, now()), updated_at = now(),
                               outcome = case when state = 'QUEUED' then 'MISSED' else outcome end, state = 'ENDED'
                        where call_sid = :sid and duration_seconds is null and direction = 'INBOUND'
                        returning case when outcome = 'MISSED' and queued_at is not null then id end""")
                .param("seconds", seconds).param("sid", status.callSid()).query(Long.class).list();
        missed.stream().filter(java.util.Objects::nonNull).forEach(callBacks::open);
    }
}
