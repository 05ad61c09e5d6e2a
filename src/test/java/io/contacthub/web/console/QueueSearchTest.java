package io.contacthub.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The queue at volume, as staff meet it through {@code GET /api/tickets} and the console: search by every
 * kind of thing a customer can be known by, paging, the built-in views, the order, and bulk changes.
 * Tickets share one hub with other tests, so each test marks its tickets with a word of its own and
 * searches within it.
 */
class QueueSearchTest extends HubIntegrationTest {

    private static final Random RANDOM = new Random();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    @Test
    void aTicketIsFoundByReferenceNumbersIdentitiesNameAndWordsOfItsTextInChineseAndEnglish() {
        String waybill = "SF" + digits(13);
        String order = "ORD-" + digits(8);
        String phone = "+86139" + digits(8);
        String email = "search." + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        String name = "Qiao " + rareLatin();
        String english = rareLatin();
        String chinese2 = rareChinese(2);
        String chinese3 = rareChinese(3);
        String ref = message("""
                {"name": "%s", "email": "%s", "phone": "%s", "subject": "我的快递到哪了",
                 "body": "运单号 %s 还没到，订单 %s。货物%s了，外包装破损%s。The parcel is %s."}"""
                .formatted(name, email, phone, waybill, order, chinese2, chinese3, english));

        assertThat(found(ref)).as("reference").containsExactly(ref);
        assertThat(found(waybill)).as("waybill number").containsExactly(ref);
        assertThat(found(waybill.substring(5).toLowerCase())).as("part of the waybill number").contains(ref);
        assertThat(found(order)).as("order number").containsExactly(ref);
        assertThat(found(phone)).as("phone in E.164").containsExactly(ref);
        String national = phone.substring(3);
        assertThat(found(national)).as("phone without the country code").containsExactly(ref);
        assertThat(found("\"" + national.substring(0, 3) + "-" + national.substring(3, 7) + "-" + national.substring(7) + "\""))
                .as("phone written with dashes").containsExactly(ref);
        assertThat(found(email.toUpperCase())).as("e-mail, any case").containsExactly(ref);
        assertThat(found(name)).as("name (two words, both must match)").containsExactly(ref);
        assertThat(found(english)).as("an English word of the text").containsExactly(ref);
        assertThat(found(chinese2)).as("a two-character Chinese word").containsExactly(ref);
        assertThat(found(chinese3)).as("a three-character Chinese word").containsExactly(ref);
        assertThat(found(chinese2 + " " + english)).as("two words, both in the ticket").containsExactly(ref);
        assertThat(found(chinese2 + " " + rareLatin())).as("two words, one not in the ticket").isEmpty();
        // Full-width characters as a Chinese keyboard types them are their half-width forms.
        assertThat(found(fullWidth(waybill))).as("full-width waybill number").containsExactly(ref);
        // A real word many tickets share: this one is among them.
        assertThat(found("破损 " + english)).containsExactly(ref);
    }

