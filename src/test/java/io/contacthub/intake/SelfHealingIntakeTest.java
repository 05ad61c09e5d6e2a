package io.contacthub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.contacthub.ContactHubApplication;
import io.contacthub.testsupport.NoDelaySockets;
import io.contacthub.testsupport.MailFixtures;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Intake heals itself without a restart: every attempt is counted before it starts, a poison
 * message (its parse throws an Error, or never returns) is FAILED after three attempts and left
 * alone, a message stuck RECEIVED is picked up by the sweeper, a redelivery of a RECEIVED message
 * processes it, and megabytes of letters do not hold up the mail behind them.
 *
 * <p>A hub of its own (real embedded PostgreSQL, its own GreenMail mailbox, two test-only channels
 * whose parsers misbehave), with a short {@code hub.intake.stuck-after} so retries come in seconds,
 * and an attempt timeout short enough for the hung parser, long enough for a 5 MB mail on a busy machine.
 */
class SelfHealingIntakeTest {

    private static final String ADMIN_PASSWORD = "self-healing-hub-2026";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Channel whose parser throws StackOverflowError, as a parser recursing on a crafted message would. */
    private static final String ERROR_CHANNEL = "TESTERROR";
    /** Channel whose parser does not come back until released, as one stuck on a hung peer would. */
    private static final String HANG_CHANNEL = "TESTHANG";

    /** How often each message was parsed (attempts that got as far as the parser). */
    private static final Map<Long, AtomicInteger> parses = new ConcurrentHashMap<>();
    private static final CountDownLatch releaseHungParsers = new CountDownLatch(1);

    private static GreenMail mailServer;
    private static ConfigurableApplicationContext hub;
    private static JdbcClient jdbc;

