package io.contacthub.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.deferred.StaleClaims;
import io.contacthub.deferred.WorkQueue;
import io.contacthub.testsupport.HubIntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff cancelling a notification while the dispatcher takes it: one of the two wins, never both. The rows are on a
 * channel of this test's own, which the hub's dispatcher never polls; the claim is the dispatcher's own protocol
 * ({@link WorkQueue} over the notification table).
 */
class NotificationActionsTest extends HubIntegrationTest {

    @Autowired
    NotificationActions actions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aCancelWaitingOnTheDispatchersClaimFindsItBeingSentAndChangesNothing() throws Exception {
        String channel = "TEST-RACE-" + UUID.randomUUID().toString().substring(0, 6);
        long ticket = ticket();
        long id = queued(ticket, channel);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The dispatcher's step 1, held open between marking the row SENDING and committing.
        WorkQueue queue = new WorkQueue(NotificationDispatcher.TABLE, StaleClaims.markUncertain(Duration.ofMinutes(2), "stale"),
                jdbc, transactions, Clock.systemUTC());
        CompletableFuture<Boolean> claim = CompletableFuture.supplyAsync(() -> queue.claimNext(channel, row -> {
            claimed.countDown();
            await(release);
            return "taken";
        }).map(WorkQueue.Claim::taken).orElse(false));
        assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<String> cancel = CompletableFuture.supplyAsync(() -> {
            try {
                actions.cancel(ticket, id, "admin");
                return "cancelled";
            } catch (NotificationActions.ActionRefused e) {
                return e.key();
            }
        });
        // The cancel's UPDATE waits on the claim's row lock.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                        select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%CANCELLED%'""")
                .query(Long.class).single() > 0);
        release.countDown();

        assertThat(claim.get(30, TimeUnit.SECONDS)).as("the dispatcher took it").isTrue();
        assertThat(cancel.get(30, TimeUnit.SECONDS)).as("so the cancel is refused").isEqualTo("notQueued");
        assertThat(status(id)).isEqualTo("SENDING");
        assertThat(events(ticket)).isZero();
    }

    @Test
    void aNotificationCancelledFirstIsNeverClaimedAndCannotBeCancelledOrResentAgain() {
        String channel = "TEST-RACE-" + UUID.randomUUID().toString().substring(0, 6);
        long ticket = ticket();
        long id = queued(ticket, channel);

        actions.cancel(ticket, id, "admin");

        WorkQueue queue = new WorkQueue(NotificationDispatcher.TABLE, StaleClaims.markUncertain(Duration.ofMinutes(2), "stale"),
                jdbc, transactions, Clock.systemUTC());
        assertThat(queue.claimNext(channel, row -> "taken")).as("nothing due on the channel").isEmpty();
        assertThat(status(id)).isEqualTo("CANCELLED");
        assertThat(events(ticket)).isEqualTo(1);
        assertThatThrownBy(() -> actions.cancel(ticket, id, "admin")).isInstanceOf(NotificationActions.ActionRefused.class)
                .extracting(e -> ((NotificationActions.ActionRefused) e).key()).isEqualTo("notQueued");
        assertThatThrownBy(() -> actions.resend(ticket, id, "admin")).isInstanceOf(NotificationActions.ActionRefused.class)
                .extracting(e -> ((NotificationActions.ActionRefused) e).key()).isEqualTo("notFailed");
        assertThatThrownBy(() -> actions.cancel(ticket(), id, "admin")).as("another ticket's notification")
                .isInstanceOf(NotificationActions.ActionRefused.class)
                .extracting(e -> ((NotificationActions.ActionRefused) e).key()).isEqualTo("notFound");
        assertThat(events(ticket)).as("refusals leave no trace").isEqualTo(1);
    }

    private long ticket() {
        try {
            String body = json.writeValueAsString(Map.of("email", "race-" + UUID.randomUUID().toString().substring(0, 8)
                    + "@example.com", "subject", "race", "body", "a question"));
            String ref = readJson(postMessage(body, null).getBody()).path("ticket").asText();
            return jdbc.sql("select id from ticket where ref = ?").param(ref).query(Long.class).single();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private long queued(long ticket, String channel) {
        return new TransactionTemplate(transactions).execute(tx -> jdbc.sql("""
                        insert into notification (ticket_id, channel, recipient, template, language, subject, body,
                                                  rfc_message_id, status, idempotency_key)
                        values (?, ?, 'race@example.com', 'reply', 'en', 'test', 'test body', ?, 'QUEUED', ?)
                        returning id""")
                .params(ticket, channel, Outbox.newMessageId(), "test:" + UUID.randomUUID())
                .query(Long.class).single());
    }

    private String status(long id) {
        return jdbc.sql("select status from notification where id = ?").param(id).query(String.class).single();
    }

    private long events(long ticket) {
        return jdbc.sql("select count(*) from ticket_event where ticket_id = ? and kind like 'NOTIFICATION%'").param(ticket)
                .query(Long.class).single();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
