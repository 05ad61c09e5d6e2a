package io.contacthub.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The staff queue at volume: built-in views, filters, search and paging, sorted by priority and SLA due
 * time. The console's queue and {@code GET /api/tickets} both read it.
 * <p>
 * <b>Search</b> ({@link SearchText} for the syntax) looks in the hub's own bigram index,
 * {@code search_part} (migration V14): each word of two or more characters is looked up by its
 * character pairs under a GIN index, and the candidates are checked by LIKE for the word itself.
 * A ticket is found when every word is in its reference or subject, one of its contacts (subject,
 * text, order/waybill numbers, phones and e-mail addresses found in it), one of their files (name,
 * extracted or OCR text), or its customer's name and identities.
 * <p>
 * <b>SLA</b>: a ticket has its own clocks (its SLA policy's, {@code sla/TicketSla}) and those of its complaint
 * case that is not CLOSED. Each clock's due time is the first-response deadline until the customer was answered
 * ({@link TicketFirstAnswer}, or {@code ComplaintQueries.FIRST_ANSWER} for the case), then the resolution deadline
 * until resolved, then none; the ticket's due time is the earliest of them. "Breached": any clock that ran out,
 * answered late or not at all.
 */
@Component
public class TicketSearch {

    /** The most rows one page may ask for; the console offers fewer. */
    public static final int MAX_PAGE_SIZE = 500;
    /** How deep offset paging goes (a search this broad should be narrowed instead). */
    public static final long MAX_OFFSET = 100_000;

    static final List<String> OPEN_STATUSES = List.of("OPEN", "PENDING");

    /** The built-in views. All but RESOLVED and ALL list only OPEN and PENDING tickets. */
    public enum View {
        /** Every OPEN or PENDING ticket: the console's default. */
        OPEN(OPEN_STATUSES, null),
        /** Open tickets assigned to the staff member asking. */
        MINE(OPEN_STATUSES, "t.assignee = :me"),
        UNASSIGNED(OPEN_STATUSES, "t.assignee is null"),
        /** Open tickets whose SLA clock runs out within {@code hub.queue.breaching-soon}, or ran out. */
        BREACHING(OPEN_STATUSES, "k.due_at < :soon"),
        /** Open tickets whose intent is COMPLAINT. */
        COMPLAINTS(OPEN_STATUSES, "t.intent = 'COMPLAINT'"),
        /** Open tickets the SLA watch escalated: a first answer or the resolution was not in time (for supervisors). */
        ESCALATED(OPEN_STATUSES, "t.sla_breached_at is not null"),
        /** RESOLVED and CLOSED tickets. */
        RESOLVED(List.of("RESOLVED", "CLOSED"), null),
        ALL(List.of(), null);

        /** The statuses it lists (empty: any); an explicit status filter replaces them. */
        final List<String> statuses;
        /** What else a ticket must be, or null. */
        final String condition;

        View(List<String> statuses, String condition) {
            this.statuses = statuses;
            this.condition = condition;
        }

        boolean needsSla() {
            return this == BREACHING;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws InvalidSearch for an unknown name */
        public static View parse(String name, View otherwise) {
            if (name == null || name.isBlank()) {
                return otherwise;
            }
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidSearch("view", "view must be one of " + ids(values()) + ", not " + name, name);
            }
        }
    }

    /** The orders the queue can be read in; ties always fall back to the newest contact, then the ticket id. */
    public enum Sort {
        /** URGENT first, then the earliest SLA due time (overdue ones first), then the newest contact. */
        PRIORITY("(priority = 'URGENT') desc, due_at asc nulls last, last_contact_at desc, id desc", true),
        /** The earliest SLA due time first, then URGENT, then the newest contact. */
        DUE("due_at asc nulls last, (priority = 'URGENT') desc, last_contact_at desc, id desc", true),
        /** The newest contact first. */
        RECENT("last_contact_at desc, id desc", false),
        /** The ticket waiting longest since its last contact first. */
        OLDEST("last_contact_at asc, id asc", false);

        final String orderBy;
        final boolean needsSla;

        Sort(String orderBy, boolean needsSla) {
            this.orderBy = orderBy;
            this.needsSla = needsSla;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws InvalidSearch for an unknown name */
        public static Sort parse(String name, Sort otherwise) {
            if (name == null || name.isBlank()) {
                return otherwise;
            }
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidSearch("sort", "sort must be one of " + ids(values()) + ", not " + name, name);
            }
        }
    }

    /**
     * Why a search cannot run as asked. The message is English (the API's answer); {@link #key()} and
     * {@link #args()} name it for the console's message bundles ({@code search.error.<key>}).
     */
    public static class InvalidSearch extends RuntimeException {
        private final String key;
        private final transient Object[] args;

        public InvalidSearch(String key, String message, Object... args) {
            super(message);
            this.key = key;
            this.args = args;
        }

        public String key() {
            return key;
        }

        public Object[] args() {
            return args.clone();
        }
    }

    /**
     * What to list.
     *
     * @param text        the search box, or null/blank for none
     * @param me          the staff member asking (the MINE view)
     * @param status      one status instead of the view's, or null
     * @param channel     the opening channel or that of any contact, or null
     * @param assignee    a staff login, {@code "-"} for none, or null for anyone
     * @param review      only tickets the hub flagged for staff
     * @param slaBreached only tickets whose complaint case missed an SLA clock
     * @param customerId  only this customer's tickets, or null
     * @param customerClass only tickets of customers in this A/B/C class (as last computed), or null
     */
    public record Criteria(String text, View view, String me, String status, String channel, String intent, String assignee,
                           boolean review, boolean slaBreached, Long customerId, Sort sort, int limit, long offset,
                           String customerClass) {

        public Criteria(String text, View view, String me, String status, String channel, String intent, String assignee,
                        boolean review, boolean slaBreached, Long customerId, Sort sort, int limit, long offset) {
            this(text, view, me, status, channel, intent, assignee, review, slaBreached, customerId, sort, limit, offset, null);
        }

        public Criteria {
            customerClass = upper(customerClass);
            if (customerClass != null && !List.of("A", "B", "C").contains(customerClass)) {
                throw new InvalidSearch("class", "a customer class is A, B or C, not " + customerClass, customerClass);
            }
            view = view == null ? View.OPEN : view;
            sort = sort == null ? Sort.PRIORITY : sort;
            status = upper(status);
            channel = upper(channel);
            intent = upper(intent);
            assignee = assignee == null || assignee.isBlank() ? null : assignee.trim();
            if (limit < 1 || limit > MAX_PAGE_SIZE) {
                throw new InvalidSearch("size", "a page holds 1 to " + MAX_PAGE_SIZE + " tickets, not " + limit, MAX_PAGE_SIZE);
            }
            if (offset < 0 || offset > MAX_OFFSET) {
                throw new InvalidSearch("deep", "paging goes " + MAX_OFFSET + " tickets deep at most; narrow the search or the view", MAX_OFFSET);
            }
        }

        public boolean searching() {
            return text != null && !text.isBlank();
        }
    }

    /**
     * One ticket of the queue: {@link TicketQueries.TicketSummary}'s fields, then the assignee, the customer's name
     * (or first identity), and the SLA.
     *
     * @param slaDueAt    when the running SLA clock of its open complaint case runs out, or null
     * @param slaBreached its open complaint case missed a clock
     */
    public record Hit(long id, String ref, String subject, String status, String channel, String intent, String priority,
                      Long customerId, long contacts, OffsetDateTime createdAt, OffsetDateTime lastContactAt,
                      String reviewReason, String quotedRef, String assignee, String customerName, OffsetDateTime slaDueAt,
                      boolean slaBreached) {
    }

    /**
     * One page.
     *
     * @param total   how many tickets the view, filters and search find
     * @param ignored search words left out for being shorter than two characters
     */
    public record Result(List<Hit> hits, long total, int limit, long offset, List<String> ignored) {
        public boolean hasNext() {
            return offset + hits.size() < total;
        }

        public boolean hasPrevious() {
            return offset > 0;
        }
    }

    private static final String SLA = """
            select min(due_at) as due_at, bool_or(breached) as breached from (
                select case when cc.resolved_at is not null then null
                            when r.responded_at is null then least(cc.first_response_due_at, cc.resolution_due_at)
                            else cc.resolution_due_at end as due_at,
                       (coalesce(r.responded_at, :now) > cc.first_response_due_at
                        or coalesce(cc.resolved_at, :now) > cc.resolution_due_at) as breached
                from complaint_case cc
                cross join lateral (select %s as responded_at) r
                where cc.ticket_id = t.id and cc.status <> 'CLOSED'
                union all
                select case when t.status not in ('OPEN', 'PENDING') then null
                            when a.answered_at is null then least(t.first_response_due_at, t.resolution_due_at)
                            else t.resolution_due_at end,
                       (t.sla_breached_at is not null or coalesce(a.answered_at, :now) > t.first_response_due_at
                        or t.status in ('OPEN', 'PENDING') and :now > t.resolution_due_at)
                from (select %s as answered_at) a
                where t.first_response_due_at is not null) clocks""".formatted(
            io.contacthub.complaint.ComplaintQueries.FIRST_ANSWER, TicketFirstAnswer.OF_T);

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final Clock clock;
    private final QueueSettings settings;

    @Autowired
    TicketSearch(JdbcClient jdbc, PlatformTransactionManager transactions, ObjectProvider<Clock> clock, QueueSettings settings) {
        this(jdbc, transactions, clock.getIfAvailable(Clock::systemUTC), settings);
    }

    TicketSearch(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, QueueSettings settings) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
        this.settings = settings;
    }

    /** @throws InvalidSearch for a query over {@value SearchText#MAX_LENGTH} characters, too many words, or no word of two characters */
    public Result search(Criteria c) {
        SearchText.Parsed words = parse(c.text());
        return readOnly.execute(tx -> {
            // A search that goes wrong must not hold a connection for long.
            jdbc.sql("set local statement_timeout = '10s'").update();
            return page(c, words);
        });
    }

    /** How many open tickets each view lists (RESOLVED and ALL are not counted), for the console's tabs. */
    public Map<View, Long> counts(String me) {
        Instant now = clock.instant();
        return readOnly.execute(tx -> jdbc.sql("""
                        select count(*) as open,
                               count(*) filter (where t.assignee = :me) as mine,
                               count(*) filter (where t.assignee is null) as unassigned,
                               count(*) filter (where k.due_at < :soon) as breaching,
                               count(*) filter (where t.intent = 'COMPLAINT') as complaints,
                               count(*) filter (where t.sla_breached_at is not null) as escalated
                        from ticket t left join lateral (""" + SLA + """
                        ) k on true
                        where t.status in ('OPEN', 'PENDING')""")
                .param("me", me == null ? "" : me)
                .param("now", ts(now))
                .param("soon", ts(now.plus(settings.breachingSoon())))
                .query((rs, n) -> {
                    Map<View, Long> counts = new EnumMap<>(View.class);
                    counts.put(View.OPEN, rs.getLong("open"));
                    counts.put(View.MINE, rs.getLong("mine"));
                    counts.put(View.UNASSIGNED, rs.getLong("unassigned"));
                    counts.put(View.BREACHING, rs.getLong("breaching"));
                    counts.put(View.COMPLAINTS, rs.getLong("complaints"));
                    counts.put(View.ESCALATED, rs.getLong("escalated"));
                    return counts;
                })
                .single());
    }

    private SearchText.Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return new SearchText.Parsed(List.of(), List.of());
        }
        if (text.codePointCount(0, text.length()) > SearchText.MAX_LENGTH) {
            throw new InvalidSearch("long", "the search is longer than " + SearchText.MAX_LENGTH + " characters", SearchText.MAX_LENGTH);
        }
        String normalized = jdbc.sql("select search_norm(?)").param(text).query(String.class).single();
        SearchText.Parsed parsed = SearchText.parse(normalized);
        if (parsed.empty()) {
            throw new InvalidSearch("short", "search words need at least " + SearchText.MIN_WORD + " characters", SearchText.MIN_WORD);
        }
        return parsed;
    }

    /** A statement the search runs: its SQL (only the hub's own fragments) and the values bound to it. */
    private record Statement(String sql, Map<String, Object> params) {
        JdbcClient.StatementSpec on(JdbcClient jdbc, String prefix) {
            JdbcClient.StatementSpec spec = jdbc.sql(prefix + sql);
            for (Map.Entry<String, Object> p : params.entrySet()) {
                spec = spec.param(p.getKey(), p.getValue());
            }
            return spec;
        }
    }

    /** @param counting the count of everything found instead of the page */
    private Statement statement(Criteria c, SearchText.Parsed words, Instant now, boolean counting) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("now", ts(now));
        params.put("soon", ts(now.plus(settings.breachingSoon())));
        params.put("me", c.me() == null ? "" : c.me());
        List<String> where = new ArrayList<>();
        if (c.status() != null) {
            where.add("t.status = :status");
            params.put("status", c.status());
        } else if (!c.view().statuses.isEmpty()) {
            where.add("t.status in (:statuses)");
            params.put("statuses", c.view().statuses);
        }
        if (c.view().condition != null) {
            where.add(c.view().condition);
        }
        if (c.channel() != null) {
            where.add("(t.channel = :channel or exists (select 1 from contact_record ch where ch.ticket_id = t.id and ch.channel = :channel))");
            params.put("channel", c.channel());
        }
        if (c.intent() != null) {
            where.add("t.intent = :intent");
            params.put("intent", c.intent());
        }
        if ("-".equals(c.assignee())) {
            where.add("t.assignee is null");
        } else if (c.assignee() != null) {
            where.add("t.assignee = :assignee");
            params.put("assignee", c.assignee());
        }
        if (c.review()) {
            where.add("t.review_reason is not null");
        }
        if (c.customerClass() != null) {
            where.add("exists (select 1 from customer_standing cs where cs.customer_id = t.customer_id and cs.class = :customerClass)");
            params.put("customerClass", c.customerClass());
        }
        if (c.slaBreached()) {
            where.add("k.breached");
        }
        if (c.customerId() != null) {
            where.add("t.customer_id = :customer");
            params.put("customer", c.customerId());
        }
        for (int w = 0; w < words.words().size(); w++) {
            where.add(wordCondition(w, words.words().get(w), params));
        }
        if (where.isEmpty()) {
            where.add("true");
        }
        boolean sla = c.view().needsSla() || c.slaBreached() || !counting && c.sort().needsSla;
        String from = "ticket t" + (sla ? " left join lateral (" + SLA + ") k on true" : "");
        String condition = String.join("\n  and ", where);
        if (counting) {
            return new Statement("select count(*) from " + from + " where " + condition, params);
        }
        params.put("limit", c.limit());
        params.put("offset", c.offset());
        return new Statement("""
                with page as (
                    select t.id, t.priority, t.last_contact_at, %s as due_at,
                           row_number() over (order by %s) as pos, count(*) over () as total
                    from %s
                    where %s
                    order by %s
                    limit :limit offset :offset)
                select p.total, t.*, k.due_at as sla_due_at, coalesce(k.breached, false) as sla_breached,
                       (select count(*) from contact_record c where c.ticket_id = t.id) as contacts,
                       coalesce(cu.display_name, (select i.value from customer_identity i where i.customer_id = t.customer_id
                                                  order by i.id limit 1)) as customer_name
                from page p join ticket t on t.id = p.id
                left join customer cu on cu.id = t.customer_id
                left join lateral (%s) k on true
                order by p.pos""".formatted(sla ? "k.due_at" : "null::timestamptz", c.sort().orderBy, from, condition,
                c.sort().orderBy, SLA), params);
    }

    private Result page(Criteria c, SearchText.Parsed words) {
        Instant now = clock.instant();
        long[] total = {0};
        List<Hit> hits = statement(c, words, now, false).on(jdbc, "").query((rs, n) -> {
            total[0] = rs.getLong("total");
            return hit(rs);
        }).list();
        if (hits.isEmpty() && c.offset() > 0) {
            // Past the last page: say how many there are, so the pager can lead back.
            total[0] = statement(c, words, now, true).on(jdbc, "").query(Long.class).single();
        }
        return new Result(hits, total[0], c.limit(), c.offset(), words.ignored());
    }

    /**
     * The plan PostgreSQL ran a search's page query with ({@code EXPLAIN (ANALYZE, BUFFERS)}): for the benchmark,
     * and for operators checking that a search uses {@code search_part_grams}.
     */
    public List<String> explain(Criteria c) {
        SearchText.Parsed words = parse(c.text());
        return readOnly.execute(tx -> statement(c, words, clock.instant(), false)
                .on(jdbc, "explain (analyze, buffers) ").query(String.class).list());
    }

    /**
     * The ticket has the word in one of its own parts (reference and subject, contacts, files) or in its
     * customer's. Each form is looked up by its bigrams (GIN) and checked by LIKE; all values are bound.
     */
    private static String wordCondition(int w, SearchText.Word word, Map<String, Object> params) {
        List<String> matches = new ArrayList<>();
        for (int f = 0; f < word.forms().size(); f++) {
            String name = "w" + w + "f" + f;
            params.put(name, word.forms().get(f));
            params.put(name + "p", word.patterns().get(f));
            matches.add("(sp.grams @> search_grams(:" + name + ") and sp.doc like :" + name + "p escape '\\')");
        }
        String match = String.join(" or ", matches);
        return "(t.id in (select sp.ticket_id from search_part sp where sp.ticket_id is not null and (" + match + "))"
                + " or t.customer_id in (select sp.customer_id from search_part sp where sp.kind = 'U' and (" + match + ")))";
    }

    private static Hit hit(ResultSet rs) throws SQLException {
        return new Hit(rs.getLong("id"), rs.getString("ref"), rs.getString("subject"), rs.getString("status"),
                rs.getString("channel"), rs.getString("intent"), rs.getString("priority"),
                rs.getObject("customer_id", Long.class), rs.getLong("contacts"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("last_contact_at", OffsetDateTime.class),
                rs.getString("review_reason"), rs.getString("quoted_ref"), rs.getString("assignee"),
                rs.getString("customer_name"), rs.getObject("sla_due_at", OffsetDateTime.class), rs.getBoolean("sla_breached"));
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String upper(String s) {
        return s == null || s.isBlank() ? null : s.trim().toUpperCase(Locale.ROOT);
    }

    private static String ids(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList().toString();
    }
}
