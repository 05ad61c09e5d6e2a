package io.contacthub.cluster;

import static io.contacthub.testsupport.MailFixtures.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contacthub.testsupport.CountingProxy;
import io.contacthub.testsupport.FaxFixtures;
import io.contacthub.testsupport.HubJvm;
import io.contacthub.testsupport.HubProcess;
import io.contacthub.testsupport.MailboxFeeder;
import io.contacthub.testsupport.RawHttp;
import io.contacthub.testsupport.StaffConsole;
import io.contacthub.testsupport.TestMailServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Cluster mode as issue 18 describes it, with the real parts: one embedded PostgreSQL, a real Kafka broker (KRaft,
 * in this JVM), GreenMail, and three hubs in JVMs of their own — two intake/processing nodes and one OCR-only node.
 * A mailbox of threaded mail, web messages posted to both intake nodes and faxes in the shared spool go through
 * while the mailbox leader is killed (SIGKILL) and the broker is away for a while; afterwards every message is
 * there once, processed once, each thread on one ticket with at most one acknowledgement, and every fax was read
 * on the OCR node. Sizes: {@code -Dcluster.mails} (default 2000), {@code -Dcluster.web} (500),
 * {@code -Dcluster.brokerAway} (60s).
 */
class ClusterModeTest {

