package io.contacthub.bench;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.contacthub.ContactHubApplication;
import io.contacthub.testsupport.MailFixtures;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Preloads N mails (mixed sizes, every tenth with a PDF) into a GreenMail IMAP mailbox, starts the
 * hub against it and reports mails/s from first fetch to last ticket, p50/p99 receive-to-ticket
 * latency and peak heap. Run with {@code ./mvnw -Pbench verify -Dbench.emails=10000}.
 */
public final class EmailIntakeBenchmark {

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.emails", 10_000);
        int workers = Integer.getInteger("bench.workers", 4);
        GreenMail mail = new GreenMail(new ServerSetup(13143, null, ServerSetup.PROTOCOL_IMAP));
        mail.start();
        GreenMailUser user = mail.setUser("bench@localhost", "bench", "bench");

        System.out.printf("preloading %,d mails into GreenMail IMAP...%n", n);
        Session session = Session.getInstance(new Properties());
        byte[] pdf = MailFixtures.pdf("Delivery note", "Waybill SF1234567890123", "Pieces: 2");
        String paragraph = "Please check the delivery of my goods, order SO2026%06d, I need it by Friday. ";
        long preloadedBytes = 0;
        for (int i = 0; i < n; i++) {
            MailFixtures fixture = MailFixtures.mail().from("customer" + (i % 2000) + "@example.com")
                    .subject("Question " + i);
            if (i % 10 == 9) {
                fixture.text(paragraph.formatted(i)).attach("note-" + i + ".pdf", "application/pdf", pdf);
            } else if (i % 5 == 0) {
                fixture.text(paragraph.formatted(i).repeat(40)).html("<p>" + paragraph.formatted(i).repeat(40) + "</p>");
            } else {
                fixture.text(paragraph.formatted(i));
            }
            byte[] raw = fixture.build();
            preloadedBytes += raw.length;
            user.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
        }
        System.out.printf("preloaded %,d mails, %,d KiB%n", n, preloadedBytes / 1024);

        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 100, TimeUnit.MILLISECONDS);

        long startNanos = System.nanoTime();
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(ContactHubApplication.class)
                .run("--hub.data-dir=" + Path.of("target", "bench-data", UUID.randomUUID().toString()),
                        "--server.port=0", "--hub.admin-password=bench", "--logging.level.io.contacthub=WARN",
                        "--hub.intake.workers=" + workers, "--hub.mail.url=",
                        "--hub.mail.poll-delay=100ms", "--hub.mail.fetch-size=500",
                        "--hub.mail.mailboxes[0].name=bench",
                        "--hub.mail.mailboxes[0].url=imap://bench:bench@localhost:13143/INBOX")) {
            long startedNanos = System.nanoTime();
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            long settled;
            long lastReport = System.nanoTime();
            while ((settled = jdbc.sql("select count(*) from inbound_message where status <> 'RECEIVED'")
                    .query(Long.class).single()) < n) {
                Thread.sleep(200);
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    System.out.printf("  ... %,d / %,d settled%n", settled, n);
                    lastReport = System.nanoTime();
                }
            }
            long endNanos = System.nanoTime();
            var firstReceived = jdbc.sql("select extract(epoch from min(received_at)) from inbound_message")
                    .query(Double.class).single();
            var lastProcessed = jdbc.sql("select extract(epoch from max(processed_at)) from inbound_message")
                    .query(Double.class).single();
            List<Double> latencies = jdbc.sql("""
                    select percentile_cont(array[0.5, 0.99]) within group (
                        order by extract(epoch from processed_at - received_at) * 1000)
                    from inbound_message""").query((rs, i) -> List.of((Double[]) rs.getArray(1).getArray())).single();
            long processed = jdbc.sql("select count(*) from inbound_message where status = 'PROCESSED'").query(Long.class).single();
            long failed = jdbc.sql("select count(*) from inbound_message where status = 'FAILED'").query(Long.class).single();
            long tickets = jdbc.sql("select count(*) from ticket").query(Long.class).single();
            double dbSeconds = lastProcessed - firstReceived;
            sampler.shutdown();

            System.out.println();
            System.out.println("| measure | value |");
            System.out.println("|---|---|");
            System.out.printf("| mails | %,d (%,d PROCESSED, %,d FAILED), %,d tickets |%n", n, processed, failed, tickets);
            System.out.printf("| hub start-up (embedded PostgreSQL, migrations, Camel) | %.1f s |%n", (startedNanos - startNanos) / 1e9);
            System.out.printf("| first receive to last ticket | %.1f s |%n", dbSeconds);
            System.out.printf("| throughput, mails/s to ticket | %.0f |%n", n / dbSeconds);
            System.out.printf("| wall clock from hub start to all settled | %.1f s |%n", (endNanos - startNanos) / 1e9);
            System.out.printf("| receive-to-ticket latency p50 | %.0f ms |%n", latencies.get(0));
            System.out.printf("| receive-to-ticket latency p99 | %.0f ms |%n", latencies.get(1));
            System.out.printf("| peak heap used (sampled every 100 ms) | %,d MiB |%n", peakHeap.get() / (1024 * 1024));
            System.out.printf("| max heap | %,d MiB |%n", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        } finally {
            sampler.shutdownNow();
            mail.stop();
        }
        System.exit(0);
    }

    private EmailIntakeBenchmark() {
    }
}
