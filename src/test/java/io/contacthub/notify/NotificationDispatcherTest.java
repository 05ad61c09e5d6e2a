package io.contacthub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.TestMailServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatcher's state machine against the hub's real database: back-off and FAILED after the
 * last attempt (SMTP on a closed port), the claim skipping SENT and locked rows, and no second
 * send after a restart. These dispatchers send only rows of their own test channel, so the hub's
 * own dispatcher and these never touch each other's rows; their clock is in 2100.
 */
class NotificationDispatcherTest extends HubIntegrationTest {

    private static final String CHANNEL = "TEST-EMAIL";
    private static final Instant T0 = Instant.parse("2100-01-01T00:00:00Z");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    io.contacthub.customer.SmsOptOuts optOuts;

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void backOffDoublesUpToOneHour() {
        assertThat(NotificationDispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(NotificationDispatcher.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(NotificationDispatcher.backoff(7)).isEqualTo(Duration.ofSeconds(128));
        assertThat(NotificationDispatcher.backoff(11)).isEqualTo(Duration.ofSeconds(2048));
        assertThat(NotificationDispatcher.backoff(12)).isEqualTo(Duration.ofHours(1));
        assertThat(NotificationDispatcher.backoff(40)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aFailingSendIsRetriedWithBackOffAndEndsFailedAfterMaxAttempts() {
        NotificationDispatcher dispatcher = dispatcher("smtp://localhost:1", 3);
        long id = insert("QUEUED", T0);

        assertThat(dispatcher.dispatchDue(CHANNEL)).isZero();
        Row row = row(id);
        assertThat(row.status()).isEqualTo("QUEUED");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.nextAttemptAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(row.lastError()).contains("localhost");

        dispatcher.dispatchDue(CHANNEL); // not due yet
        assertThat(row(id).attempts()).isEqualTo(1);

        clock.set(T0.plusSeconds(2));
        dispatcher.dispatchDue(CHANNEL);
        assertThat(row(id).attempts()).isEqualTo(2);
        assertThat(row(id).nextAttemptAt()).isEqualTo(T0.plusSeconds(2 + 4));

        clock.set(T0.plusSeconds(6));
        dispatcher.dispatchDue(CHANNEL);
        row = row(id);
        assertThat(row.status()).isEqualTo("FAILED");
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(row.lastError()).isNotBlank();

        clock.set(T0.plus(Duration.ofDays(1)));
        dispatcher.dispatchDue(CHANNEL);
        assertThat(row(id).attempts()).as("FAILED rows are not claimed again").isEqualTo(3);
    }

    @Test
    void theClaimSkipsSentRowsAndRowsAnotherDispatcherHolds() throws Exception {
        NotificationDispatcher dispatcher = dispatcher("smtp://localhost:1", 8);
        long sent = insert("SENT", T0);
        long held = insert("QUEUED", T0);

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = executor.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
                jdbc.sql("select id from notification where id = ? for update").param(held).query(Long.class).single();
                locked.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            dispatcher.dispatchDue(CHANNEL);
            assertThat(row(held).attempts()).as("a row locked by another dispatcher is skipped").isZero();
            release.countDown();
            holder.get(20, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
        dispatcher.dispatchDue(CHANNEL);
        assertThat(row(held).attempts()).isEqualTo(1);
        assertThat(row(sent).attempts()).as("a SENT row is never claimed").isZero();
        assertThat(row(sent).status()).isEqualTo("SENT");
    }

    @Test
    void aSentNotificationIsNotSentAgainAfterARestart() {
        String recipient = "restart." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        long id = insert("QUEUED", T0, recipient);
        String smtp = TestMailServer.smtpUrl();

        assertThat(dispatcher(smtp, 8).dispatchDue(CHANNEL)).isEqualTo(1);
        assertThat(row(id).status()).isEqualTo("SENT");
        assertThat(NotificationEmailTest.mailTo(recipient)).hasSize(1);

        // A new dispatcher, as after a restart: the row is SENT, nothing goes out twice.
        assertThat(dispatcher(smtp, 8).dispatchDue(CHANNEL)).isZero();
        assertThat(NotificationEmailTest.mailTo(recipient)).hasSize(1);
    }

    private NotificationDispatcher dispatcher(String smtpUrl, int maxAttempts) {
        NotifySettings settings = new NotifySettings(smtpUrl, "support@localhost", "Contact Hub", List.of(),
                Duration.ofSeconds(1), 10, maxAttempts, Duration.ofMinutes(2));
        return new NotificationDispatcher(jdbc, transactions, settings,
                List.of(new SmtpSender(smtpUrl, "support@localhost", "Contact Hub", CHANNEL)),
                new ProviderRateLimits(new ProviderRateLimits.Settings(null)), optOuts, clock);
    }

    private long insert(String status, Instant due) {
        return insert(status, due, "retry." + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    }

    private long insert(String status, Instant due, String recipient) {
        return jdbc.sql("""
                        insert into notification (channel, recipient, template, language, subject, body, rfc_message_id,
                                                  status, next_attempt_at, idempotency_key)
                        values (:channel, :recipient, 'reply', 'en', 'test', 'test body', :rfcId, :status, :due, :key)
                        returning id""")
                .param("channel", CHANNEL)
                .param("recipient", recipient)
                .param("rfcId", Outbox.newMessageId())
                .param("status", status)
                .param("due", due.atOffset(ZoneOffset.UTC))
                .param("key", "test:" + UUID.randomUUID())
                .query(Long.class).single();
    }

    private Row row(long id) {
        return jdbc.sql("select status, attempts, next_attempt_at, last_error from notification where id = ?").param(id)
                .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)))
                .single();
    }

    record Row(String status, int attempts, Instant nextAttemptAt, String lastError) {
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