    private static final int MAILS = Integer.getInteger("cluster.mails", 2000);
    private static final int WEB = Integer.getInteger("cluster.web", 500);
    private static final Duration BROKER_AWAY = Duration.parse("PT" + System.getProperty("cluster.brokerAway", "60s"));
    private static final int PER_THREAD = 4;
    private static final int FAXES = 4;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<AutoCloseable> opened = new ArrayList<>();
    private volatile EmbeddedKafkaKraftBroker broker;

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                System.err.println("closing " + opened.get(i) + ": " + e);
            }
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void threeNodesLoseAndDuplicateNothingThroughALeaderKilledAndTheBrokerAwayAndFaxesGoToTheOcrNode() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        opened.add(postgres);
        JdbcClient db = JdbcClient.create((DataSource) postgres.getPostgresDatabase());
        broker = startBroker();
        // The nodes are told the broker is here; a broker started again after the outage listens elsewhere, and
        // the nodes find it again through the same address (Kafka clients bootstrap again when every broker they
        // knew is gone).
        CountingProxy bootstrap = new CountingProxy(port(broker));
        opened.add(bootstrap);
        int kafkaPort = bootstrap.port();
        String login = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        TestMailServer.shared().setUser(login + "@localhost", login, TestMailServer.PASSWORD);
        Path spool = Files.createDirectories(Path.of("target", "test-data", "cluster-spool-" + UUID.randomUUID()));

        List<String> threads = new ArrayList<>();
        List<byte[]> mails = new ArrayList<>();
        for (int t = 0; t < MAILS / PER_THREAD; t++) {
            String sender = "thread" + t + "@customers.example";
            String first = "<cluster-" + t + "-0@customers.example>";
            threads.add(sender);
            for (int i = 0; i < PER_THREAD; i++) {
                var m = mail().from(sender).to(login + "@localhost")
                        .subject((i == 0 ? "" : "Re: ") + "Order SO" + (100000 + t) + " not delivered")
                        .text("Message " + i + " of thread " + t + ": where is my parcel?");
                if (i == 0) {
                    m.messageId(first);
                } else {
                    m.messageId("<cluster-" + t + "-" + i + "@customers.example>").header("In-Reply-To", first)
                            .header("References", first);
                }
                mails.add(m.build());
            }
        }
        // Mail arrives in batches through the run; each batch leaves the mailbox once committed.
        MailboxFeeder feeder = new MailboxFeeder(login, db, mails, 100, Duration.ofMinutes(3));

        String imap = "imap://" + login + ":" + TestMailServer.PASSWORD + "@localhost:"
                + TestMailServer.shared().getImap().getPort() + "/INBOX";
        HubJvm a = node("node-a", "intake,processing,notify,console", postgres, kafkaPort, imap, spool);
        a.start().awaitReady(Duration.ofMinutes(3));
        HubJvm b = node("node-b", "intake,processing,notify,console", postgres, kafkaPort, imap, spool).start();
        HubJvm c = node("node-c", "ocr", postgres, kafkaPort, imap, spool).start();
        b.awaitReady(Duration.ofMinutes(3));
        c.awaitReady(Duration.ofMinutes(3));

        // An OCR-only node has no public or staff door, only health, however the path is spelled.
        assertThat(c.get("/portal/message").status()).isEqualTo(421);
        assertThat(c.get("/actuator/health").status()).isIn(200, 503);
        RawHttp raw = RawHttp.to(c.port()).basic("admin", HubProcess.ADMIN_PASSWORD);
        for (String odd : List.of("//console", "/console;jsessionid=1", "/%63onsole", "/actuator/../console",
                "/actuator/..;/console", "/actuator;x/../api/messages", "/./portal/message", "/actuatorx",
                "/actuator%2F..%2Fconsole", "/api/messages%2F1")) {
            RawHttp.Response answer = raw.get(odd);
            assertThat(answer.status()).as("GET " + odd + " on an OCR-only node").isIn(400, 421);
        }
        assertThat(raw.get("/%61ctuator/health").status()).as("health spelled oddly is still health").isIn(200, 503);

        feeder.start();
        for (int f = 0; f < FAXES; f++) {
            byte[] tiff = FaxFixtures.g4Tiff(List.of(FaxFixtures.finePage(FaxFixtures.ORDER_FORM_EN, 40 + f)), 204, 196);
            Path part = spool.resolve("8675309" + f + "_fax" + f + ".part");
            Files.write(part, tiff);
            Files.move(part, spool.resolve("8675309" + f + "_fax" + f + ".tif"));
        }

        // Web messages come in three waves: while the mailbox is read, while the broker is away, and after.
        WebClients web = new WebClients(List.of(a, b));
        int firstWave = WEB * 2 / 5;
        int outageWave = WEB * 2 / 5;
        Thread posting = web.postInBackground(0, firstWave, 20);

        if (MAILS > 0) {
            await().atMost(Duration.ofMinutes(4)).until(() -> count(db, "EMAIL") >= MAILS / 4);
            HubJvm leader = leader(db, a, b);
            HubJvm survivor = leader == a ? b : a;
            seenOnTheOtherNodesConsole(db, a, b);
            web.avoid(leader);
            long before = count(db, "EMAIL");
            leader.kill();
            Instant killed = Instant.now();
            if (before < MAILS) {
                await().atMost(Duration.ofSeconds(45)).until(() -> count(db, "EMAIL") > before);
                Duration takeover = Duration.between(killed, Instant.now());
                System.out.println("cluster test: " + survivor.name() + " polled the mailbox " + takeover.toMillis()
                        + " ms after " + leader.name() + " was killed (" + before + " mails in before)");
                assertThat(takeover).as("takeover after the leader died").isLessThan(Duration.ofSeconds(30));
            }
            opened.remove(leader);
        }

        // The broker goes away mid-run: intake goes on into the database and answers; processing resumes after.
        posting.join(Duration.ofMinutes(5).toMillis());
        long receivedBeforeOutage = total(db);
        broker.destroy();
        broker = null;
        Instant away = Instant.now();
        int answeredBefore = web.answered();
        posting = web.postInBackground(firstWave, firstWave + outageWave,
                Math.max(0, BROKER_AWAY.toMillis() * 3 / 4 / Math.max(1, outageWave) - 100));
        while (Duration.between(away, Instant.now()).compareTo(BROKER_AWAY) < 0) {
            Thread.sleep(1000);
        }
        long receivedDuringOutage = total(db) - receivedBeforeOutage;
        int answeredDuringOutage = web.answered() - answeredBefore;
        broker = startBroker();
        bootstrap.retarget(port(broker));
        System.out.println("cluster test: broker away " + BROKER_AWAY + ": " + receivedDuringOutage
                + " messages committed and " + answeredDuringOutage + " web posts answered meanwhile");
        if (MAILS > 0 || WEB > 0) {
            assertThat(receivedDuringOutage).as("messages committed while the broker was away").isPositive();
        }
        if (outageWave > 0) {
            assertThat(answeredDuringOutage).as("web posts answered while the broker was away").isPositive();
        }
        posting.join(Duration.ofMinutes(5).toMillis());
        posting = web.postInBackground(firstWave + outageWave, WEB, 20);
        posting.join(Duration.ofMinutes(5).toMillis());
        await().atMost(Duration.ofMinutes(4)).until(() -> feeder.failure() != null || count(db, "EMAIL") == MAILS);
        assertThat(feeder.failure()).as("feeding the mailbox").isNull();
        assertThat(web.refused()).as("web posts refused (status, body)").isEmpty();
        assertThat(web.answered()).isEqualTo(WEB);

        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2)).until(() ->
                count(db, "EMAIL") == MAILS && count(db, "WEB") == WEB && count(db, "FAX") == FAXES
                        && db.sql("select count(*) from inbound_message where status = 'RECEIVED'").query(Long.class).single() == 0);

        assertThat(statuses(db)).as("every message processed").containsOnlyKeys("PROCESSED");
        assertThat(db.sql("select count(*) from contact_record").query(Long.class).single())
                .as("one contact per message").isEqualTo((long) MAILS + WEB + FAXES);
        // One ticket per thread: every mail of a thread (one sender) on one ticket, a ticket per thread.
        Map<String, Long> ticketsPerThread = new ConcurrentHashMap<>();
        db.sql("""
                        select m.sender, count(distinct c.ticket_id) from inbound_message m join contact_record c on c.message_id = m.id
                        where m.channel = 'EMAIL' group by m.sender""")
                .query((rs, n) -> ticketsPerThread.put(rs.getString(1), rs.getLong(2))).list();
        assertThat(ticketsPerThread).hasSize(threads.size());
        assertThat(ticketsPerThread.values()).as("tickets per thread").allMatch(n -> n == 1L);
        assertThat(db.sql("select count(*) from (select ticket_id from notification where template = 'ack' group by ticket_id"
                + " having count(*) > 1) twice").query(Long.class).single()).as("tickets acknowledged twice").isZero();
        // Faxes are read on the OCR node, and nothing else is.
        assertThat(db.sql("select distinct attempted_by from inbound_message where channel = 'FAX'").query(String.class).list())
                .containsExactly("node-c");
        assertThat(db.sql("select count(*) from inbound_message where channel <> 'FAX' and attempted_by = 'node-c'")
                .query(Long.class).single()).isZero();
        assertThat(db.sql("select count(*) from contact_record c join inbound_message m on m.id = c.message_id"
                + " where m.channel = 'FAX' and c.body ilike '%order%'").query(Long.class).single())
                .as("faxes whose text was read").isEqualTo(FAXES);
    }

    private HubJvm node(String name, String roles, EmbeddedPostgres postgres, int kafkaPort, String imap, Path spool) {
        HubJvm node = new HubJvm(name)
                .set("hub.db.url", postgres.getJdbcUrl("postgres", "postgres"))
                .set("hub.db.user", "postgres")
                .set("hub.cluster.kafka-bootstrap-servers", "localhost:" + kafkaPort)
                .set("hub.cluster.roles", roles)
                .set("hub.cluster.node-id", name)
                .set("hub.cluster.leader-lease", "5s")
                .set("hub.intake.workers", "2")
                .set("hub.intake.stuck-after", "15s")
                .set("hub.intake.sweep-every", "3s")
                .set("hub.mail.poll-delay", "300ms")
                .set("hub.mail.fetch-size", "100")
                .set("hub.mail.mailboxes[0].name", "support")
                .set("hub.mail.mailboxes[0].url", imap)
                .set("hub.fax.spool-dir", spool.toString())
                .set("hub.web.rate-limit-per-minute", "100000")
                .set("hub.web.global-rate-limit-per-minute", "100000")
                .set("logging.level.org.apache.kafka", "WARN");
        opened.add(node);
        return node;
    }

    private static EmbeddedKafkaKraftBroker startBroker() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 12);
        kafka.brokerProperty("num.partitions", "12");
        kafka.brokerProperty("auto.create.topics.enable", "true");
        kafka.afterPropertiesSet();
        return kafka;
    }

    /** Where the broker really listens (its test kit's own bootstrap address). */
    private static int port(EmbeddedKafkaKraftBroker kafka) {
        String servers = kafka.getCluster().bootstrapServers();
        return Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1).split(",")[0]);
    }

    /** The node whose mailbox route polls: the one that took the lease. */
    private static HubJvm leader(JdbcClient db, HubJvm a, HubJvm b) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (HubJvm node : List.of(a, b)) {
                if (node.logged("leads the single pollers")) {
                    return node;
                }
            }
            return null;
        }, n -> n != null);
    }

    /**
     * Issue 18's item 5: a contact one node processed is in the queue an agent on the other node sees, through
     * the rows the queue page fetches every 3 s, with nothing but the shared database between the nodes.
     */
    private static void seenOnTheOtherNodesConsole(JdbcClient db, HubJvm a, HubJvm b) throws Exception {
        for (HubJvm processedOn : List.of(a, b)) {
            HubJvm agentOn = processedOn == a ? b : a;
            String ref = await().atMost(Duration.ofSeconds(60)).until(() -> db.sql("""
                            select t.ref from inbound_message m join contact_record c on c.message_id = m.id
                            join ticket t on t.id = c.ticket_id where m.attempted_by = ? order by m.id desc limit 1""")
                    .param(processedOn.name()).query(String.class).optional().orElse(null), r -> r != null);
            StaffConsole agent = StaffConsole.signedIn(agentOn.port(), "admin", HubProcess.ADMIN_PASSWORD);
            HttpResponse<String> rows = agent.get("/console/queue/rows?q=" + ref);
            assertThat(rows.statusCode()).isEqualTo(200);
            assertThat(rows.body()).as("the queue on " + agentOn.name() + " shows " + ref + " processed on " + processedOn.name())
                    .contains(ref);
        }
    }

    private static long count(JdbcClient db, String channel) {
        return db.sql("select count(*) from inbound_message where channel = ?").param(channel).query(Long.class).single();
    }

    private static long total(JdbcClient db) {
        return db.sql("select count(*) from inbound_message").query(Long.class).single();
    }

    private static Map<String, Long> statuses(JdbcClient db) {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        db.sql("select status, count(*) from inbound_message group by status")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    /** Customers posting web messages to whichever intake node answers, each post retried with its idempotency key. */
    private static final class WebClients {
        private final List<HubJvm> nodes;
        private final AtomicInteger answered = new AtomicInteger();
        private final List<String> refused = new CopyOnWriteArrayList<>();
        private volatile HubJvm avoided;

        WebClients(List<HubJvm> nodes) {
            this.nodes = nodes;
        }

        void avoid(HubJvm node) {
            avoided = node;
        }

        int answered() {
            return answered.get();
        }

        List<String> refused() {
            return refused;
        }

        Thread postInBackground(int from, int to, long pauseMillis) {
            Thread posting = new Thread(() -> post(from, to, pauseMillis), "web-clients-" + from);
            posting.start();
            return posting;
        }

        void post(int from, int to, long pauseMillis) {
            for (int i = from; i < to; i++) {
                String key = "web-" + i + "-" + UUID.randomUUID();
                String json = "{\"email\":\"web" + i + "@customers.example\",\"subject\":\"Waybill question " + i
                        + "\",\"body\":\"Where is waybill SF" + (1000000000L + i) + "?\"}";
                post(i, key, json);
                pause(pauseMillis);
            }
        }

        private void post(int i, String key, String json) {
            AtomicBoolean done = new AtomicBoolean();
            for (int attempt = 0; attempt < 20 && !done.get(); attempt++) {
                HubJvm node = nodes.get((i + attempt) % nodes.size());
                if (node == avoided || !node.alive()) {
                    continue;
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + "/api/messages"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(json)).build();
                try {
                    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() / 100 == 2) {
                        answered.incrementAndGet();
                    } else {
                        refused.add(response.statusCode() + " " + response.body());
                    }
                    done.set(true);
                } catch (Exception e) {
                    pause(500); // the node died under the request: the same key goes to another node
                }
            }
            if (!done.get()) {
                refused.add("post " + i + ": no node answered");
            }
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
