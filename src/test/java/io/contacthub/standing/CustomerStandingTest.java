package io.contacthub.standing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.web.console.FormSession;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A/B/C classes by business volume and credit, as a supervisor sees them on the customer page. Other tests share
 * the database, so each test gives its customers volumes that dominate whatever is there already.
 */
class CustomerStandingTest extends HubIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CustomerStandings standings;

    @Test
    void theCustomerWithTheMostVolumeIsClassAAndTheClassMovesWhenVolumeMoves() throws Exception {
        long x = newCustomer();
        orders(x, 3 * totalOrders() + 300, "{\"orderNumber\": \"SO-X\"}");
        standings.recompute("test").orElseThrow();
        assertThat(standings.of(x).orElseThrow().customerClass()).isEqualTo("A");
        assertThat(page(x, "zh").select("#customer-class").text()).isEqualTo("A 类客户");
        // The class shows on the customer's tickets and filters the queue.
        String refX = jdbc.sql("select ref from ticket where id = ?").param(ticketOf(x)).query(String.class).single();
        FormSession staff = new FormSession(port);
        staff.signIn("/login", "admin", ADMIN_PASSWORD);
        assertThat(Jsoup.parse(staff.get("/console/tickets/" + refX + "?lang=zh").body()).select("#ticket-customer-class").text())
                .isEqualTo("A 类客户");
        List<String> classA = new java.util.ArrayList<>();
        staffGet("/api/tickets?view=all&limit=500&customerClass=A").forEach(t -> classA.add(t.path("ref").asText()));
        assertThat(classA).contains(refX);
        List<String> classC = new java.util.ArrayList<>();
        staffGet("/api/tickets?view=all&limit=500&customerClass=c").forEach(t -> classC.add(t.path("ref").asText()));
        assertThat(classC).doesNotContain(refX);
        assertThat(Jsoup.parse(staff.get("/console?view=all&customerClass=A&q=" + refX).body()).select("#queue tbody tr").text())
                .contains(refX);
        assertThat(http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/api/tickets?customerClass=Z", String.class)
                .getStatusCode().value()).isEqualTo(400);

        // A bigger customer arrives: five times everyone else's volume puts x among the next 20 %.
        long y = newCustomer();
        orders(y, 5 * totalOrders(), "{\"orderNumber\": \"SO-Y\"}");
        standings.recompute("test").orElseThrow();
        assertThat(standings.of(y).orElseThrow().customerClass()).isEqualTo("A");
        // The top-customers report names them, biggest first.
        String yName = jdbc.sql("select coalesce(company, display_name, '#' || id) from customer where id = ?").param(y)
                .query(String.class).single();
        JsonNode top = staffGet("/api/reports/top-customers").path("rows");
        assertThat(top.get(0).get(0).asText()).isEqualTo(yName);
        assertThat(top.get(0).get(1).asText()).isEqualTo("A");
        CustomerStandings.Standing later = standings.of(x).orElseThrow();
        assertThat(later.customerClass()).isEqualTo("B");
        assertThat(later.volumeClass()).isEqualTo("B");
        assertThat(page(x, "en").select("#class-why").text()).isEqualTo("By business volume over the window.");

        // A customer without dealings in the window is not classed, and the page says so.
        long idle = newCustomer();
        standings.recompute("test").orElseThrow();
        assertThat(standings.of(idle)).isEmpty();
        assertThat(page(idle, "en").select("#standing-none").text()).contains("Not classed yet");
    }

    @Test
    void customerCausedComplaintsAndCompensationMakeCreditPoorAndMoveTheCustomerOneClassDown() throws Exception {
        long z = newCustomer();
        orders(z, 10 * totalOrders() + 100, "{\"orderNumber\": \"SO-Z\"}");
        long ticket = ticketOf(z);
        for (int i = 0; i < 4; i++) {
            complaint(ticket, "CUSTOMER_SIDE", i == 0 ? "1500.00" : null);
        }
        standings.recompute("test").orElseThrow();

        CustomerStandings.Standing s = standings.of(z).orElseThrow();
        // 70 + 30 (order bonus, capped) - 4 x 10 (customer-caused complaints) - 1500 / 100 (compensation) = 45
        assertThat(s.creditScore()).isEqualTo(45);
        assertThat(s.creditGrade()).isEqualTo("POOR");
        assertThat(s.creditSource()).isEqualTo("RULE");
        assertThat(s.volumeClass()).isEqualTo("A");
        assertThat(s.customerClass()).isEqualTo("B");
        Document zh = page(z, "zh");
        assertThat(zh.select("#customer-class").text()).isEqualTo("B 类客户");
        assertThat(zh.select("#class-why").text()).isEqualTo("按业务量为 A 类，因信誉差降一级。");
        assertThat(zh.select("#credit-grade").text()).isEqualTo("信誉：差");
        assertThat(zh.select("#credit-inputs").text()).contains("客户原因投诉 4").contains("已付赔偿 1500.00").contains("规则得分 45");
    }

    @Test
    void theOrderSystemsGradeAndOrderValueAreUsedAndAMalformedAnswerIsIgnored() throws Exception {
        long w = newCustomer();
        orders(w, 2, "{\"orderNumber\": \"SO-W\", \"orderValue\": \"1250.50\", \"customerCredit\": \"poor\"}");
        orders(w, 1, "not json at all");
        orders(w, 1, "{\"orderNumber\": \"SO-W2\", \"orderValue\": \"a lot\"}");
        standings.recompute("test").orElseThrow();

        CustomerStandings.Standing s = standings.of(w).orElseThrow();
        assertThat(s.creditGrade()).isEqualTo("POOR");
        assertThat(s.creditSource()).isEqualTo("ORDER_SYSTEM");
        assertThat(s.ordersPlaced()).isEqualTo(4);
        assertThat(s.orderValue()).isEqualByComparingTo("2501.00");
        assertThat(page(w, "en").select("#credit-inputs").text()).contains("Credit from the order system");
    }

    @Test
    void dealingsOverAPeriodCountOrdersComplaintsByCauseAndContactsPerChannel() throws Exception {
        String email = "dealings." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        message(email, "first");
        message(email, "second");
        long c = customerByEmail(email);
        orders(c, 3, "{\"orderNumber\": \"SO-D\", \"orderValue\": \"10\"}");
        complaint(ticketOf(c), "SERVICE_FAILURE", "88.00");
        complaint(ticketOf(c), "EXTERNAL", null);

        JsonNode d = staffGet("/api/customers/" + c + "/standing").path("dealings");
        assertThat(d.path("ordersPlaced").asInt()).isEqualTo(3);
        assertThat(d.path("orderValue").decimalValue()).isEqualByComparingTo("30");
        assertThat(d.path("contacts").get(0).path("channel").asText()).isEqualTo("WEB");
        assertThat(d.path("contacts").get(0).path("contacts").asInt()).isEqualTo(2);
        assertThat(d.path("complaints")).extracting(n -> n.path("causeGroup").asText() + ":" + n.path("category").asText() + "="
                + n.path("cases").asInt()).containsExactly("ENTERPRISE:SERVICE_FAILURE=1", "ENVIRONMENT:EXTERNAL=1");

        // A period before any of it has nothing.
        JsonNode before = staffGet("/api/customers/" + c + "/standing?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z");
        assertThat(before.path("dealings").path("ordersPlaced").asInt()).isZero();
        assertThat(before.path("dealings").path("contacts")).isEmpty();
        assertThat(http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/api/customers/" + c + "/standing?from=yesterday",
                String.class).getStatusCode().value()).isEqualTo(400);

        Document page = page(c, "zh");
        assertThat(page.select("#dealings-orders").text()).isEqualTo("已受理 3，被拒 0，等待中 0");
        assertThat(page.select("#dealings-causes").text()).contains("企业自身原因 · 服务失误: 1").contains("环境原因 · 外部/环境因素: 1");
    }

    @Test
    void aSupervisorRecomputesTheClassesFromTheCustomerPage() throws Exception {
        long c = newCustomer();
        orders(c, 1, "{\"orderNumber\": \"SO-R\"}");
        FormSession admin = new FormSession(port);
        admin.signIn("/login", "admin", ADMIN_PASSWORD);
        long runsBefore = jdbc.sql("select count(*) from standing_run where requested_by = 'admin'").query(Long.class).single();
        admin.post("/console/standing/recompute", Map.of("customer", String.valueOf(c)), true);
        assertThat(Jsoup.parse(admin.get("/console/customers/" + c + "?lang=en").body()).select(".flash.ok").text())
                .isEqualTo("Customer classes recomputed.");
        assertThat(jdbc.sql("select count(*) from standing_run where requested_by = 'admin'").query(Long.class).single())
                .isEqualTo(runsBefore + 1);
        assertThat(standings.of(c)).isPresent();
    }

    private Document page(long customer, String lang) throws Exception {
        FormSession staff = new FormSession(port);
        staff.signIn("/login", "admin", ADMIN_PASSWORD);
        return Jsoup.parse(staff.get("/console/customers/" + customer + "?lang=" + lang).body());
    }

    private long totalOrders() {
        return jdbc.sql("select count(*) from handoff where system = 'ORDER' and status = 'DELIVERED'").query(Long.class).single();
    }

    /** Orders the order system accepted for the customer, answering each with {@code response}. */
    private void orders(long customer, long count, String response) {
        jdbc.sql("""
                        insert into handoff (ticket_id, system, operation, idempotency_key, payload, status, response, delivered_at)
                        select ?, 'ORDER', 'create-order', 'standing-test:' || gen_random_uuid(), '{}', 'DELIVERED', ?, now()
                        from generate_series(1, ?)""")
                .params(ticketOf(customer), response, count).update();
    }

    private void complaint(long ticket, String category, String compensation) {
        jdbc.sql("""
                        insert into complaint_case (ticket_id, status, category, severity, opened_at, first_response_due_at,
                            resolution_due_at, compensation_amount, compensation_currency, updated_at, closed_at)
                        values (?, 'CLOSED', ?, 'MEDIUM', now(), now(), now(), cast(? as numeric), 'CNY', now(), now())""")
                .params(ticket, category, compensation).update();
    }

    private long newCustomer() {
        String email = "standing." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        message(email, "hello");
        return customerByEmail(email);
    }

    private void message(String email, String body) {
        var answer = postMessage("""
                {"name": "Standing Test", "email": "%s", "subject": "hi", "body": "%s"}""".formatted(email, body), null);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(202);
    }

    private long customerByEmail(String email) {
        return jdbc.sql("select customer_id from customer_identity where kind = 'EMAIL' and value = ?").param(email)
                .query(Long.class).single();
    }

    private long ticketOf(long customer) {
        return jdbc.sql("select id from ticket where customer_id = ? order by id limit 1").param(customer).query(Long.class).single();
    }
}
