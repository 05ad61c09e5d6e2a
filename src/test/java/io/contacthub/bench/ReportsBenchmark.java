package io.contacthub.bench;

import io.contacthub.ContactHubApplication;
import io.contacthub.reports.ComplaintWarnings;
import io.contacthub.reports.ContactRollup;
import io.contacthub.reports.ReportPeriod;
import io.contacthub.reports.Reports;
import io.contacthub.standing.CustomerStandings;
import io.contacthub.web.console.FormSession;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reports at volume (see docs/BENCHMARKS.md): a hub is started on a fresh embedded database and seeded, in
 * SQL, with bench.customers customers spread over the provinces (default 100,000), bench.contacts contacts over the
 * last year on four channels (1,000,000; one ticket per four), bench.complaints complaint cases (50,000) and
 * 200,000 accepted orders. The search index's triggers are off while seeding (they are the queue's, not the
 * reports'), so the seeding is minutes, not hours. Then every report is timed in-process over the last 30 and the
 * last 365 days, and over HTTP as the Reports page asks for it, signed in (query, JSON, HTTP); and the A/B/C
 * recomputation and the complaint early-warning look once each. Prints p50/p99 per report.
 * <p>
 * {@code ./mvnw -q -B -Pbench test-compile exec:exec@reports-benchmark -Dbench.contacts=1000000}
 */
public final class ReportsBenchmark {