    @Test
    void fileTextIsSearchedAndOcrTextArrivingLaterIsFoundToo() {
        String token = rareLatin();
        String ref = message("""
                {"email": "%s", "subject": "scan", "body": "see the attachment %s"}""".formatted(unique(), token));
        String later = rareChinese(2) + rareLatin();
        assertThat(found(later)).isEmpty();
        // What the fax and speech catch-up do when text arrives after the contact was recorded.
        jdbc.sql("update contact_record set body = body || ? where ticket_id = (select id from ticket where ref = ?)")
                .params(" " + later, ref).update();
        assertThat(found(later)).containsExactly(ref);
        // Numbers found after the record (a fax's OCR) are searched; other keys added to the entities (an order's form
        // fields, which the search does not read) leave what is found as it was.
        String waybill = "SF" + digits(13);
        assertThat(found(waybill)).isEmpty();
        jdbc.sql("update contact_record set entities = entities || cast(? as jsonb) where ticket_id = (select id from ticket where ref = ?)")
                .params("{\"waybillNumbers\": [\"" + waybill + "\"]}", ref).update();
        assertThat(found(waybill)).containsExactly(ref);
        jdbc.sql("update contact_record set entities = entities || cast(? as jsonb) where ticket_id = (select id from ticket where ref = ?)")
                .params("{\"form\": {\"fields\": {\"goods\": \"茶叶\"}}}", ref).update();
        assertThat(found(waybill)).containsExactly(ref);
        assertThat(found(later)).containsExactly(ref);
        // A file's extracted (OCR) text, also when it is written after the contact.
        String ocr = rareChinese(3);
        jdbc.sql("""
                insert into attachment (message_id, file_name, content_type, size, sha256, content, extracted_text)
                select c.message_id, 'scan.pdf', 'application/pdf', 1, repeat('0', 64), '\\x00'::bytea, null
                from contact_record c join ticket t on t.id = c.ticket_id where t.ref = ?""").param(ref).update();
        assertThat(found("scan.pdf " + token)).containsExactly(ref);
        assertThat(found(ocr)).isEmpty();
        jdbc.sql("""
                update attachment set extracted_text = ? where message_id = (select c.message_id from contact_record c
                join ticket t on t.id = c.ticket_id where t.ref = ?)""").params("第一页 " + ocr + " 签收", ref).update();
        assertThat(found(ocr)).containsExactly(ref);

        // Merged into another ticket (TicketLinks moves the contacts): its words and files are found on that one.
        String into = message("""
                {"email": "%s", "subject": "the other ticket", "body": "hello"}""".formatted(unique()));
        jdbc.sql("update contact_record set ticket_id = (select id from ticket where ref = ?) "
                + "where ticket_id = (select id from ticket where ref = ?)").params(into, ref).update();
        assertThat(found(later)).containsExactly(into);
        assertThat(found(ocr)).containsExactly(into);
        // A customer's new identity, e.g. confirmed by staff, finds their tickets.
        String phone = "+86137" + digits(8);
        jdbc.sql("insert into customer_identity (customer_id, kind, value, provenance) "
                + "select customer_id, 'PHONE', ?, 'VERIFIED' from ticket where ref = ?").params(phone, into).update();
        assertThat(found(phone.substring(3))).containsExactly(into);
    }

    @Test
    void likeWildcardsInTheSearchMatchOnlyThemselves() {
        String token = rareLatin();
        String literal = message("""
                {"email": "%s", "subject": "code", "body": "%s voucher 7%%_9 applied"}""".formatted(unique(), token));
        // Has every character pair of "7%_9" and, read as a LIKE pattern, would match it: 7, anything, one character, 9.
        String lookalike = message("""
                {"email": "%s", "subject": "code", "body": "%s 7%% off, 20%%_30 band, x_9 and 7xy9"}""".formatted(unique(), token));
        assertThat(found(token)).containsExactlyInAnyOrder(literal, lookalike);
        assertThat(found(token + " 7%_9")).containsExactly(literal);
        assertThat(found(token + " 7_y9")).isEmpty();
        assertThat(found(token + " %%")).isEmpty();
    }

    @Test
    void searchesThatCannotRunAreRefusedWithAReason() {
        ResponseEntity<String> oneChar = staffGetRaw("/api/tickets?q=" + enc("破"));
        assertThat(oneChar.getStatusCode().value()).isEqualTo(400);
        assertThat(readJson(oneChar.getBody()).path("detail").asText()).contains("at least 2 characters");
        ResponseEntity<String> tooLong = staffGetRaw("/api/tickets?q=" + "a".repeat(201));
        assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
        assertThat(readJson(tooLong.getBody()).path("detail").asText()).contains("longer than 200 characters");
        assertThat(staffGetRaw("/api/tickets?q=" + enc("a1 b2 c3 d4 e5 f6 g7 h8 i9")).getStatusCode().value()).isEqualTo(400);
        assertThat(staffGetRaw("/api/tickets?view=nonsense").getStatusCode().value()).isEqualTo(400);
        assertThat(staffGetRaw("/api/tickets?sort=nonsense").getStatusCode().value()).isEqualTo(400);
        assertThat(staffGetRaw("/api/tickets?page=0").getStatusCode().value()).isEqualTo(400);
        // A one-character word beside a real one is left out, and the search runs.
        String token = rareLatin();
        String ref = message("""
                {"email": "%s", "subject": "x", "body": "%s"}""".formatted(unique(), token));
        assertThat(found(token + " x")).containsExactly(ref);
    }

