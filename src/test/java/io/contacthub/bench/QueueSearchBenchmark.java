package io.contacthub.bench;

import io.contacthub.ContactHubApplication;
import io.contacthub.ticket.TicketSearch;
import io.contacthub.web.console.FormSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The queue among many tickets (see docs/BENCHMARKS.md): a hub is started on a fresh embedded database, N
 * tickets (default 10,000) with their customers, identities, 1–5 contacts each in Chinese or English, some
 * files with OCR text and complaint cases with SLA clocks are written into it (the search index is built by
 * its triggers as they go, as in production), and every kind of search and view is timed: in-process through
 * {@link TicketSearch} (the queries) and over HTTP as the console's live table asks for it
 * ({@code GET /console/queue/rows}, signed in: query, rendering, HTTP). Prints p50/p99 per kind, the EXPLAIN of
 * the text searches, and what pg_trgm would do with the same words.
 * <p>
 * {@code ./mvnw -q -B -Pbench test-compile exec:exec@queue-search-benchmark -Dbench.tickets=10000}
 */
public final class QueueSearchBenchmark {

    private static final String[] ZH = {
        "您好，我的快递一直没有收到", "请尽快处理", "外包装破损", "里面的货物损坏了", "送错地址了", "司机态度很差", "希望赔偿",
        "什么时候能送到", "麻烦帮我查一下", "仓库说已经发货", "配送员没有打电话", "托盘数量不对", "已经签收但是没收到", "需要开发票",
        "我要退货", "能不能换货", "冷链温度不够", "物流信息三天没更新", "延误了两天", "客服电话打不通", "谢谢", "地址是上海市浦东新区",
        "北京市朝阳区", "广州市天河区", "包裹被退回了", "快递柜", "上门取件", "预约送货时间", "货物受潮", "包装很好"};
    private static final String[] EN = {
        "Hello, my parcel has not arrived yet", "the box was damaged", "please call me back", "when will it be delivered",
        "it went to the wrong address", "I need an invoice", "I want to return the goods", "the pallet count is wrong",
        "the warehouse says it was shipped", "tracking has not updated for three days", "the driver was rude",
        "thank you", "customs clearance", "cold chain temperature", "please reschedule the delivery", "the goods were wet",
        "signed for but not received", "refund the shipping fee", "Best regards", "Kind regards"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明"};
    private static final String[] EN_NAMES = {"Li Wei", "Emma Chen", "John Smith", "Maria Garcia", "David Wang", "Anna Liu",
        "Peter Zhang", "Sarah Lin", "Tom Huang", "Lucy Zhou"};

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.tickets", 10_000);
        int rounds = Integer.getInteger("bench.rounds", 100);
        Random random = new Random(13);
        long bootStart = System.nanoTime();
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(ContactHubApplication.class)
                .run("--hub.data-dir=" + Path.of("target", "bench-data", UUID.randomUUID().toString()),
                        "--server.port=0", "--hub.admin-password=bench-queue-search-1", "--logging.level.root=WARN",
                        "--hub.mail.url=")) {
            System.out.printf("hub start-up: %.1f s%n", (System.nanoTime() - bootStart) / 1e9);
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            JdbcTemplate template = hub.getBean(JdbcTemplate.class);
            Needle needle = seed(template, jdbc, n, random);
            TicketSearch search = hub.getBean(TicketSearch.class);
            int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
            FormSession console = new FormSession(port);
            console.signIn("/login", "admin", "bench-queue-search-1");

            List<Case> cases = List.of(
                    new Case("reference", needle.ref, null),
                    new Case("waybill number", needle.waybill, null),
                    new Case("part of a waybill number (last 8 digits)", needle.waybill.substring(7), null),
                    new Case("order number", needle.order, null),
                    new Case("phone (national, 11 digits)", needle.phone.substring(3), null),
                    new Case("e-mail", needle.email, null),
                    new Case("customer name", needle.name, null),
                    new Case("English word, in one ticket", "quixotic", null),
                    new Case("English word, common", "damaged", null),
                    new Case("Chinese 2 characters, in one ticket", "麒麟", null),
                    new Case("Chinese 2 characters, common", "破损", null),
                    new Case("Chinese 3 characters, in one ticket", "琉璃瓦", null),
                    new Case("Chinese 3 characters, common", "没收到", null),
                    new Case("two words (破损 赔偿)", "破损 赔偿", null),
                    new Case("open queue, priority order, page 1 (no search)", null, TicketSearch.View.OPEN),
                    new Case("breaching soon (no search)", null, TicketSearch.View.BREACHING),
                    new Case("unassigned (no search)", null, TicketSearch.View.UNASSIGNED),
                    new Case("complaints (no search)", null, TicketSearch.View.COMPLAINTS));

            System.out.println();
            System.out.printf("%,d tickets, %,d contacts, %,d files, %,d customers; %d rounds per search after %d warm-up rounds%n",
                    count(jdbc, "ticket"), count(jdbc, "contact_record"), count(jdbc, "attachment"), count(jdbc, "customer"),
                    rounds, rounds / 5);
            System.out.println();
            System.out.println("| search | found | in-process p50 | p99 | console rows over HTTP p50 | p99 |");
            System.out.println("|---|---|---|---|---|---|");
            for (Case c : cases) {
                TicketSearch.Criteria criteria = c.criteria();
                TicketSearch.Result result = search.search(criteria);
                double[] inProcess = time(rounds, () -> search.search(criteria));
                String rows = "/console/queue/rows?size=50" + (c.q == null ? "" : "&q=" + URLEncoder.encode(c.q, StandardCharsets.UTF_8))
                        + (c.view == null ? "" : "&view=" + c.view.id());
                double[] http = time(Math.max(10, rounds / 2), () -> {
                    try {
                        var answer = console.get(rows, "text/html");
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException(rows + " answered " + answer.statusCode());
                        }
                        return answer;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                System.out.printf("| %s%s | %,d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", c.label,
                        c.q == null ? "" : " `" + c.q + "`", result.total(), inProcess[0], inProcess[1], http[0], http[1]);
            }

            System.out.println();
            for (String q : List.of("破损", "麒麟", needle.waybill)) {
                System.out.println("EXPLAIN (ANALYZE, BUFFERS) of the search for " + q + " (the lines on search_part):");
                List<String> plan = search.explain(new TicketSearch.Criteria(q, TicketSearch.View.ALL, "admin", null, null, null,
                        null, false, false, null, TicketSearch.Sort.PRIORITY, 50, 0));
                plan.stream().filter(l -> l.contains("search_part") || l.contains("Execution Time") || l.contains("Seq Scan on search"))
                        .forEach(line -> System.out.println("    " + line.strip()));
                System.out.println("    -> uses search_part_grams: " + plan.stream().anyMatch(l -> l.contains("search_part_grams"))
                        + " (whole plan: " + writePlan(q, plan) + ")");
                System.out.println();
            }
            compareWithoutTheIndex(jdbc, template, rounds);
            upkeep(jdbc, template);
            backfill(jdbc, template);
        }
        System.exit(0);
    }

    private static Path writePlan(String q, List<String> plan) throws java.io.IOException {
        Path file = Path.of("target", "bench-queue-explain-" + Integer.toHexString(q.hashCode()) + ".txt");
        java.nio.file.Files.write(file, plan);
        return file;
    }

    record Needle(String ref, String waybill, String order, String phone, String email, String name) {
    }

    record Case(String label, String q, TicketSearch.View view) {
        TicketSearch.Criteria criteria() {
            return new TicketSearch.Criteria(q, view == null ? TicketSearch.View.ALL : view, "admin", null, null, null, null,
                    false, false, null, TicketSearch.Sort.PRIORITY, 50, 0);
        }
    }

    /**
     * The core lookup alone (distinct tickets whose parts contain the word): the hub's bigram index, a sequential
     * LIKE scan of the same text, and pg_trgm's GIN index on it (if the server has the extension).
     */
    private static void compareWithoutTheIndex(JdbcClient jdbc, JdbcTemplate template, int rounds) {
        List<String> words = List.of("破损", "没收到", "damaged", "麒麟");
        String lookup = "select count(distinct ticket_id) from search_part where doc like ?";
        double[] bigram = new double[words.size()];
        double[] seq = new double[words.size()];
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            bigram[i] = time(rounds, () -> jdbc.sql("""
                    select count(distinct ticket_id) from search_part where grams @> search_grams(?) and doc like ?""")
                    .params(word, "%" + word + "%").query(Long.class).single())[0];
            seq[i] = time(Math.max(5, rounds / 5), () -> inTransaction(template,
                    List.of("set local enable_bitmapscan = off", "set local enable_indexscan = off"), lookup, "%" + word + "%"))[0];
        }
        boolean trgm = false;
        try {
            template.execute("create extension if not exists pg_trgm");
            long start = System.nanoTime();
            template.execute("create index bench_trgm on search_part using gin (doc gin_trgm_ops)");
            template.execute("analyze search_part");
            System.out.printf("pg_trgm: index built in %.1f s, %s; the database's LC_CTYPE is %s%n", (System.nanoTime() - start) / 1e9,
                    jdbc.sql("select pg_size_pretty(pg_relation_size('bench_trgm'))").query(String.class).single(),
                    jdbc.sql("select datctype from pg_database where datname = current_database()").query(String.class).single());
            trgm = true;
        } catch (RuntimeException e) {
            System.out.println("pg_trgm is not available on this server: " + e.getMessage());
        }
        System.out.println();
        System.out.println("| word | bigram GIN (the hub's) p50 | sequential LIKE scan p50 | pg_trgm GIN p50 | pg_trgm: what the index gave |");
        System.out.println("|---|---|---|---|---|");
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String trgmTime = "-";
            String trgmPlan = "-";
            if (trgm) {
                List<String> forceIndex = List.of("set local enable_seqscan = off");
                trgmTime = String.format("%.1f ms", time(Math.max(5, rounds / 5),
                        () -> inTransaction(template, forceIndex, lookup, "%" + word + "%"))[0]);
                trgmPlan = explainIndex(template, forceIndex, "explain (analyze, costs off) " + lookup, "%" + word + "%");
            }
            System.out.printf("| %s | %.1f ms | %.1f ms | %s | %s |%n", word, bigram[i], seq[i], trgmTime, trgmPlan);
        }
        System.out.println();
    }

    /**
     * What keeping the index costs a writer: the same contacts (copies of seeded ones, their text as it is) inserted
     * with the search triggers on and off, in batches of 100 like a busy intake, one transaction per batch.
     */
    private static void upkeep(JdbcClient jdbc, JdbcTemplate template) {
        int copies = 2_000;
        List<Object[]> rows = template.query("""
                select ticket_id, customer_id, subject, body, entities::text from contact_record order by id limit ?""",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)}, copies);
        double avgChars = rows.stream().mapToInt(r -> ((String) r[3]).length()).average().orElse(0);
        double[] perContact = new double[2];
        for (int pass = 0; pass < 2; pass++) {
            boolean triggers = pass == 0;
            if (!triggers) {
                template.execute("alter table contact_record disable trigger search_contact_insert");
            }
            long nextMessage = jdbc.sql("select max(id) + 1 from inbound_message").query(Long.class).single();
            List<Object[]> messages = new ArrayList<>();
            List<Object[]> contacts = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                long id = nextMessage + i;
                messages.add(new Object[] {id, "upkeep-" + pass + "-" + id, "upkeep@example.cn", Timestamp.from(Instant.now())});
                Object[] r = rows.get(i);
                contacts.add(new Object[] {id, r[0], r[1], r[2], r[3], r[4], "zh", "GENERAL"});
            }
            template.batchUpdate("""
                    insert into inbound_message (id, channel, external_id, source, sender, content_type, raw, raw_size, status, received_at)
                    values (?, 'EMAIL', ?, 'bench', ?, 'message/rfc822', '\\x00'::bytea, 1, 'PROCESSED', ?)""", messages);
            long start = System.nanoTime();
            for (int from = 0; from < contacts.size(); from += 100) {
                template.batchUpdate("""
                        insert into contact_record (message_id, ticket_id, customer_id, channel, subject, body, entities, language, intent)
                        values (?, ?, ?, 'EMAIL', ?, ?, cast(? as jsonb), ?, ?)""", contacts.subList(from, Math.min(contacts.size(), from + 100)));
            }
            perContact[pass] = (System.nanoTime() - start) / 1e6 / contacts.size();
            if (!triggers) {
                template.execute("alter table contact_record enable trigger search_contact_insert");
            }
        }
        System.out.printf("Index upkeep: inserting %,d contacts (average %,.0f characters of text) took %.2f ms each with the search "
                + "trigger, %.2f ms without: %.2f ms per contact for the index%n", rows.size(), avgChars, perContact[0], perContact[1],
                perContact[0] - perContact[1]);
    }

    /** What the V14 migration's building of the index for existing data takes: its own statements, run again. */
    private static void backfill(JdbcClient jdbc, JdbcTemplate template) throws java.io.IOException {
        String migration;
        try (var in = QueueSearchBenchmark.class.getResourceAsStream("/db/migration/V14__ticket_search.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String statements = migration.substring(migration.indexOf("-- What is there already."), migration.indexOf("analyze search_part"));
        long contacts = jdbc.sql("select count(*) from contact_record").query(Long.class).single();
        template.execute("drop index if exists bench_trgm");
        template.execute("truncate search_part");
        long start = System.nanoTime();
        for (String statement : statements.split(";")) {
            if (statement.contains("insert into search_part")) {
                template.execute(statement);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Upgrade: the V14 migration indexes what is there (%,d contacts and their tickets, files, customers) in %.1f s "
                + "(%.2f ms per contact)%n", contacts, seconds, seconds * 1000 / contacts);
    }

    /** The index scan's line of a plan and the rows its recheck threw away: how much the index narrowed. */
    private static String explainIndex(JdbcTemplate template, List<String> settings, String explain, String param) {
        List<String> plan = template.execute((java.sql.Connection c) -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                for (String setting : settings) {
                    s.execute(setting);
                }
                try (var ps = c.prepareStatement(explain)) {
                    ps.setString(1, param);
                    List<String> lines = new ArrayList<>();
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            lines.add(rs.getString(1).trim());
                        }
                    }
                    return lines;
                }
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        });
        return plan.stream().filter(l -> l.contains("Index Scan") || l.contains("Rows Removed by Index Recheck") || l.contains("Seq Scan"))
                .reduce((a, b) -> a + "; " + b).orElse(String.join("; ", plan));
    }

    private static Object inTransaction(JdbcTemplate template, List<String> settings, String query, String param) {
        return template.execute((java.sql.Connection c) -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                for (String setting : settings) {
                    s.execute(setting);
                }
                try (var ps = c.prepareStatement(query)) {
                    ps.setString(1, param);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        });
    }

    /** p50 and p99 in milliseconds of {@code rounds} calls after a fifth as many warm-up calls. */
    private static double[] time(int rounds, Supplier<?> call) {
        for (int i = 0; i < Math.max(2, rounds / 5); i++) {
            call.get();
        }
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            call.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[(int) Math.floor(0.50 * (rounds - 1))], ms[(int) Math.ceil(0.99 * (rounds - 1))]};
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /**
     * N tickets written as intake writes them (customer and identities, ticket, message, contact with entities,
     * files, complaint case), in batches; the search index is the triggers' work, as in production.
     */
    private static Needle seed(JdbcTemplate template, JdbcClient jdbc, int n, Random random) {
        long start = System.nanoTime();
        for (String staff : List.of("li.na", "wang.wei", "chen.jing")) {
            jdbc.sql("insert into staff_user (username, password_hash, role) values (?, 'x', 'AGENT') on conflict do nothing")
                    .param(staff).update();
        }
        int customers = Math.max(1, n * 6 / 10);
        List<Object[]> customerRows = new ArrayList<>();
        List<Object[]> identityRows = new ArrayList<>();
        String[] names = new String[customers];
        String[] emails = new String[customers];
        String[] phones = new String[customers];
        Set<String> usedPhones = new HashSet<>();
        long firstCustomer = jdbc.sql("select coalesce(max(id), 0) + 1 from customer").query(Long.class).single();
        for (int c = 0; c < customers; c++) {
            names[c] = random.nextInt(10) < 7 ? SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                    : EN_NAMES[random.nextInt(EN_NAMES.length)];
            emails[c] = "customer" + c + "." + Integer.toHexString(random.nextInt()) + "@example.cn";
            String phone;
            do {
                phone = "+861" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
            } while (!usedPhones.add(phone));
            phones[c] = phone;
            long id = firstCustomer + c;
            customerRows.add(new Object[] {id, names[c]});
            identityRows.add(new Object[] {id, "EMAIL", emails[c]});
            identityRows.add(new Object[] {id, "PHONE", phones[c]});
        }
        template.batchUpdate("insert into customer (id, kind, display_name) values (?, 'GENERAL', ?)", customerRows);
        template.execute("select setval('customer_id_seq', (select max(id) from customer))");
        template.batchUpdate("insert into customer_identity (customer_id, kind, value, provenance) values (?, ?, ?, 'OBSERVED')",
                identityRows);

        long firstTicket = jdbc.sql("select nextval('ticket_id_seq')").query(Long.class).single();
        int needleIndex = n / 2;
        Needle needle = null;
        Instant now = Instant.now();
        String[] statuses = {"OPEN", "OPEN", "OPEN", "OPEN", "PENDING", "RESOLVED", "RESOLVED", "RESOLVED", "RESOLVED", "CLOSED"};
        String[] assignees = {null, null, "li.na", "wang.wei", "chen.jing", "admin"};
        List<Object[]> tickets = new ArrayList<>();
        List<Object[]> messages = new ArrayList<>();
        List<Object[]> contacts = new ArrayList<>();
        List<Object[]> files = new ArrayList<>();
        List<Object[]> cases = new ArrayList<>();
        long messageId = jdbc.sql("select coalesce(max(id), 0) + 1 from inbound_message").query(Long.class).single();
        int batch = 0;
        for (int t = 0; t < n; t++) {
            long ticketId = firstTicket + t;
            int customer = random.nextInt(customers);
            boolean chinese = random.nextInt(10) < 6;
            boolean complaint = random.nextInt(100) < 12;
            String intent = complaint ? "COMPLAINT" : new String[] {"GENERAL", "TRACKING", "ORDER"}[random.nextInt(3)];
            String waybill = "SF" + String.format("%013d", Math.abs(random.nextLong()) % 10_000_000_000_000L);
            String order = "ORD-" + String.format("%08d", random.nextInt(100_000_000));
            Instant created = now.minus(random.nextInt(90 * 24 * 60), ChronoUnit.MINUTES);
            int contactCount = 1 + random.nextInt(5);
            Instant last = created.plus(random.nextInt(3 * 24 * 60), ChronoUnit.MINUTES);
            String ref = String.format("CH-%06d", ticketId);
            String subject = chinese ? pick(random, ZH) : pick(random, EN);
            tickets.add(new Object[] {ticketId, ref, firstCustomer + customer, subject, statuses[random.nextInt(statuses.length)],
                    "EMAIL", intent, random.nextInt(100) < 5 ? "URGENT" : "NORMAL", assignees[random.nextInt(assignees.length)],
                    Timestamp.from(created), Timestamp.from(last)});
            for (int k = 0; k < contactCount; k++) {
                String body = body(random, chinese, waybill, order, phones[customer]);
                if (t == needleIndex && k == 0) {
                    // Words no other ticket has: one English, a 2- and a 3-character Chinese one.
                    body += " 屋顶的琉璃瓦碎了，像麒麟一样的摆件也坏了。A quixotic request, I know.";
                    needle = new Needle(ref, waybill, order, phones[customer], emails[customer], names[customer]);
                }
                messages.add(new Object[] {messageId, "bench-" + messageId, emails[customer], Timestamp.from(created)});
                contacts.add(new Object[] {messageId, ticketId, firstCustomer + customer, subject, body,
                        "{\"waybillNumbers\": [\"" + waybill + "\"], \"orderNumbers\": [\"" + order + "\"], \"phones\": [], \"emails\": []}",
                        chinese ? "zh" : "en", intent});
                if (random.nextInt(10) == 0) {
                    files.add(new Object[] {messageId, "scan-" + messageId + ".pdf", body(random, chinese, waybill, order, null).repeat(3)});
                }
                messageId++;
            }
            if (complaint) {
                Instant opened = now.minus(random.nextInt(5 * 24 * 60), ChronoUnit.MINUTES);
                cases.add(new Object[] {ticketId, Timestamp.from(opened), Timestamp.from(opened.plus(8, ChronoUnit.HOURS)),
                        Timestamp.from(opened.plus(3, ChronoUnit.DAYS)), Timestamp.from(opened)});
            }
            if (++batch == 500 || t == n - 1) {
                flush(template, tickets, messages, contacts, files, cases);
                batch = 0;
            }
        }
        template.execute("select setval('ticket_id_seq', (select max(id) from ticket))");
        template.execute("select setval('inbound_message_id_seq', (select max(id) from inbound_message))");
        template.execute("vacuum analyze");
        double seconds = (System.nanoTime() - start) / 1e9;
        long contactCount = jdbc.sql("select count(*) from contact_record").query(Long.class).single();
        System.out.printf("seeded %,d tickets with %,d contacts in %.1f s (search index kept by the triggers; %.2f ms per contact "
                        + "all in); index: %s in search_part, %s GIN%n", n, contactCount, seconds, seconds * 1000 / contactCount,
                jdbc.sql("select pg_size_pretty(pg_total_relation_size('search_part'))").query(String.class).single(),
                jdbc.sql("select pg_size_pretty(pg_relation_size('search_part_grams'))").query(String.class).single());
        return needle;
    }

    private static void flush(JdbcTemplate template, List<Object[]> tickets, List<Object[]> messages, List<Object[]> contacts,
                              List<Object[]> files, List<Object[]> cases) {
        template.batchUpdate("""
                insert into ticket (id, ref, customer_id, subject, status, channel, intent, priority, assignee, created_at,
                                    last_contact_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", tickets);
        template.batchUpdate("""
                insert into inbound_message (id, channel, external_id, source, sender, content_type, raw, raw_size, status, received_at)
                values (?, 'EMAIL', ?, 'bench', ?, 'message/rfc822', '\\x00'::bytea, 1, 'PROCESSED', ?)""", messages);
        template.batchUpdate("""
                insert into contact_record (message_id, ticket_id, customer_id, channel, subject, body, entities, language, intent)
                values (?, ?, ?, 'EMAIL', ?, ?, cast(? as jsonb), ?, ?)""", contacts);
        template.batchUpdate("""
                insert into attachment (message_id, file_name, content_type, size, sha256, content, extracted_text, extracted_by)
                values (?, ?, 'application/pdf', 1, repeat('0', 64), '\\x00'::bytea, ?, 'ocr:tesseract')""", files);
        template.batchUpdate("""
                insert into complaint_case (ticket_id, status, category, severity, opened_at, first_response_due_at,
                                            resolution_due_at, updated_at) values (?, 'OPEN', 'UNCLASSIFIED', 'MEDIUM', ?, ?, ?, ?)""",
                cases);
        tickets.clear();
        messages.clear();
        contacts.clear();
        files.clear();
        cases.clear();
    }

    /** A mail-like text: a greeting, a few sentences with the numbers, sometimes quoted history (50 to ~3,000 characters). */
    private static String body(Random random, boolean chinese, String waybill, String order, String phone) {
        String[] words = chinese ? ZH : EN;
        StringBuilder body = new StringBuilder();
        int sentences = 2 + random.nextInt(8);
        for (int i = 0; i < sentences; i++) {
            body.append(pick(random, words)).append(chinese ? "，" : ", ");
            if (i == 1) {
                body.append(chinese ? "运单号 " : "waybill ").append(waybill).append(chinese ? "，订单号 " : ", order ").append(order)
                        .append(chinese ? "。" : ". ");
            }
        }
        if (phone != null && random.nextInt(4) == 0) {
            body.append(chinese ? "我的电话 " : "my phone ").append(phone.substring(3)).append(' ');
        }
        if (random.nextInt(5) == 0) {
            String quoted = body.toString();
            body.append("\n\n> ").append(quoted.repeat(1 + random.nextInt(6)).replace("\n", "\n> "));
        }
        return body.toString();
    }

    private static String pick(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }
}
