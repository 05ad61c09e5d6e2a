package io.contacthub.backoffice;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers recorded hand-offs to their back-office system, at least once, each attempt carrying
 * the hand-off's idempotency key ({@code Idempotency-Key} header) so the peer can drop repeats.
 *
 * <p>A hand-off is claimed with {@code FOR UPDATE SKIP LOCKED} and marked SENDING in its own
 * transaction, then the HTTP call runs through the system's Camel route
 * ({@code direct:backoffice-<system>}, with its circuit breaker), then the outcome is recorded.
 * Connection errors, timeouts, 5xx, 429 and an open circuit are waited out with exponential
 * back-off (at most {@code hub.backoffice.max-backoff}) until {@code hub.backoffice.give-up-after};
 * an order system that is down for an hour therefore loses nothing. Any other 4xx is REJECTED and
 * the ticket goes to staff. A hand-off left SENDING by a stopped hub is sent again (safe: the
 * peer sees the same key).
 */
@Component("handoffDispatcher")
public class HandoffDispatcher {

    private static final Logger log = LoggerFactory.getLogger(HandoffDispatcher.class);
    private static final Duration SENDING_STALE_AFTER = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final BackOfficeClient client;
    private final BackOfficeSettings settings;
    private final Map<String, HandoffType> types;
    private final ObjectMapper json;
    private final Clock clock;

    @Autowired
    HandoffDispatcher(JdbcClient jdbc, PlatformTransactionManager transactions, BackOfficeClient client,
                      BackOfficeSettings settings, List<HandoffType> types, ObjectMapper json) {
        this(jdbc, transactions, client, settings, types, json, Clock.systemUTC());
    }

    HandoffDispatcher(JdbcClient jdbc, PlatformTransactionManager transactions, BackOfficeClient client,
                      BackOfficeSettings settings, List<HandoffType> types, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.client = client;
        this.settings = settings;
        this.types = types.stream().collect(Collectors.toMap(t -> t.system() + "/" + t.operation(), Function.identity()));
        this.json = json;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void sayWhereHandoffsGo() {
        for (String system : List.of("ORDER", "TRACKING", "COMPLAINT")) {
            long queued = jdbc.sql("select count(*) from handoff where system = ? and status in ('QUEUED', 'SENDING')")
                    .param(system).query(Long.class).single();
            BackOfficeSettings.Peer peer = settings.peer(system);
            if (peer.configured()) {
                log.info("{} hand-offs go to {} ({} waiting)", system, peer.url(), queued);
            } else {
                log.warn("hub.backoffice.{}.url is not set: {} hand-offs are recorded and kept QUEUED ({} now) until it is",
                        system.toLowerCase(), system, queued);
            }
        }
    }

    /** Delivers up to hub.backoffice.batch-size due hand-offs of the system; returns how many ended. */
    public int dispatchDue(String system) {
        BackOfficeSettings.Peer peer = settings.peer(system);
        if (!peer.configured()) {
            return 0;
        }
        requeueStaleSending(system);
        int done = 0;
        for (int i = 0; i < settings.batchSize(); i++) {
            Optional<Handoff> claimed = tx.execute(s -> claim(system));
            if (claimed == null || claimed.isEmpty()) {
                break;
            }
            Attempt attempt = deliver(claimed.get());
            if (attempt == Attempt.ENDED) {
                done++;
            } else if (attempt == Attempt.PEER_DOWN) {
                break; // the circuit is open: the rest of the batch waits for the next poll
            }
        }
        return done;
    }

    private enum Attempt { ENDED, RETRY, PEER_DOWN }

    private Optional<Handoff> claim(String system) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<Handoff> row = jdbc.sql("select " + Handoffs.COLUMNS + """
                         from handoff h left join ticket t on t.id = h.ticket_id
                        where h.system = :system and h.status = 'QUEUED' and h.next_attempt_at <= :now
                        order by h.next_attempt_at, h.id
                        limit 1
                        for update of h skip locked""")
                .param("system", system).param("now", now)
                .query((rs, n) -> Handoffs.read(rs, json)).optional();
        row.ifPresent(h -> jdbc.sql("update handoff set status = 'SENDING', sending_since = ?, attempts = attempts + 1 where id = ?")
                .params(now, h.id()).update());
        return row;
    }