    @Test
    void pagesFollowOneAnotherWithoutRepeatsAndSayHowManyThereAre() throws Exception {
        String token = rareLatin();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            refs.add(message("""
                    {"email": "%s", "subject": "paging %d", "body": "%s"}""".formatted(unique(), i, token)));
        }
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String next = "/api/tickets?q=" + token + "&page=1&limit=3";
        int pages = 0;
        while (next != null) {
            ResponseEntity<String> page = staffGetRaw(next);
            assertThat(page.getStatusCode().value()).isEqualTo(200);
            assertThat(page.getHeaders().getFirst("X-Total-Count")).isEqualTo("7");
            for (JsonNode t : readJson(page.getBody())) {
                assertThat(seen.add(t.path("ref").asText())).as("no ticket twice: " + t.path("ref")).isTrue();
                order.add(t.path("ref").asText());
            }
            next = nextLink(page.getHeaders().getFirst("Link"));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(refs);
        // Newest contact first by default in the API, as it always was.
        List<String> newestFirst = new ArrayList<>(refs);
        java.util.Collections.reverse(newestFirst);
        assertThat(order).containsExactlyElementsOf(newestFirst);
        // The same by offset, as clients of the earlier API page.
        JsonNode second = staffGet("/api/tickets?q=" + token + "&limit=3&offset=3");
        assertThat(second).extracting(t -> t.path("ref").asText()).containsExactlyElementsOf(order.subList(3, 6));
        // Past the end: empty, and still the count.
        ResponseEntity<String> beyond = staffGetRaw("/api/tickets?q=" + token + "&page=9&limit=3");
        assertThat(readJson(beyond.getBody())).isEmpty();
        assertThat(beyond.getHeaders().getFirst("X-Total-Count")).isEqualTo("7");

        // The console's pages: 25 a page at the smallest, so page 2 of 7 is empty; the pager says 1–7 of 7.
        FormSession staff = signedIn();
        String page = body(staff, "/console?q=" + token + "&size=25");
        assertThat(rowRefs(page)).containsExactlyInAnyOrderElementsOf(refs);
        assertThat(page).contains("1–7 of 7").doesNotContain("id=\"page-next\"");
    }

    @Test
    void theDefaultViewHidesResolvedTicketsAndEachViewListsWhatItSays() throws Exception {
        String token = rareLatin();
        String agent = newAgent();
        String open = message(ticket(token, "where is my parcel"));
        String mine = message(ticket(token, "question about storage"));
        String resolved = message(ticket(token, "thanks, all good"));
        String complaint = message(ticket(token, "I want to complain: the driver was rude"));
        assign(mine, agent);
        assign(complaint, "admin");
        assertThat(staffPatch("/api/tickets/" + resolved, "{\"status\": \"RESOLVED\"}").getStatusCode().value()).isEqualTo(200);

        FormSession staff = signedIn();
        // The console without a view lists open tickets only (the filter finds them among the whole queue).
        assertThat(rowRefs(body(staff, "/console?assignee=" + agent))).containsExactly(mine);
        assertThat(rowRefs(body(staff, "/console?view=open&q=" + token))).containsExactlyInAnyOrder(open, mine, complaint);
        // Searching without a view looks at every ticket; resolved ones are there when asked.
        assertThat(rowRefs(body(staff, "/console?q=" + token))).containsExactlyInAnyOrder(open, mine, resolved, complaint);
        assertThat(rowRefs(body(staff, "/console?view=resolved&q=" + token))).containsExactly(resolved);
        assertThat(rowRefs(body(staff, "/console?view=unassigned&q=" + token))).containsExactly(open);
        assertThat(rowRefs(body(staff, "/console?view=complaints&q=" + token))).containsExactly(complaint);
        assertThat(rowRefs(body(staff, "/console?view=mine&q=" + token))).containsExactly(complaint);
        // An explicit status replaces the view's.
        assertThat(rowRefs(body(staff, "/console?status=RESOLVED&q=" + token))).containsExactly(resolved);

        // "Mine" is the signed-in staff member's.
        FormSession agentSession = new FormSession(port);
        assertThat(agentSession.signIn("/login", agent, "agent-pw")).endsWith("/console");
        assertThat(rowRefs(body(agentSession, "/console?view=mine&q=" + token))).containsExactly(mine);
        JsonNode viaApi = readJson(http.withBasicAuth(agent, "agent-pw").getForEntity("/api/tickets?view=mine&q=" + token,
                String.class).getBody());
        assertThat(viaApi).extracting(t -> t.path("ref").asText()).containsExactly(mine);

        // The rows fragment the table polls carries the same view and search.
        String rows = body(staff, "/console/queue/rows?view=complaints&q=" + token);
        assertThat(rowRefs(rows)).containsExactly(complaint);
        String page = body(staff, "/console?view=complaints&q=" + token);
        assertThat(page).contains("hx-get=\"/console/queue/rows?view=complaints&amp;q=" + token + "\"");
        // Tabs say how many open tickets each view lists, and are in both languages.
        assertThat(page).contains("data-view=\"breaching\"").contains("Breaching soon")
                .containsPattern("data-view=\"unassigned\"[^>]*>\\s*<span>Unassigned</span>\\s*<span class=\"count\">[1-9]");
        assertThat(body(staff, "/console?lang=zh")).contains("即将超时").contains("我的未解决工单");
        body(staff, "/console?lang=en");
    }

