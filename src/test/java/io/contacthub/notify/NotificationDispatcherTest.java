package io.contacthub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.TestMailServer;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The dispatcher's state machine against the hub's real database and real SMTP servers: an SMTP
 * outage longer than the old 4½-minute limit loses nothing and sends nothing twice, FAILED only at
 * the horizon (or after max-attempts when it is set), the claim skipping SENT and locked rows, and
 * no second send after a restart. These dispatchers send only rows of their own test channel, so the hub's
 * own dispatcher and these never touch each other's rows; their clock is in 2100.
 */
class NotificationDispatcherTest extends HubIntegrationTest {

    private static final String CHANNEL = "TEST-EMAIL";
    /** hub.notify.max-attempts before the horizon replaced it: 8 attempts, the last about 4½ min after the first. */
    private static final int OLD_MAX_ATTEMPTS = 8;
    private static final Instant T0 = Instant.parse("2100-01-01T00:00:00Z");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    io.contacthub.customer.SmsOptOuts optOuts;

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void notificationsQueuedWhileSmtpIsDownForTenMinutesAreEachSentExactlyOnceWhenItIsBack() throws Exception {
        String channel = "TEST-OUTAGE";
        int port = freePort();
        // The shipped retry settings: 5 min cap, 24 h horizon, no limit by count.
        NotificationDispatcher dispatcher = dispatcher("smtp://localhost:" + port + "?starttls=false", null, null);
        Map<String, Long> queued = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            String recipient = "outage" + i + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            queued.put(recipient, insert(channel, "QUEUED", T0, recipient));
        }

        // Ten minutes with nothing listening on the SMTP port, the dispatcher polling every second.
        Instant t = T0;
        for (; !t.isAfter(T0.plusSeconds(600)); t = t.plusSeconds(1)) {
            clock.set(t);
            dispatcher.dispatchDue(channel);
        }
        for (long id : queued.values()) {
            Row row = row(id);
            assertThat(row.status()).as("still queued after a 10-minute outage").isEqualTo("QUEUED");
            assertThat(row.attempts()).as("tried more often than the old limit, which would have FAILED it by 4½ min")
                    .isGreaterThan(OLD_MAX_ATTEMPTS);
            assertThat(row.lastError()).contains("localhost");
        }