    public static void main(String[] args) throws Exception {
        int customers = Integer.getInteger("bench.customers", 100_000);
        int contacts = Integer.getInteger("bench.contacts", 1_000_000);
        int complaints = Integer.getInteger("bench.complaints", 50_000);
        int rounds = Integer.getInteger("bench.rounds", 20);
        long bootStart = System.nanoTime();
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(ContactHubApplication.class)
                .run("--hub.data-dir=" + Path.of("target", "bench-data", UUID.randomUUID().toString()),
                        "--server.port=0", "--hub.admin-password=bench-reports-1", "--logging.level.root=WARN",
                        "--hub.standing.schedule=-", "--hub.reports.complaint-warning.schedule=-")) {
            System.out.printf("hub start-up: %.1f s%n", (System.nanoTime() - bootStart) / 1e9);
            JdbcTemplate sql = hub.getBean(JdbcTemplate.class);
            long seedStart = System.nanoTime();
            seed(sql, customers, contacts, complaints);
            System.out.printf("seeded %,d customers, %,d contacts, %,d complaints in %.0f s%n", customers, contacts, complaints,
                    (System.nanoTime() - seedStart) / 1e9);

            ContactRollup rollup = hub.getBean(ContactRollup.class);
            System.out.printf("hourly rollup of all contacts (first refresh): %s%n", once(() -> {
                long total = 0;
                for (long n = rollup.refresh(); n > 0; n = rollup.refresh()) {
                    total += n;
                }
                return total;
            }));
            CustomerStandings standings = hub.getBean(CustomerStandings.class);
            System.out.printf("A/B/C recomputation for %,d customers: %s%n", customers,
                    once(() -> standings.recompute("bench").orElseThrow().customers()));
            ComplaintWarnings warnings = hub.getBean(ComplaintWarnings.class);
            System.out.printf("complaint early-warning look: %s%n", once(() -> warnings.check().size()));

            Reports reports = hub.getBean(Reports.class);
            ZoneId zone = ZoneId.of("Asia/Shanghai");
            LocalDate today = LocalDate.now(zone);
            int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
            FormSession console = new FormSession(port);
            console.signIn("/login", "admin", "bench-reports-1");
            System.out.printf("%-20s %22s %22s %26s%n", "report", "30 days p50/p99 (ms)", "365 days p50/p99 (ms)",
                    "HTTP 365 days p50/p99 (ms)");
            for (String name : Reports.NAMES) {
                ReportPeriod month = new ReportPeriod(today.minusDays(29), today, zone);
                ReportPeriod year = new ReportPeriod(today.minusDays(364), today, zone);
                String a = time(rounds, () -> reports.report(name, month, Locale.SIMPLIFIED_CHINESE).orElseThrow().rows().size());
                String b = time(rounds, () -> reports.report(name, year, Locale.SIMPLIFIED_CHINESE).orElseThrow().rows().size());
                String c = time(rounds, () -> {
                    try {
                        HttpResponse<String> r = console.get("/console/reports/" + name + ".json?from=" + today.minusDays(364)
                                + "&to=" + today, "application/json");
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(name + ": HTTP " + r.statusCode());
                        }
                        return r.body().length();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                System.out.printf("%-20s %22s %22s %26s%n", name, a, b, c);
            }
        }
    }

    private static void seed(JdbcTemplate sql, int customers, int contacts, int complaints) {
        sql.execute("set session_replication_role = replica"); // no triggers (the queue's search index) while seeding
        sql.update("""
                insert into customer (kind, display_name, country, province, city, region_source, created_at)
                select 'GENERAL', 'Bench customer ' || g, 'CN',
                       (array['广东省','江苏省','浙江省','上海市','北京市','山东省','四川省','湖北省','福建省','河南省'])[1 + (g * 7919 % 97) % 10],
                       null, 'PHONE', now() - interval '2 years'
                from generate_series(1, ?) g""", customers);
        long firstCustomer = sql.queryForObject("select min(id) from customer where display_name like 'Bench customer %'", Long.class);
        int tickets = Math.max(1, contacts / 4);
        sql.update("""
                insert into ticket (id, ref, customer_id, subject, status, channel, created_at, last_contact_at)
                select nextval('ticket_id_seq'), 'BT-' || g, ? + (g * 31 % ?), 'bench', 'RESOLVED',
                       (array['EMAIL','SMS','VOICE','WEB'])[1 + g % 4], now() - make_interval(days => g % 365), now()
                from generate_series(1, ?) g""", firstCustomer, customers, tickets);
        long firstTicket = sql.queryForObject("select min(id) from ticket where ref like 'BT-%'", Long.class);
        sql.update("""
                insert into inbound_message (channel, external_id, content_type, raw, raw_size, status, received_at, processed_at)
                select (array['EMAIL','SMS','VOICE','WEB'])[1 + g % 4], 'bench-' || g, 'text/plain', '\\x00', 1, 'PROCESSED',
                       now() - make_interval(secs => (g::bigint * 104729 % 31536000)), now()
                from generate_series(1, ?) g""", contacts);
        sql.update("""
                insert into contact_record (message_id, ticket_id, customer_id, channel, subject, body, language, intent, urgency, created_at)
                select m.id, ? + (m.id % ?), t.customer_id, m.channel, 'bench', 'bench contact', 'zh', 'GENERAL', 'NORMAL', now() - interval '1 day'
                from inbound_message m join ticket t on t.id = ? + (m.id % ?)
                where m.external_id like 'bench-%'""", firstTicket, tickets, firstTicket, tickets);
        sql.update("""
                insert into complaint_case (ticket_id, status, category, severity, opened_at, first_response_due_at, first_responded_at,
                    resolution_due_at, resolved_at, closed_at, compensation_amount, satisfaction, followed_up_at, updated_at)
                select ? + (g * 13 % ?), 'CLOSED',
                       (array['PRODUCT_QUALITY','SERVICE_FAILURE','EXPECTATION_MISMATCH','CUSTOMER_SIDE','EXTERNAL'])[1 + g % 5],
                       (array['LOW','MEDIUM','HIGH','CRITICAL'])[1 + g % 4], o, o + interval '4 hours', o + make_interval(hours => g % 7),
                       o + interval '3 days', o + make_interval(hours => g % 100), o + interval '5 days', (g % 20) * 10.0,
                       1 + g % 5, o + interval '6 days', now()
                from (select g, now() - make_interval(secs => (g::bigint * 7919 % 31536000)) as o from generate_series(1, ?) g) s""",
                firstTicket, tickets, complaints);
        sql.update("""
                insert into handoff (ticket_id, system, operation, idempotency_key, payload, status, response, created_at, delivered_at)
                select ? + (g * 17 % ?), 'ORDER', 'create-order', 'bench-order-' || g, '{}', 'DELIVERED', '{"orderNumber": "SO"}',
                       now() - make_interval(days => g % 180), now()
                from generate_series(1, ?) g""", firstTicket, tickets, 200_000);
        sql.execute("set session_replication_role = origin");
        sql.execute("analyze");
    }

    private static String once(Supplier<Object> work) {
        long start = System.nanoTime();
        Object result = work.get();
        return String.format("%.0f ms (%s)", (System.nanoTime() - start) / 1e6, result);
    }

    private static String time(int rounds, Supplier<Object> work) {
        work.get(); // warm
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            work.get();
            ms.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(ms);
        return String.format("%.1f / %.1f", ms.get(ms.size() / 2), ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.99) - 1)));
    }
}