    @Test
    void breachingSoonListsComplaintsWhoseClockRunsOutWithinTheWindowAndTheOrderPutsUrgentAndOverdueFirst() throws Exception {
        String token = rareLatin();
        String calm = message(ticket(token, "do you store furniture?"));
        String later = message(ticket(token, "I want to complain about the late delivery"));
        String soon = message(ticket(token, "I want to complain about the broken box"));
        String overdue = message(ticket(token, "I want to complain: nobody called back"));
        String urgent = message(ticket(token, "please call me, it is urgent"));
        // The complaints' first-response clocks (MEDIUM: 8 h): one due in an hour, one an hour ago.
        shiftClocks(soon, 7);
        shiftClocks(overdue, 9);
        assertThat(priority(urgent)).isEqualTo("URGENT");

        FormSession staff = signedIn();
        assertThat(rowRefs(body(staff, "/console?view=breaching&q=" + token))).containsExactlyInAnyOrder(soon, overdue);
        // Priority, then SLA due time (overdue first), then tickets without a clock, newest contact first.
        String page = body(staff, "/console?q=" + token);
        assertThat(rowRefs(page)).containsExactly(urgent, overdue, soon, later, calm);
        assertThat(staffGet("/api/tickets?sort=priority&q=" + token)).extracting(t -> t.path("ref").asText())
                .containsExactly(urgent, overdue, soon, later, calm);
        // Every ticket has its own SLA policy's clock too (the standard one's first answer is a working day away, later
        // than the complaints'); the two standard tickets' order depends on whether they opened in working hours.
        List<String> byDue = new java.util.ArrayList<>();
        staffGet("/api/tickets?sort=due&q=" + token).forEach(t -> byDue.add(t.path("ref").asText()));
        assertThat(byDue.subList(0, 3)).containsExactly(overdue, soon, later);
        assertThat(byDue.subList(3, 5)).containsExactlyInAnyOrder(urgent, calm);
        // The priority and SLA columns say it in words.
        assertThat(row(page, urgent)).contains("Urgent");
        assertThat(row(page, overdue)).contains("overdue 1h").contains("SLA breached");
        assertThat(row(page, soon)).contains("in 5").doesNotContain("SLA breached"); // in 59m
        assertThat(row(page, calm)).contains("Normal");
        String zh = body(staff, "/console?lang=zh&q=" + token);
        assertThat(row(zh, urgent)).contains("紧急");
        assertThat(row(zh, overdue)).contains("已超时 1小时");
        body(staff, "/console?lang=en");
        JsonNode api = staffGet("/api/tickets?q=" + token + "&sort=priority");
        assertThat(api.get(1).path("slaBreached").asBoolean()).isTrue();
        assertThat(api.get(1).path("slaDueAt").asText()).isNotBlank();
        // The calm ticket's clock is its own standard policy's: a first answer due, not breached.
        assertThat(api.get(4).path("slaDueAt").asText()).isNotBlank();
        assertThat(api.get(4).path("slaBreached").asBoolean()).isFalse();
    }

