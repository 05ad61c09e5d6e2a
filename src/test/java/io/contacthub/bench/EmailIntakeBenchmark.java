package io.contacthub.bench;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.contacthub.ContactHubApplication;
import io.contacthub.channel.email.EmailMapper;
import io.contacthub.testsupport.MailFixtures;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * E-mail intake throughput, in one run (see docs/BENCHMARKS.md):
 * <ol>
 * <li>IMAP end to end: M mails preloaded into a GreenMail IMAP mailbox, fetched by the hub's
 * mailbox route, to tickets; next to it, a bare Jakarta Mail client fetching and flagging the
 * same M mails from the same server, which is the server's own share of the time.</li>
 * <li>Pipeline: N mails handed to {@code direct:receive} exactly as the mailbox route hands them
 * (raw bytes after fetching), to tickets: what the hub itself sustains.</li>
 * </ol>
 * Mixed sizes: 70% short text, 20% ~12 KB text+HTML, 10% with a PDF attachment.
 * Run with {@code ./mvnw -Pbench verify -Dbench.emails=10000 -Dbench.imapEmails=500}.
 */
public final class EmailIntakeBenchmark {

    /** Warm-up mails' numbers start here (a multiple of 10, so they keep the mix), clear of the measured ones. */
    private static final int WARMUP_OFFSET = 500_000;

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.emails", 10_000);
        // BENCH_MODE=processing measures the processing stage alone (see processingOnly): no IMAP part.
        int m = "processing".equals(System.getenv("BENCH_MODE")) ? 0 : Integer.getInteger("bench.imapEmails", 500);
        int workers = Integer.getInteger("bench.workers", 4);
        byte[] pdf = MailFixtures.pdf("Delivery note", "Waybill SF1234567890123", "Pieces: 2");

