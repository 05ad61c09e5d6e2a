package io.contacthub.backoffice;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.deferred.RetryPolicy;
import io.contacthub.deferred.StaleClaims;
import io.contacthub.deferred.WorkQueue;
import java.time.Clock;
import java.time.Duration;
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
 * transaction (the hub's claim-and-retry protocol, {@link WorkQueue}), then the HTTP call runs through the system's Camel route
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
    static final WorkQueue.Table TABLE = new WorkQueue.Table("handoff", "system", "coalesce(replayed_at, created_at)");
    /** Longer than any call can take (camel.component.http.response-timeout, 15 s, plus the connect timeout). */
    private static final Duration SENDING_STALE_AFTER = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final WorkQueue queue;
    private final BackOfficeClient client;
    private final BackOfficeSettings settings;
    private final Map<String, HandoffType> types;
    private final ObjectMapper json;

    @Autowired
    HandoffDispatcher(JdbcClient jdbc, PlatformTransactionManager transactions, BackOfficeClient client,
                      BackOfficeSettings settings, List<HandoffType> types, ObjectMapper json) {
        this(jdbc, transactions, client, settings, types, json, Clock.systemUTC());
    }

    HandoffDispatcher(JdbcClient jdbc, PlatformTransactionManager transactions, BackOfficeClient client,
                      BackOfficeSettings settings, List<HandoffType> types, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.queue = new WorkQueue(TABLE, StaleClaims.sendAgain(SENDING_STALE_AFTER,
                "the hub stopped during this call; sending again with the same idempotency key"), jdbc, transactions, clock);
        this.client = client;
        this.settings = settings;
        this.types = types.stream().collect(Collectors.toMap(t -> t.system() + "/" + t.operation(), Function.identity()));
        this.json = json;
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
        requeueStaleSending(system);
        if (!settings.peer(system).configured()) {
            return 0;
        }
        int done = 0;
        for (int i = 0; i < settings.batchSize(); i++) {
            Optional<WorkQueue.Claim<Handoff>> claimed = queue.claimNext(system, this::load);
            if (claimed.isEmpty()) {
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

    /** In the claim transaction, the row locked. */
    private Handoff load(long id) {
        return jdbc.sql("select " + Handoffs.COLUMNS + " from handoff h left join ticket t on t.id = h.ticket_id where h.id = ?")
                .param(id).query((rs, n) -> Handoffs.read(rs, json)).single();
    }

    /** One attempt: ENDED (DELIVERED, REJECTED or FAILED), or waiting for a retry. */
    private Attempt deliver(WorkQueue.Claim<Handoff> claim) {
        Handoff h = claim.item();
        HandoffType type = types.get(h.system() + "/" + h.operation());
        if (type == null) {
            return end(h, null, "FAILED", null, null, "no handler for " + h.system() + "/" + h.operation() + " in this hub");
        }
        BackOfficeClient.Response response = client.call(h.system(), type.request(h), h.idempotencyKey());
        if (!response.answered()) {
            retry(type, claim, null, null, response.error());
            return response.circuitOpen() ? Attempt.PEER_DOWN : Attempt.RETRY;
        }
        int status = response.status();
        String body = response.body();
        if (status == 429 || status == 408) {
            return retry(type, claim, status, body, "HTTP " + status + " from the " + h.system().toLowerCase() + " system");
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
                outcome.delivered() ? "DELIVERED" : "REJECTED", claim.attempt(),
                outcome.delivered() ? (outcome.externalRef() == null ? "" : ", ref " + outcome.externalRef()) : ": " + outcome.reason());
        return Attempt.ENDED;
    }

    /** A transient failure: wait and try again, or end FAILED when the hand-off has waited long enough. */
    private Attempt retry(HandoffType type, WorkQueue.Claim<Handoff> claim, Integer status, String body, String reason) {
        Handoff h = claim.item();
        RetryPolicy policy = settings.retryPolicy().withMaxAttempts(type.maxAttempts());
        RetryPolicy.Decision next = queue.afterFailure(claim, reason, true, policy, decision -> {
            jdbc.sql("update handoff set response_status = ? where id = ?").params(status, h.id()).update();
            if (!decision.retries()) {
                if (body != null) {
                    jdbc.sql("update handoff set response = ? where id = ?").params(truncated(body), h.id()).update();
                }
                type.gaveUp(h, reason + " (" + decision.gaveUp() + ")");
            }
        });
        if (next.retries()) {
            log.warn("hand-off {} ({} for {}): attempt {} failed, retrying in {}: {}", h.id(), h.system(), h.ticketRef(),
                    claim.attempt(), next.delay(), reason);
        } else {
            log.error("hand-off {} ({} {} for {}) FAILED: {} ({})", h.id(), h.system(), h.operation(), h.ticketRef(), reason,
                    next.gaveUp());
        }
        return next.retries() ? Attempt.RETRY : Attempt.ENDED;
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
                .param("body", truncated(body))
                .param("ref", externalRef).param("error", error).param("id", h.id()).update();
    }

    private static String truncated(String body) {
        return body == null ? null : body.length() > 8000 ? body.substring(0, 8000) : body;
    }

    /** A hub that stopped mid-call left the row SENDING: deliver it again (the peer sees the same key). */
    private void requeueStaleSending(String system) {
        int n = queue.recoverStaleClaims(system);
        if (n > 0) {
            log.warn("{} {} hand-off(s) were in flight when the hub stopped; queued again", n, system);
        }
    }
}