    @Test
    void bulkAssignAndStatusChangeApplyToEverySelectedTicketAndNeedTheCsrfToken() throws Exception {
        String token = rareLatin();
        String a = message(ticket(token, "first question"));
        String b = message(ticket(token, "second question"));
        String untouched = message(ticket(token, "third question"));
        FormSession staff = signedIn();
        body(staff, "/console?q=" + token);

        var forged = staff.postFields("/console/queue/bulk", List.of(Map.entry("refs", a), Map.entry("refs", b),
                Map.entry("action", "assign"), Map.entry("bulkAssignee", "admin")), false);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(assignee(a)).isNull();

        var assigned = staff.postFields("/console/queue/bulk", List.of(Map.entry("refs", a), Map.entry("refs", b),
                Map.entry("action", "assign"), Map.entry("bulkAssignee", "admin"), Map.entry("q", token),
                Map.entry("view", "open")), true);
        assertThat(assigned.statusCode()).isEqualTo(302);
        // Back to the same queue, which says what was done.
        String back = assigned.headers().firstValue("Location").orElseThrow();
        assertThat(back).endsWith("/console?view=open&q=" + token);
        assertThat(body(staff, "/console?view=open&q=" + token)).contains("2 ticket(s) assigned.");
        assertThat(assignee(a)).isEqualTo("admin");
        assertThat(assignee(b)).isEqualTo("admin");
        assertThat(assignee(untouched)).isNull();

        var moved = staff.postFields("/console/queue/bulk", List.of(Map.entry("refs", a), Map.entry("refs", b),
                Map.entry("refs", "CH-999999"), Map.entry("action", "status"), Map.entry("bulkStatus", "RESOLVED"),
                Map.entry("bulkNote", "Sorted out for both of you.")), true);
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(body(staff, "/console")).contains("2 ticket(s) moved.").contains("CH-999999: no ticket CH-999999");
        assertThat(status(a)).isEqualTo("RESOLVED");
        assertThat(status(b)).isEqualTo("RESOLVED");
        assertThat(status(untouched)).isEqualTo("OPEN");
        // Each customer is told, as when one ticket is resolved on its page.
        for (String ref : List.of(a, b)) {
            assertThat(jdbc.sql("""
                            select count(*) from notification n join ticket t on t.id = n.ticket_id
                            where t.ref = ? and n.body like '%Sorted out for both of you.%'""")
                    .param(ref).query(Long.class).single()).as(ref).isEqualTo(1);
        }

        var unassigned = staff.postFields("/console/queue/bulk", List.of(Map.entry("refs", a), Map.entry("action", "assign"),
                Map.entry("bulkAssignee", "")), true);
        assertThat(unassigned.statusCode()).isEqualTo(302);
        assertThat(body(staff, "/console")).contains("1 ticket(s) assigned.");
        assertThat(assignee(a)).isNull();

        var badStatus = staff.postFields("/console/queue/bulk", List.of(Map.entry("refs", untouched), Map.entry("action", "status"),
                Map.entry("bulkStatus", "DONE")), true);
        assertThat(badStatus.statusCode()).isEqualTo(302);
        assertThat(body(staff, "/console")).contains(untouched + ": status must be one of");
        assertThat(status(untouched)).isEqualTo("OPEN");
        var nothing = staff.postFields("/console/queue/bulk", List.of(Map.entry("action", "status"),
                Map.entry("bulkStatus", "CLOSED")), true);
        assertThat(nothing.statusCode()).isEqualTo(302);
        assertThat(body(staff, "/console")).contains("Select tickets first.");
    }

    @Test
    void theConsoleSearchBoxFindsATicketByAChineseWordAndSaysWhatItLeftOut() throws Exception {
        String word = rareChinese(2);
        String ref = message("""
                {"email": "%s", "subject": "包裹", "body": "箱子%s，需要处理"}""".formatted(unique(), word));
        FormSession staff = signedIn();
        String page = body(staff, "/console?q=" + enc(word + " 箱"));
        assertThat(rowRefs(page)).containsExactly(ref);
        assertThat(page).contains("Left out, shorter than 2 characters: 箱");
        String tooShort = body(staff, "/console?q=" + enc("箱"));
        assertThat(tooShort).contains("Search words need at least 2 characters.");
        assertThat(rowRefs(tooShort)).isEmpty();
        // Markup typed into the search box comes back as text.
        assertThat(body(staff, "/console?q=" + enc("<script>x</script>"))).doesNotContain("<script>x</script>")
                .contains("&lt;script&gt;x&lt;/script&gt;");
    }