        GreenMail smtp = new GreenMail(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            Instant back = t;
            for (; t.isBefore(back.plus(Duration.ofMinutes(10))) && !allSent(queued.values()); t = t.plusSeconds(1)) {
                clock.set(t);
                dispatcher.dispatchDue(channel);
            }
            assertThat(Duration.between(back, t)).as("sent within one back-off cap of SMTP coming back")
                    .isLessThanOrEqualTo(Duration.ofMinutes(5).plusSeconds(1));
            // An hour more of polling changes nothing: a SENT row is never sent again.
            for (Instant later = t; later.isBefore(t.plus(Duration.ofHours(1))); later = later.plusSeconds(30)) {
                clock.set(later);
                dispatcher.dispatchDue(channel);
            }
            for (Map.Entry<String, Long> n : queued.entrySet()) {
                assertThat(row(n.getValue()).status()).isEqualTo("SENT");
                assertThat(received(smtp, n.getKey())).as("mails to " + n.getKey()).isEqualTo(1);
            }
            assertThat(smtp.getReceivedMessages()).hasSize(queued.size());
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aNotificationTheProviderStillRefusesAfterTheHorizonIsFailedWithTheReason() {
        String channel = "TEST-HORIZON";
        NotificationDispatcher dispatcher = dispatcher("smtp://localhost:" + freePort() + "?starttls=false", null, null);
        long id = insert(channel, "QUEUED", T0, "horizon." + UUID.randomUUID().toString().substring(0, 8) + "@example.com");

        Instant lastQueued = T0;
        for (int polls = 0; polls < 2_000 && row(id).status().equals("QUEUED"); polls++) {
            Instant due = row(id).nextAttemptAt();
            lastQueued = due;
            clock.set(due);
            dispatcher.dispatchDue(channel);
        }

        Row row = row(id);
        assertThat(row.status()).isEqualTo("FAILED");
        assertThat(lastQueued).as("the attempt that gave up came at or after 24 h").isAfterOrEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(row.attempts()).as("about one attempt per 5 min for a day").isBetween(250, 320);
        assertThat(row.lastError()).contains("localhost").contains("gave up after 24h");
    }

    @Test
    void aFailingSendIsRetriedWithBackOffAndEndsFailedAfterMaxAttemptsWhenThatIsSet() {
        NotificationDispatcher dispatcher = dispatcher("smtp://localhost:1", 3, null);
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
        assertThat(row.lastError()).contains("gave up after 3 attempts");

        clock.set(T0.plus(Duration.ofDays(1)));
        dispatcher.dispatchDue(CHANNEL);
        assertThat(row(id).attempts()).as("FAILED rows are not claimed again").isEqualTo(3);
    }

    @Test
    void theClaimSkipsSentRowsAndRowsAnotherDispatcherHolds() throws Exception {
        NotificationDispatcher dispatcher = dispatcher("smtp://localhost:1", null, null);
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

        assertThat(dispatcher(smtp, null, null).dispatchDue(CHANNEL)).isEqualTo(1);
        assertThat(row(id).status()).isEqualTo("SENT");
        assertThat(NotificationEmailTest.mailTo(recipient)).hasSize(1);

        // A new dispatcher, as after a restart: the row is SENT, nothing goes out twice.
        assertThat(dispatcher(smtp, null, null).dispatchDue(CHANNEL)).isZero();
        assertThat(NotificationEmailTest.mailTo(recipient)).hasSize(1);
    }

    /** Null settings take the shipped defaults. */
    private NotificationDispatcher dispatcher(String smtpUrl, Integer maxAttempts, Duration giveUpAfter) {
        NotifySettings settings = new NotifySettings(smtpUrl, "support@localhost", "Contact Hub", List.of(),
                Duration.ofSeconds(1), 10, maxAttempts, Duration.ofMinutes(2), Duration.ofMinutes(5),
                giveUpAfter == null ? Duration.ofHours(24) : giveUpAfter);
        List<ChannelSender> senders = new ArrayList<>();
        for (String channel : List.of(CHANNEL, "TEST-OUTAGE", "TEST-HORIZON")) {
            senders.add(new SmtpSender(smtpUrl, "support@localhost", "Contact Hub", channel));
        }
        return new NotificationDispatcher(jdbc, transactions, settings, senders,
                new ProviderRateLimits(new ProviderRateLimits.Settings(null)), optOuts, clock);
    }

    private boolean allSent(Collection<Long> ids) {
        return ids.stream().allMatch(id -> row(id).status().equals("SENT"));
    }

    private static long received(GreenMail smtp, String recipient) throws Exception {
        long n = 0;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            for (Address to : m.getAllRecipients()) {
                if (to instanceof InternetAddress a && a.getAddress().equalsIgnoreCase(recipient)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** A port nothing listens on (until the test starts a server there). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long insert(String status, Instant due) {
        return insert(CHANNEL, status, due, "retry." + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    }

    private long insert(String status, Instant due, String recipient) {
        return insert(CHANNEL, status, due, recipient);
    }

    /** Queued at {@code due} by the test's clock, which the horizon counts from. */
    private long insert(String channel, String status, Instant due, String recipient) {
        return jdbc.sql("""
                        insert into notification (channel, recipient, template, language, subject, body, rfc_message_id,
                                                  status, next_attempt_at, created_at, idempotency_key)
                        values (:channel, :recipient, 'reply', 'en', 'test', 'test body', :rfcId, :status, :due, :due, :key)
                        returning id""")
                .param("channel", channel)
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
