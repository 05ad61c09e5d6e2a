package io.contacthub.bench;

import static io.contacthub.testsupport.MailFixtures.mail;

import io.contacthub.testsupport.HubJvm;
import io.contacthub.testsupport.MailboxFeeder;
import io.contacthub.testsupport.TestMailServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18's benchmark: the cluster test's workload (threaded mail in one mailbox and web messages posted to the
 * intake nodes) through one hub without a broker, one hub with Kafka, and three hubs with Kafka, each on a fresh
 * embedded PostgreSQL. Every hub and the broker run in JVMs of their own, so the CPU time of each process
 * (hub JVMs, PostgreSQL, Kafka) is read from /proc; the mail server and the load generator in this JVM are not
 * counted. Startup and warm-up are not counted either: each run first sends a warm-up share of the same kind of
 * work (other threads, other senders), so that every JVM's JIT compiler has done its work, waits until it is
 * processed, reads what the idle processes cost, and only then starts the clock and the CPU counters. Without the
 * warm-up, three JVMs compiling the same code three times counted as coordination overhead.
 *
 * <p>{@code ./mvnw -Pbench test-compile exec:exec@cluster-benchmark -Dbench.clusterMails=2000 -Dbench.clusterWeb=500}
 */
public final class ClusterBenchmark {

    private static final int MAILS = Integer.getInteger("bench.clusterMails", 2000);
    private static final int WEB = Integer.getInteger("bench.clusterWeb", 500);
    private static final int WARMUP_MAILS = Integer.getInteger("bench.clusterWarmupMails", 1000);
    private static final int PER_THREAD = 4;
    /** Each hub JVM's options (-Dbench.hubJvm, blank-separated). */
    private static final String[] HUB_JVM = System.getProperty("bench.hubJvm", "-Xmx1g -Xss512k").trim().split("\\s+");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ClusterBenchmark() {
    }

    record Result(String name, int nodes, int messages, double seconds, double hubMs, double postgresMs, double kafkaMs,
            double[] idlePerSecondMs, double p50Ms, double p99Ms, int webRefused) {

        double totalMs() {
            return hubMs + postgresMs + kafkaMs;
        }

        double idleCpuPerSecondMs() {
            return idlePerSecondMs[0] + idlePerSecondMs[1] + idlePerSecondMs[2];
        }

        /** CPU per message above what the same processes spend idle in as long a time: the work a message adds. */
        double marginalMs() {
            return totalMs() - idleCpuPerSecondMs() * seconds / messages;
        }

        double perSecond() {
            return messages / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("cluster benchmark: %d mails (threads of %d) + %d web messages per run after a warm-up of %d + %d, %d cores, hub JVMs %s%n",
                MAILS, PER_THREAD, WEB, WARMUP_MAILS, WARMUP_MAILS / 4, Runtime.getRuntime().availableProcessors(),
                String.join(" ", HUB_JVM));
        List<Result> results = new ArrayList<>();
        results.add(run("single node, no broker", 1, false));
        results.add(run("1 node + Kafka", 1, true));
        results.add(run("3 nodes + Kafka", 3, true));

        System.out.println();
        System.out.println("| run | msgs/s | CPU ms/msg: hubs | PostgreSQL | Kafka | **total** | above idle | idle CPU ms/s: hubs | PostgreSQL | Kafka | receive→processed p50 | p99 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf("| %s | %.1f | %.2f | %.2f | %.2f | **%.2f** | %.2f | %.0f | %.0f | %.0f | %.0f ms | %.0f ms |%n", r.name(),
                    r.perSecond(), r.hubMs(), r.postgresMs(), r.kafkaMs(), r.totalMs(), r.marginalMs(), r.idlePerSecondMs()[0],
                    r.idlePerSecondMs()[1], r.idlePerSecondMs()[2], r.p50Ms(), r.p99Ms());
        }
        Result single = results.get(0);
        Result three = results.get(2);
        System.out.printf("coordination overhead, CPU per message: 1 node + Kafka ÷ single = %.2f; 3 nodes + Kafka ÷ single = **%.2f**%n",
                results.get(1).totalMs() / single.totalMs(), three.totalMs() / single.totalMs());
        System.out.printf("the same above idle (what each message adds): 1 node + Kafka ÷ single = %.2f; 3 nodes + Kafka ÷ single = **%.2f**%n",
                results.get(1).marginalMs() / single.marginalMs(), three.marginalMs() / single.marginalMs());
        // A projection, not a measurement: N hub machines of this machine's cores, PostgreSQL and Kafka on machines
        // of their own, each hub busy at the 3-node run's hub CPU per message; PostgreSQL's CPU per message is the
        // ceiling no number of hub machines lifts.
        int cores = Runtime.getRuntime().availableProcessors();
        double hubPerMachine = cores * 1000 / three.hubMs();
        double postgresCeiling = cores * 1000 / three.postgresMs();
        for (int n : new int[] {1, 2, 3, 4, 8}) {
            System.out.printf("projected with %d hub machines of %d cores: %.0f msgs/s (hubs %.0f, PostgreSQL on %d cores caps at %.0f)%n",
                    n, cores, Math.min(n * hubPerMachine, postgresCeiling), n * hubPerMachine, cores, postgresCeiling);
        }
        for (Result r : results) {
            if (r.webRefused() > 0) {
                System.out.println("WARNING: " + r.name() + ": " + r.webRefused() + " web posts refused");
            }
        }
        System.exit(0);
    }