    /** One attempt: ENDED (DELIVERED, REJECTED or FAILED), or waiting for a retry. */
    private Attempt deliver(Handoff h) {
        HandoffType type = types.get(h.system() + "/" + h.operation());
        if (type == null) {
            return end(h, null, "FAILED", null, null, "no handler for " + h.system() + "/" + h.operation() + " in this hub");
        }
        BackOfficeClient.Response response = client.call(h.system(), type.request(h), h.idempotencyKey());
        if (!response.answered()) {
            retry(type, h, null, null, response.error());
            return response.circuitOpen() ? Attempt.PEER_DOWN : Attempt.RETRY;
        }
        int status = response.status();
        String body = response.body();
        if (status == 429 || status == 408) {
            return retry(type, h, status, body, "HTTP " + status + " from the " + h.system().toLowerCase() + " system");
        }
        HandoffType.Outcome outcome = tx.execute(s -> {
            HandoffType.Outcome o = type.answered(h, status, body);
            if (o.delivered()) {
                update(h, "DELIVERED", status, body, o.externalRef(), null);
            } else {
                update(h, "REJECTED", status, body, null, o.reason());
                type.gaveUp(h, o.reason());
            }
            return o;
        });
        log.info("hand-off {} ({} {} for {}): {} after {} attempt(s){}", h.id(), h.system(), h.operation(), h.ticketRef(),
                outcome.delivered() ? "DELIVERED" : "REJECTED", h.attempts() + 1,
                outcome.delivered() ? (outcome.externalRef() == null ? "" : ", ref " + outcome.externalRef()) : ": " + outcome.reason());
        return Attempt.ENDED;
    }

    /** A transient failure: wait and try again, or end FAILED when the hand-off has waited long enough. */
    private Attempt retry(HandoffType type, Handoff h, Integer status, String body, String reason) {
        int attempts = h.attempts() + 1;
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean tooMany = type.maxAttempts() != null && attempts >= type.maxAttempts();
        boolean tooLong = type.maxAttempts() == null && h.attemptsSince().plus(settings.giveUpAfter()).isBefore(now);
        if (tooMany || tooLong) {
            String why = reason + (tooMany ? " (gave up after " + attempts + " attempts)" : " (gave up after " + settings.giveUpAfter() + ")");
            return end(h, type, "FAILED", status, body, why);
        }
        Duration wait = backoff(attempts, settings.maxBackoff());
        jdbc.sql("""
                        update handoff set status = 'QUEUED', sending_since = null, last_error = ?, response_status = ?,
                            next_attempt_at = ? where id = ?""")
                .params(reason, status, now.plus(wait), h.id()).update();
        log.warn("hand-off {} ({} for {}): attempt {} failed, retrying in {}: {}", h.id(), h.system(), h.ticketRef(), attempts,
                wait, reason);
        return Attempt.RETRY;
    }

    private Attempt end(Handoff h, HandoffType type, String status, Integer httpStatus, String body, String reason) {
        tx.executeWithoutResult(s -> {
            update(h, status, httpStatus, body, null, reason);
            if (type != null) {
                type.gaveUp(h, reason);
            }
        });
        log.error("hand-off {} ({} {} for {}) {}: {}", h.id(), h.system(), h.operation(), h.ticketRef(), status, reason);
        return Attempt.ENDED;
    }

    private void update(Handoff h, String status, Integer httpStatus, String body, String externalRef, String error) {
        jdbc.sql("""
                        update handoff set status = :status, sending_since = null, response_status = :http, response = :body,
                            external_ref = coalesce(:ref, external_ref), last_error = :error,
                            delivered_at = case when :status = 'DELIVERED' then now() else delivered_at end
                        where id = :id""")
                .param("status", status).param("http", httpStatus)
                .param("body", body == null ? null : body.length() > 8000 ? body.substring(0, 8000) : body)
                .param("ref", externalRef).param("error", error).param("id", h.id()).update();
    }

    /** A hub that stopped mid-call left the row SENDING: deliver it again (the peer sees the same key). */
    private void requeueStaleSending(String system) {
        int n = jdbc.sql("""
                        update handoff set status = 'QUEUED', sending_since = null,
                            last_error = 'the hub stopped during this call; sending again with the same idempotency key'
                        where system = ? and status = 'SENDING' and sending_since < ?""")
                .params(system, OffsetDateTime.now(clock).minus(SENDING_STALE_AFTER)).update();
        if (n > 0) {
            log.warn("{} {} hand-off(s) were in flight when the hub stopped; queued again", n, system);
        }
    }

    static Duration backoff(int attempts, Duration max) {
        Duration d = attempts >= 20 ? max : Duration.ofSeconds(1L << Math.max(0, Math.min(attempts, 19)));
        return d.compareTo(max) > 0 ? max : d;
    }


}