    @BeforeAll
    static void startHub() {
        mailServer = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[]{ServerSetupTest.IMAP}));
        mailServer.start();
        NoDelaySockets.apply(mailServer);
        mailServer.setUser("intake@localhost", "intake", "mail-secret");
        Path dataDir = Path.of("target", "test-data", "self-healing-" + UUID.randomUUID());
        hub = new SpringApplicationBuilder(ContactHubApplication.class)
                .initializers(context -> {
                    GenericApplicationContext generic = (GenericApplicationContext) context;
                    generic.registerBean("errorParser", MessageParser.class, () -> parser(ERROR_CHANNEL, () -> {
                        throw new StackOverflowError("parser recursed too deep");
                    }));
                    generic.registerBean("hangParser", MessageParser.class, () -> parser(HANG_CHANNEL, () -> {
                        try {
                            releaseHungParsers.await(2, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new IllegalStateException("released at the end of the test");
                    }));
                })
                // Command-line arguments outrank application.yml, as they would for an operator.
                .run("--hub.data-dir=" + dataDir, "--server.port=0", "--hub.admin-password=" + ADMIN_PASSWORD,
                        "--hub.mail.url=imap://intake:mail-secret@localhost:" + mailServer.getImap().getPort() + "/INBOX",
                        "--hub.mail.poll-delay=300ms",
                        "--hub.intake.max-message-bytes=" + 8 * 1024 * 1024,
                        "--hub.intake.max-attempts=3",
                        "--hub.intake.stuck-after=1s",
                        "--hub.intake.sweep-every=200ms",
                        "--hub.intake.attempt-timeout=5s");
        jdbc = hub.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stopHub() {
        releaseHungParsers.countDown();
        if (hub != null) {
            hub.close();
        }
        if (mailServer != null) {
            mailServer.stop();
        }
    }

    @Test
    void aMessageWhoseParseThrowsAnErrorIsFailedAfterThreeAttemptsAndNeverQueuedAgain() {
        long id = receive(ERROR_CHANNEL, "error-" + UUID.randomUUID());

        await().atMost(WAIT).until(() -> status(id).equals("FAILED"));
        Row row = row(id);
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(row.reason()).isEqualTo("gave up after 3 attempts: processing error: StackOverflowError: parser recursed too deep");
        assertThat(parses(id)).isEqualTo(3);

        // Many sweeps later it is still FAILED, with three attempts and three parses: the sweeper leaves it.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> row(id).equals(row) && parses(id) == 3);
    }

    @Test
    void replayingAMessageThatWasGivenUpGivesItThreeAttemptsAgain() throws Exception {
        long id = receive(ERROR_CHANNEL, "replayed-" + UUID.randomUUID());
        await().atMost(WAIT).until(() -> status(id).equals("FAILED"));
        assertThat(parses(id)).isEqualTo(3);

        HttpResponse<String> replay = staffPost("/api/messages/" + id + "/replay");
        assertThat(replay.statusCode()).isEqualTo(202);

        // The cause is still there: three fresh attempts, then FAILED again; the count staff see keeps growing.
        await().atMost(WAIT).until(() -> row(id).attempts() == 6 && status(id).equals("FAILED"));
        assertThat(row(id).reason()).startsWith("gave up after 3 attempts: processing error: StackOverflowError");
        assertThat(parses(id)).isEqualTo(6);
    }

    @Test
    void anAttemptThatNeverReturnsTimesOutAndAfterThreeTheMessageIsFailed() {
        long id = receive(HANG_CHANNEL, "hang-" + UUID.randomUUID());

        await().atMost(WAIT).until(() -> status(id).equals("FAILED"));
        Row row = row(id);
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(row.reason()).isEqualTo("gave up after 3 attempts: attempt 3 did not finish (the hub stopped, or it ran"
                                           + " longer than hub.intake.attempt-timeout)");
        assertThat(parses(id)).isEqualTo(3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> parses(id) == 3);

        // The hung attempts finally fail: being overtaken, they change nothing.
        releaseHungParsers.countDown();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> row(id).equals(row));
    }

    @Test
    void aMessageStuckReceivedIsPickedUpByTheSweeperWithoutARestart() {
        // As an escaped error or a lost hand-over leaves it: committed an hour ago, never queued again.
        String key = "key:stuck-" + UUID.randomUUID();
        byte[] json = """
                {"email": "stuck@example.com", "subject": "Still there?", "body": "Where is order SO2026001199?"}"""
                .getBytes(StandardCharsets.UTF_8);
        long id = jdbc.sql("""
                        insert into inbound_message (channel, external_id, source, sender, content_type, raw, raw_size, received_at)
                        values ('WEB', ?, 'test', 'stuck@example.com', 'application/json', ?, ?, now() - interval '1 hour')
                        returning id""")
                .params(key, json, json.length).query(Long.class).single();

        await().atMost(WAIT).until(() -> status(id).equals("PROCESSED"));
        assertThat(row(id).attempts()).isEqualTo(1);
        assertThat(ticketOf(id)).isPresent();
    }

    @Test
    void aStuckMessageWhoseAttemptsAreUsedUpIsFailedInsteadOfQueued() {
        // Three attempts were started and the last one never came back (the hub was killed during it).
        String key = "key:used-up-" + UUID.randomUUID();
        byte[] json = """
                {"email": "used-up@example.com", "subject": "Again", "body": "hello"}""".getBytes(StandardCharsets.UTF_8);
        long id = jdbc.sql("""
                        insert into inbound_message (channel, external_id, source, sender, content_type, raw, raw_size,
                                                     received_at, attempts, attempt_started_at, alive_at)
                        values ('WEB', ?, 'test', 'used-up@example.com', 'application/json', ?, ?,
                                now() - interval '1 hour', 3, now() - interval '50 minutes', now() - interval '50 minutes')
                        returning id""")
                .params(key, json, json.length).query(Long.class).single();

        await().atMost(WAIT).until(() -> status(id).equals("FAILED"));
        assertThat(row(id).attempts()).isEqualTo(3);
        assertThat(row(id).reason()).isEqualTo("gave up after 3 attempts: attempt 3 did not finish (the hub stopped, or it"
                                               + " ran longer than hub.intake.attempt-timeout)");
        assertThat(ticketOf(id)).isEmpty();
    }

    @Test
    void aRedeliveryOfAMessageStillReceivedProcessesIt() {
        InboundMessage web = new InboundMessage("WEB", "key:redelivered-" + UUID.randomUUID(), "test", "again@example.com",
                "application/json", """
                {"email": "again@example.com", "subject": "Second try", "body": "Did you get my order SO2026001177?"}"""
                .getBytes(StandardCharsets.UTF_8));
        // Committed, but the hand-over to processing was lost (the source got no answer and sends again).
        long id = hub.getBean(ReceiveStage.class).receive(web).messageId();

        Object answer = hub.getBean(ProducerTemplate.class).requestBody("direct:web-in", web);

        // Processed by the redelivery itself (inline, as the web form is), not by a later sweep.
        assertThat(answer).isInstanceOf(Optional.class);
        assertThat(((Optional<?>) answer).map(o -> ((Outcome) o).status())).contains(MessageStatus.PROCESSED);
        assertThat(status(id)).isEqualTo("PROCESSED");
        assertThat(row(id).attempts()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from inbound_message where external_id = ?").param(web.externalId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void sixFiveMegabyteMailsOfLettersDoNotDelayAnOrdinaryMailBehindThem() {
        String letters = "abcdefghijklmnopqrstuvwxyz".repeat(5 * 1024 * 1024 / 26);
        long started = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            deliver(MailFixtures.mail().from("flood" + i + "@example.net").to("intake@localhost").subject("Flood " + i)
                    .text("Order SO20260000" + (10 + i) + " please\n" + letters).build());
        }
        MailFixtures ordinary = MailFixtures.mail().from("ordinary@example.com").to("intake@localhost")
                .subject("Where is my parcel?").text("Hello, where is my parcel? Waybill SF1234567890123. Thanks!");
        deliver(ordinary.build());

        long id = await().atMost(WAIT).until(() -> messageId("EMAIL", ordinary.messageId()),
                m -> m != null && status(m).equals("PROCESSED"));
        System.out.printf("ordinary mail behind six 5 MB mails of letters had its ticket %d ms after delivery%n",
                (System.nanoTime() - started) / 1_000_000);
        assertThat(ticketOf(id)).isPresent();

        // The six floods are contacts too, understood from their first 100,000 characters, their text kept whole.
        await().atMost(WAIT).until(() -> jdbc.sql("""
                select count(*) from inbound_message where channel = 'EMAIL' and sender like 'flood%@example.net' and status = 'PROCESSED'""")
                .query(Long.class).single() == 6);
        for (Map<String, Object> flood : jdbc.sql("""
                        select c.entities::text as entities, length(c.body) as chars from contact_record c
                        join inbound_message m on m.id = c.message_id where m.sender like 'flood%@example.net'""")
                .query().listOfRows()) {
            JsonNode entities = readJson((String) flood.get("entities"));
            assertThat(entities.path("scanTruncated").asBoolean()).isTrue();
            assertThat(entities.path("scannedChars").asInt()).isEqualTo(100_000);
            assertThat(entities.path("orderNumbers").toString()).startsWith("[\"SO20260000");
            assertThat(((Number) flood.get("chars")).intValue()).isGreaterThan(5_000_000);
        }
    }

    private static long receive(String channel, String externalId) {
        InboundMessage message = new InboundMessage(channel, externalId, "test", "someone@example.com", "text/plain",
                "anything".getBytes(StandardCharsets.UTF_8));
        hub.getBean(ProducerTemplate.class).sendBody("direct:receive", message);
        return jdbc.sql("select id from inbound_message where channel = ? and external_id = ?").params(channel, externalId)
                .query(Long.class).single();
    }

    private static String status(long id) {
        return jdbc.sql("select status from inbound_message where id = ?").param(id).query(String.class).single();
    }

    private static Row row(long id) {
        return jdbc.sql("select status, attempts, reason from inbound_message where id = ?").param(id)
                .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3))).single();
    }

    private static Optional<String> ticketOf(long messageId) {
        return jdbc.sql("select t.ref from contact_record c join ticket t on t.id = c.ticket_id where c.message_id = ?")
                .param(messageId).query(String.class).optional();
    }

    private static Long messageId(String channel, String externalIdPrefix) {
        return jdbc.sql("select id from inbound_message where channel = ? and starts_with(external_id, ?)")
                .params(channel, externalIdPrefix).query(Long.class).optional().orElse(null);
    }

    private static void deliver(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            mailServer.getUserManager().getUser("intake").deliver(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> staffPost(String path) throws Exception {
        String port = hub.getEnvironment().getProperty("local.server.port");
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode readJson(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static int parses(long messageId) {
        AtomicInteger count = parses.get(messageId);
        return count == null ? 0 : count.get();
    }

    private static MessageParser parser(String channel, Runnable parse) {
        return new MessageParser() {
            @Override
            public String channel() {
                return channel;
            }

            @Override
            public ParsedContent parse(StoredMessage message) {
                parses.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet();
                parse.run();
                throw new AssertionError("unreachable");
            }
        };
    }

    private record Row(String status, int attempts, String reason) {
    }
}