    private static Result run(String name, int nodeCount, boolean kafka) throws Exception {
        System.out.println("-- " + name);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            opened.add(postgres);
            JdbcClient db = JdbcClient.create((DataSource) postgres.getPostgresDatabase());
            Path pgData = Path.of(db.sql("show data_directory").query(String.class).single());
            Process broker = null;
            String bootstrap = null;
            if (kafka) {
                broker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                        "-cp", HubJvm.classPath(), KafkaBrokerMain.class.getName(), "12")
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                Process started = broker;
                opened.add(() -> {
                    started.getOutputStream().close();
                    if (!started.waitFor(20, TimeUnit.SECONDS)) {
                        started.destroyForcibly();
                    }
                });
                bootstrap = awaitBootstrap(broker);
            }
            String login = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            TestMailServer.shared().setUser(login + "@localhost", login, TestMailServer.PASSWORD);
            String imap = "imap://" + login + ":" + TestMailServer.PASSWORD + "@localhost:"
                    + TestMailServer.shared().getImap().getPort() + "/INBOX";

            List<HubJvm> nodes = new ArrayList<>();
            for (int i = 0; i < nodeCount; i++) {
                // Two front nodes take the doors and the mailbox; a third only processes.
                String roles = !kafka ? "all" : i < 2 ? "intake,processing,notify,console" : "processing,ocr,speech";
                HubJvm node = new HubJvm("bench-node-" + (char) ('a' + i)).jvmOptions(HUB_JVM)
                        .set("hub.db.url", postgres.getJdbcUrl("postgres", "postgres"))
                        .set("hub.db.user", "postgres")
                        .set("hub.intake.workers", "2")
                        .set("hub.mail.poll-delay", "300ms")
                        .set("hub.mail.fetch-size", "100")
                        .set("hub.mail.mailboxes[0].name", "support")
                        .set("hub.mail.mailboxes[0].url", imap)
                        .set("hub.web.rate-limit-per-minute", "1000000")
                        .set("hub.web.global-rate-limit-per-minute", "1000000")
                        .set("logging.level.org.apache.kafka", "WARN");
                if (kafka) {
                    node.set("hub.cluster.kafka-bootstrap-servers", bootstrap)
                            .set("hub.cluster.roles", roles)
                            .set("hub.cluster.node-id", node.name());
                }
                opened.add(node);
                nodes.add(node.start());
            }
            for (HubJvm node : nodes) {
                node.awaitReady(Duration.ofMinutes(4));
            }
            List<HubJvm> front = nodes.subList(0, Math.min(2, nodes.size()));

            if (WARMUP_MAILS > 0) {
                long warm = System.nanoTime();
                int warmed = workload(name + " warm-up", "warm", WARMUP_MAILS, WARMUP_MAILS / 4, 0, login, db, front);
                System.out.printf("%s: warm-up of %d messages in %.1f s%n", name, warmed, (System.nanoTime() - warm) / 1e9);
            }

            // Let start-up and warm-up work settle, then read what the idle cluster costs per second.
            Thread.sleep(10_000);
            long[] idleStart = parts(nodes, pgData, broker);
            Thread.sleep(20_000);
            long[] idleEnd = parts(nodes, pgData, broker);
            double[] idlePerSecondMs = new double[3];
            for (int i = 0; i < 3; i++) {
                idlePerSecondMs[i] = (idleEnd[i] - idleStart[i]) / 1e6 / 20;
            }