    // --- helpers

    /** The refs the API's search answers, in its order (all statuses, up to 500). */
    private List<String> found(String q) {
        List<String> refs = new ArrayList<>();
        ResponseEntity<String> answer = staffGetRaw("/api/tickets?limit=500&q=" + enc(q));
        assertThat(answer.getStatusCode().value()).as(q + ": " + answer.getBody()).isEqualTo(200);
        for (JsonNode t : readJson(answer.getBody())) {
            refs.add(t.path("ref").asText());
        }
        return refs;
    }

    private ResponseEntity<String> staffGetRaw(String path) {
        return http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity(java.net.URI.create(http.getRootUri() + path), String.class);
    }

    private ResponseEntity<String> staffPatch(String path, String jsonBody) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("admin", ADMIN_PASSWORD).exchange(path, HttpMethod.PATCH, new HttpEntity<>(jsonBody, headers),
                String.class);
    }

    private String message(String json) {
        var answer = postMessage(json, null);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(202);
        return readJson(answer.getBody()).path("ticket").asText();
    }

    private String ticket(String token, String text) {
        return """
                {"email": "%s", "subject": "%s", "body": "%s %s"}""".formatted(unique(), text, text, token);
    }

    private FormSession signedIn() throws Exception {
        FormSession session = new FormSession(port);
        assertThat(session.signIn("/login", "admin", ADMIN_PASSWORD)).endsWith("/console");
        return session;
    }

    private static String body(FormSession session, String path) throws Exception {
        var response = session.get(path, "text/html");
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static final Pattern ROW = Pattern.compile("<tr[^>]*data-ref=\"(CH-\\d+)\"");

    private static List<String> rowRefs(String html) {
        List<String> refs = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            refs.add(m.group(1));
        }
        return refs;
    }

    private static String row(String html, String ref) {
        int start = html.indexOf("data-ref=\"" + ref + "\"");
        assertThat(start).as(ref + " listed").isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private static String nextLink(String link) {
        if (link == null) {
            return null;
        }
        Matcher m = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(link);
        return m.find() ? m.group(1) : null;
    }

    private String newAgent() {
        String agent = "queue-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into staff_user (username, password_hash, role) values (?, ?, 'AGENT')")
                .params(agent, passwords.encode("agent-pw")).update();
        return agent;
    }

    private void assign(String ref, String who) {
        jdbc.sql("update ticket set assignee = ? where ref = ?").params(who, ref).update();
    }

    private String assignee(String ref) {
        return jdbc.sql("select assignee from ticket where ref = ?").param(ref).query(String.class).optional().orElse(null);
    }

    private String status(String ref) {
        return jdbc.sql("select status from ticket where ref = ?").param(ref).query(String.class).single();
    }

    private String priority(String ref) {
        return jdbc.sql("select priority from ticket where ref = ?").param(ref).query(String.class).single();
    }

    /** As if the case had been opened this many hours ago. */
    private void shiftClocks(String ref, int hours) {
        int moved = jdbc.sql("""
                update complaint_case set opened_at = opened_at - make_interval(hours => ?),
                  first_response_due_at = first_response_due_at - make_interval(hours => ?),
                  resolution_due_at = resolution_due_at - make_interval(hours => ?)
                where ticket_id = (select id from ticket where ref = ?)""").params(hours, hours, hours, ref).update();
        assertThat(moved).as("a complaint case was opened for " + ref).isEqualTo(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String unique() {
        return "queue." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        s.append(1 + RANDOM.nextInt(9));
        while (s.length() < n) {
            s.append(RANDOM.nextInt(10));
        }
        return s.toString();
    }

    /** A made-up word no other ticket has (letters only, so no pattern reads it as a number). */
    private static String rareLatin() {
        StringBuilder s = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            s.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return s.toString();
    }

    /** Rare characters from CJK Extension A, so the word is no other ticket's. */
    private static String rareChinese(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.appendCodePoint(0x3400 + RANDOM.nextInt(0x4DB5 - 0x3400));
        }
        return s.toString();
    }

    private static String fullWidth(String ascii) {
        StringBuilder s = new StringBuilder();
        for (char c : ascii.toCharArray()) {
            s.append((char) (c - 0x21 + 0xFF01));
        }
        return s.toString();
    }
}