        // bench.imapUrl: a real IMAP server whose INBOX already holds bench.imapEmails unseen mails
        // (scripts/bench-email-dovecot.sh prepares one); without it, GreenMail is preloaded here.
        String externalImap = System.getProperty("bench.imapUrl", "");
        String imapServer = externalImap.isBlank() ? "GreenMail" : "external IMAP";
        GreenMail mail = null;
        String hubMailboxUrl = externalImap;
        double bareSeconds = Double.NaN;
        Session session = Session.getInstance(new Properties());
        if (externalImap.isBlank()) {
            mail = new GreenMail(new ServerSetup(0, null, ServerSetup.PROTOCOL_IMAP).dynamicPort());
            mail.start();
            io.contacthub.testsupport.NoDelaySockets.apply(mail);
            int imapPort = mail.getImap().getPort();
            GreenMailUser hubUser = mail.setUser("bench@localhost", "bench", "bench");
            GreenMailUser bareUser = mail.setUser("bare@localhost", "bare", "bare");
            for (int i = 0; i < m; i++) {
                byte[] raw = mixedMail(i, "imap", pdf);
                hubUser.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
                bareUser.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
            }
            System.out.printf("preloaded %,d mails into each of two GreenMail IMAP mailboxes%n", m);
            bareSeconds = bareClientFetch(imapPort, m);
            hubMailboxUrl = "imap://bench:bench@localhost:" + imapPort + "/INBOX";
        }

        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 100, TimeUnit.MILLISECONDS);

        long bootStart = System.nanoTime();
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(ContactHubApplication.class)
                .run("--hub.data-dir=" + Path.of("target", "bench-data", UUID.randomUUID().toString()),
                        "--server.port=0", "--hub.admin-password=bench", "--logging.level.io.contacthub=WARN",
                        "--hub.intake.workers=" + workers, "--hub.mail.url=",
                        "--hub.mail.poll-delay=100ms", "--hub.mail.fetch-size=500",
                        "--hub.mail.mailboxes[0].name=bench",
                        "--hub.mail.mailboxes[0].url=" + hubMailboxUrl)) {
            double bootSeconds = (System.nanoTime() - bootStart) / 1e9;
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            if ("processing".equals(System.getenv("BENCH_MODE"))) {
                processingOnly(hub, jdbc, n, pdf, session);
                System.out.printf("hub start-up: %.1f s; workers: %d%n", bootSeconds, workers);
                System.exit(0);
            }

            awaitSettled(jdbc, "source = 'bench'", m);
            Result imap = result(jdbc, "source = 'bench'");

            // Pipeline: the same hand-off the mailbox route makes, from one thread like one mailbox.
            EmailMapper mapper = hub.getBean(EmailMapper.class);
            ProducerTemplate producer = hub.getBean(ProducerTemplate.class);
            List<byte[]> mails = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                mails.add(mixedMail(i, "pipe", pdf));
            }
            for (byte[] raw : mails) {
                producer.sendBody("direct:receive", mapper.toInbound(new MimeMessage(session, new ByteArrayInputStream(raw)), "pipeline"));
            }
            awaitSettled(jdbc, "source = 'pipeline'", n);
            Result pipeline = result(jdbc, "source = 'pipeline'");
            sampler.shutdown();
            // The floor on this machine, in this run, on this database (issue 17): the ratios below are to it.
            BareLimit.Figures bare = BareLimit.measure(hub.getBean(javax.sql.DataSource.class), mails, session);

            System.out.println();
            System.out.println("| measure | IMAP end to end (" + imapServer + ") | pipeline from direct:receive |");
            System.out.println("|---|---|---|");
            System.out.printf("| mails (PROCESSED / FAILED) | %,d (%,d / %,d) | %,d (%,d / %,d) |%n",
                    imap.count, imap.processed, imap.failed, pipeline.count, pipeline.processed, pipeline.failed);
            System.out.printf("| first receive to last ticket | %.1f s | %.1f s |%n", imap.seconds, pipeline.seconds);
            System.out.printf("| **mails/s to ticket** | **%.0f** | **%.0f** |%n", imap.count / imap.seconds, pipeline.count / pipeline.seconds);
            System.out.printf("| receive-to-ticket latency p50 | %.0f ms | %.0f ms |%n", imap.p50, pipeline.p50);
            System.out.printf("| receive-to-ticket latency p99 | %.0f ms | %.0f ms |%n", imap.p99, pipeline.p99);
            if (!Double.isNaN(bareSeconds)) {
                System.out.printf("| bare Jakarta Mail client, fetch + flag the same mails from GreenMail | %.0f mails/s (%.1f s) | - |%n",
                        m / bareSeconds, bareSeconds);
            }
            System.out.printf("| bare limit: Angus Mail parse + one durable INSERT per mail (per 100), one thread | - | %,.0f (%,.0f) mails/s |%n",
                    bare.perMailCommit(), bare.per100Commit());
            System.out.printf("| **ratio to the bare limit** (per-mail commit) | %.3f × | %.3f × |%n",
                    imap.count / imap.seconds / bare.perMailCommit(), pipeline.count / pipeline.seconds / bare.perMailCommit());
            System.out.println();
            System.out.printf("hub start-up (embedded PostgreSQL, migrations, Camel): %.1f s; workers: %d%n", bootSeconds, workers);
            System.out.printf("peak heap used (sampled every 100 ms, whole run): %,d MiB of %,d MiB max%n",
                    peakHeap.get() / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        } finally {
            sampler.shutdownNow();
            if (mail != null) {
                mail.stop();
            }
        }
        System.exit(0);
    }

    /**
     * The processing stage alone (BENCH_MODE=processing): N mails are first committed as RECEIVED
     * through the receive stage without being queued, then all ids are queued at once and the clock
     * runs from the first hand-off to the last settled message. Receiving cannot limit the rate, so
     * this is the workers' capacity (parse, filters, understanding, identify, thread, record and
     * every ContactRecorded listener). Before that, bench.warmupEmails mails (default 4,000) of the same mix, from other
     * senders, are processed and left out of the figures, so that the JIT has compiled the hot code; their own CPU
     * per mail is printed for comparison. BENCH_JFR=file.jfr records a flight recording of the measured phase only.
     */
    private static void processingOnly(ConfigurableApplicationContext hub, JdbcClient jdbc, int n, byte[] pdf, Session session)
            throws Exception {
        EmailMapper mapper = hub.getBean(EmailMapper.class);
        io.contacthub.intake.ReceiveStage receive = hub.getBean(io.contacthub.intake.ReceiveStage.class);
        io.contacthub.intake.IntakeQueue queue = hub.getBean(io.contacthub.intake.IntakeQueue.class);
        int backlog = Integer.getInteger("bench.backlog", 0);
        if (backlog > 0) { // -Dbench.backlog=100000: measure on a database that has been in use (issue 17)
            BacklogSeeder.seed(jdbc, backlog);
        }
        // A warm-up first, processed and left out of the figures: without it most of the measured mails run
        // in a JVM whose JIT is still compiling, and that cost (3-5 times the warm one) is not the hub's.
        int warmup = Integer.getInteger("bench.warmupEmails", 4000);
        List<Long> warmIds = new ArrayList<>(warmup);
        for (int i = 0; i < warmup; i++) {
            // other senders and order numbers, so the measured mails meet no customer or ticket of the warm-up
            byte[] raw = mixedMail(WARMUP_OFFSET + i, "warm", pdf, "warmup.example.com");
            warmIds.add(receive.receive(mapper.toInbound(new MimeMessage(session, new ByteArrayInputStream(raw)), "warmup")).messageId());
        }
        List<Long> ids = new ArrayList<>(n);
        List<byte[]> raws = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] raw = mixedMail(i, "proc", pdf);
            raws.add(raw);
            ids.add(receive.receive(mapper.toInbound(new MimeMessage(session, new ByteArrayInputStream(raw)), "processing")).messageId());
        }
        // The floor on this machine, now, on the same database: parse + one durable INSERT per mail (issue 17).
        BareLimit.Figures bare = BareLimit.measure(hub.getBean(javax.sql.DataSource.class), raws, session);
        Path pgData = Path.of(jdbc.sql("show data_directory").query(String.class).single());
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        if (warmup > 0) {
            System.out.printf("stored %,d warm-up mails as RECEIVED; processing them (not counted)%n", warmup);
            long warmJvm = os.getProcessCpuTime();
            long warmPg = ProcessCpu.postgresNanos(pgData);
            long warmStart = System.nanoTime();
            for (long id : warmIds) {
                queue.enqueue(id);
            }
            awaitDrained(jdbc, "warmup");
            double jvmMs = (os.getProcessCpuTime() - warmJvm) / 1e6 / warmup;
            double pgMs = (ProcessCpu.postgresNanos(pgData) - warmPg) / 1e6 / warmup;
            System.out.printf("warm-up: %,d mails in %.1f s; CPU per mail: hub JVM %.2f ms + PostgreSQL %.2f ms = %.2f ms%n",
                    warmup, (System.nanoTime() - warmStart) / 1e9, jvmMs, pgMs, jvmMs + pgMs);
        }
        System.out.printf("stored %,d mails as RECEIVED; processing them%n", n);
        String jfrFile = System.getenv("BENCH_JFR");
        jdk.jfr.Recording recording = null;
        if (jfrFile != null && !jfrFile.isBlank()) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.setDestination(Path.of(jfrFile));
            recording.start();
        }
        // CPU time as well as wall time: on a shared machine other builds take the cores, and CPU
        // seconds per mail (hub JVM + PostgreSQL) move much less with their load than mails/s.
        boolean statements = jdbc.sql("show shared_preload_libraries").query(String.class).single().contains("pg_stat_statements");
        if (statements) {
            jdbc.sql("create extension if not exists pg_stat_statements").update();
            jdbc.sql("select pg_stat_statements_reset()").query(Object.class).list();
        }
        long jvmCpuStart = os.getProcessCpuTime();
        long pgCpuStart = ProcessCpu.postgresNanos(pgData);
        long start = System.nanoTime();
        for (long id : ids) {
            queue.enqueue(id);
        }
        awaitDrained(jdbc, "processing");
        double seconds = (System.nanoTime() - start) / 1e9;
        double jvmCpuMs = (os.getProcessCpuTime() - jvmCpuStart) / 1e6 / n;
        double pgCpuMs = (ProcessCpu.postgresNanos(pgData) - pgCpuStart) / 1e6 / n;
        if (recording != null) {
            recording.stop();
            recording.close();
            System.out.println("flight recording: " + jfrFile);
        }
        Result r = result(jdbc, "source = 'processing'");
        long tickets = jdbc.sql("select count(distinct ticket_id) from contact_record cr join inbound_message m on m.id = cr.message_id"
                + " where m.source = 'processing'").query(Long.class).single();
        long notices = jdbc.sql("select count(*) from notification n join contact_record cr on cr.ticket_id = n.ticket_id"
                + " join inbound_message m on m.id = cr.message_id where m.source = 'processing'").query(Long.class).single();
        System.out.println();
        System.out.printf("processing only: %,d mails (PROCESSED %,d / FAILED %,d) in %.1f s = **%.0f mails/s**; %,d tickets, %,d notifications%n",
                r.count, r.processed, r.failed, seconds, n / seconds, tickets, notices);
        System.out.printf("processing only, CPU per mail: hub JVM %.2f ms + PostgreSQL %.2f ms = **%.2f ms**%n",
                jvmCpuMs, pgCpuMs, jvmCpuMs + pgCpuMs);
        System.out.printf("bare limit (Angus Mail parse + one INSERT, one thread): %,.0f mails/s committing each, %,.0f mails/s"
                + " committing every 100; hub processing = **%.3f ×** the first%n", bare.perMailCommit(), bare.per100Commit(),
                n / seconds / bare.perMailCommit());
        if (statements) { // HUB_EMBEDDED_PG_CONFIG=shared_preload_libraries=pg_stat_statements
            System.out.println("statements by total time (calls per mail, ms per mail):");
            jdbc.sql("""
                    select calls, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 150) as q
                    from pg_stat_statements order by total_exec_time desc limit 25""")
                    .query((rs, i) -> String.format("  %6.2f  %7.3f  %s", rs.getLong(1) / (double) n, rs.getDouble(2) / n, rs.getString(3)))
                    .list().forEach(System.out::println);
        }
    }

    /** The benchmark's mail mix; also used to preload external servers. */
    public static byte[] mixedMail(int i, String tag, byte[] pdf) {
        return mixedMail(i, tag, pdf, "example.com");
    }

    private static byte[] mixedMail(int i, String tag, byte[] pdf, String senderDomain) {
        String paragraph = "Please check the delivery of my goods, order SO2026%06d, I need it by Friday. ".formatted(i);
        MailFixtures fixture = MailFixtures.mail().from("customer" + (i % 2000) + "@" + senderDomain)
                .subject("Question " + tag + " " + i);
        if (i % 10 == 9) {
            fixture.text(paragraph).attach("note-" + i + ".pdf", "application/pdf", pdf);
        } else if (i % 5 == 0) {
            fixture.text(paragraph.repeat(75)).html("<p>" + paragraph.repeat(75) + "</p>");
        } else {
            fixture.text(paragraph);
        }
        return fixture.build();
    }

    /** What the IMAP server costs on its own: fetch every unseen mail's bytes and flag it, like the hub does. */
    private static double bareClientFetch(int imapPort, int expected) throws Exception {
        long start = System.nanoTime();
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("localhost", imapPort, "bare", "bare");
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        int fetched = 0;
        Message[] unseen;
        while (fetched < expected && (unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))).length > 0) {
            for (int i = 0; i < Math.min(500, unseen.length); i++) {
                unseen[i].writeTo(new ByteArrayOutputStream());
                unseen[i].setFlag(Flags.Flag.SEEN, true);
                fetched++;
            }
        }
        inbox.close(false);
        store.close();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void awaitSettled(JdbcClient jdbc, String where, int expected) throws InterruptedException {
        long lastReport = System.nanoTime();
        long settled;
        while ((settled = jdbc.sql("select count(*) from inbound_message where status <> 'RECEIVED' and " + where)
                .query(Long.class).single()) < expected) {
            Thread.sleep(100);
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                System.out.printf("  ... %,d / %,d settled (%s)%n", settled, expected, where);
                lastReport = System.nanoTime();
            }
        }
    }

    /**
     * Waits until no message of the source is RECEIVED any more, for a phase whose messages were all committed before
     * it started. Counted through the index of RECEIVED messages: the count of settled ones (awaitSettled) reads the
     * whole table ten times a second, which cost PostgreSQL 0.45 ms per measured mail and was counted as the hub's.
     */
    private static void awaitDrained(JdbcClient jdbc, String source) throws InterruptedException {
        long lastReport = System.nanoTime();
        long pending;
        while ((pending = jdbc.sql("select count(*) from inbound_message where status = 'RECEIVED' and source = ?")
                .param(source).query(Long.class).single()) > 0) {
            Thread.sleep(100);
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                System.out.printf("  ... %,d still to process (%s)%n", pending, source);
                lastReport = System.nanoTime();
            }
        }
    }

    private static Result result(JdbcClient jdbc, String where) {
        return jdbc.sql("""
                        select count(*), count(*) filter (where status = 'PROCESSED'), count(*) filter (where status = 'FAILED'),
                               extract(epoch from max(processed_at) - min(received_at)),
                               percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at) * 1000),
                               percentile_cont(0.99) within group (order by extract(epoch from processed_at - received_at) * 1000)
                        from inbound_message where """ + " " + where)
                .query((rs, i) -> new Result(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)))
                .single();
    }

    private record Result(long count, long processed, long failed, double seconds, double p50, double p99) {
    }

    private EmailIntakeBenchmark() {
    }
}