            java.sql.Timestamp measuredFrom = db.sql("select clock_timestamp()").query(java.sql.Timestamp.class).single();
            long cpuStart = cpu(nodes, pgData, broker);
            long[] parts = parts(nodes, pgData, broker);
            long started = System.nanoTime();
            int before = (int) processed(db);
            int messages = workload(name, "bench", MAILS, WEB, before, login, db, front);
            int refused = MAILS / PER_THREAD * PER_THREAD + WEB - messages;
            double seconds = (System.nanoTime() - started) / 1e9;
            long[] after = parts(nodes, pgData, broker);
            double hubMs = (after[0] - parts[0]) / 1e6 / messages;
            double pgMs = (after[1] - parts[1]) / 1e6 / messages;
            double kafkaMs = (after[2] - parts[2]) / 1e6 / messages;
            List<Double> latency = db.sql("""
                    select percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at)) * 1000,
                           percentile_cont(0.99) within group (order by extract(epoch from processed_at - received_at)) * 1000
                    from inbound_message where processed_at is not null and received_at >= ?""")
                    .param(measuredFrom).query((rs, i) -> List.of(rs.getDouble(1), rs.getDouble(2))).single();
            long total = cpu(nodes, pgData, broker) - cpuStart;
            System.out.printf("%s: %d messages in %.1f s = %.1f msgs/s; CPU %.2f ms/msg (hubs %.2f, PostgreSQL %.2f, Kafka %.2f; all %.1f s)%n",
                    name, messages, seconds, messages / seconds, hubMs + pgMs + kafkaMs, hubMs, pgMs, kafkaMs, total / 1e9);
            if (kafka) {
                db.sql("select coalesce(attempted_by, '?'), count(*) from inbound_message group by 1 order by 1")
                        .query((rs, i) -> "  processed on " + rs.getString(1) + ": " + rs.getLong(2)).list()
                        .forEach(System.out::println);
            }
            return new Result(name, nodeCount, messages, seconds, hubMs, pgMs, kafkaMs, idlePerSecondMs, latency.get(0),
                    latency.get(1), refused);
        } finally {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception e) {
                    System.err.println("closing: " + e);
                }
            }
        }
    }

    /**
     * Posts {@code web} web messages to the front nodes and feeds {@code mails} threaded mails into the mailbox,
     * then waits until everything accepted is processed; returns how many messages were accepted.
     */
    private static int workload(String name, String tag, int mailCount, int web, int processedBefore, String login,
            JdbcClient db, List<HubJvm> front) throws Exception {
        AtomicInteger refused = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int i = 0; i < web; i++) {
            int n = i;
            clients.submit(() -> postWeb(front.get(n % front.size()), tag, n, refused));
        }
        clients.shutdown();
        List<byte[]> mails = new ArrayList<>();
        for (int t = 0; t < mailCount / PER_THREAD; t++) {
            for (int i = 0; i < PER_THREAD; i++) {
                mails.add(threadMail(tag, t, i, login));
            }
        }
        MailboxFeeder feeder = new MailboxFeeder(login, db, mails, 100, Duration.ofMinutes(5));
        feeder.start();
        int expected = mails.size() + web;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (processed(db) - processedBefore < expected - refused.get() || !clients.isTerminated()) {
            if (feeder.failure() != null) {
                throw new IllegalStateException(name + ": feeding the mailbox failed", feeder.failure());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": only " + (processed(db) - processedBefore) + " of " + expected
                        + " processed in 30 min");
            }
            Thread.sleep(100);
        }
        return expected - refused.get();
    }

    private static String awaitBootstrap(Process broker) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("BOOTSTRAP ")) {
                // The broker logs to its standard output: keep reading it, or a full pipe would stop the broker.
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException closed) {
                        // the broker is gone
                    }
                }, "kafka-broker-log");
                drain.setDaemon(true);
                drain.start();
                return line.substring("BOOTSTRAP ".length()).trim();
            }
        }
        throw new IllegalStateException("the Kafka broker JVM exited before it listened");
    }

    private static byte[] threadMail(String tag, int t, int i, String login) {
        String first = "<" + tag + "-" + t + "-0@customers.example>";
        var m = mail().from(tag + "-thread" + t + "@customers.example").to(login + "@localhost")
                .subject((i == 0 ? "" : "Re: ") + "Order SO" + (tag.equals("warm") ? 500000 + t : 100000 + t) + " not delivered")
                .text("Message " + i + " of thread " + t + ": where is my parcel?");
        if (i == 0) {
            m.messageId(first);
        } else {
            m.messageId("<" + tag + "-" + t + "-" + i + "@customers.example>").header("In-Reply-To", first).header("References", first);
        }
        return m.build();
    }

    private static void postWeb(HubJvm node, String tag, int i, AtomicInteger refused) {
        String json = "{\"email\":\"" + tag + "-web" + i + "@customers.example\",\"subject\":\"Waybill question " + i
                + "\",\"body\":\"Where is waybill SF" + (1000000000L + i) + "?\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + "/api/messages"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("Idempotency-Key", tag + "-" + i).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                refused.incrementAndGet();
            }
        } catch (Exception e) {
            refused.incrementAndGet();
        }
    }

    private static long processed(JdbcClient db) {
        return db.sql("select count(*) from inbound_message where status = 'PROCESSED'").query(Long.class).single();
    }

    private static long cpu(List<HubJvm> nodes, Path pgData, Process broker) throws Exception {
        long[] p = parts(nodes, pgData, broker);
        return p[0] + p[1] + p[2];
    }

    /** CPU nanoseconds so far of the hub JVMs, PostgreSQL and the broker. */
    private static long[] parts(List<HubJvm> nodes, Path pgData, Process broker) throws Exception {
        long hubs = 0;
        for (HubJvm node : nodes) {
            hubs += ProcessCpu.nanos(node.pid());
        }
        return new long[] {hubs, ProcessCpu.postgresNanos(pgData), broker == null ? 0 : ProcessCpu.nanos(broker.pid())};
    }
}
