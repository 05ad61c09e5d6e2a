package io.contacthub.backoffice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.TestBackOffice;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * ORDER contacts reach the order system (a WireMock stand-in) exactly once: through an outage with
 * 503s, reset connections and an open circuit, through a slow answer the hub gave up on, and never
 * when fields are missing. Each test uses its own customer and request key.
 */
class OrderHandoffTest extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private final WireMockServer orderSystem = TestBackOffice.shared();

    @Test
    void orderRequestIsDeliveredExactlyOnceAfterAnOutageWithResetsAnd503s() {
        String customer = unique("outage");
        String scenario = "outage-" + customer;
        // Down: connections reset, then 503s, until the test brings the system back.
        stubOrders(customer, scenario, Scenario.STARTED, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), "503");
        stubOrders(customer, scenario, "503", aResponse().withStatus(503).withBody("maintenance"), null);
        stubOrders(customer, scenario, "up", aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"orderNumber\": \"SO-7781\"}"), null);

        String ref = postOrder(customer, completeFields());
        JsonNode handoff = awaitHandoff(ref, h -> h.path("attempts").asInt() >= 3);
        assertThat(handoff.path("status").asText()).as("not delivered while the order system is down").isIn("QUEUED", "SENDING");
        assertThat(handoff.path("lastError").asText()).isNotBlank();

        orderSystem.setScenarioState(scenario, "up");
        handoff = awaitHandoff(ref, h -> h.path("status").asText().equals("DELIVERED"));
        assertThat(handoff.path("externalRef").asText()).isEqualTo("SO-7781");

        List<ServeEvent> calls = callsFor(customer);
        assertThat(calls.size()).as("the outage was retried").isGreaterThanOrEqualTo(3);
        assertThat(calls).as("every attempt carries the same idempotency key and the order system's token")
                .allSatisfy(c -> {
                    assertThat(c.getRequest().getHeader("Idempotency-Key")).isEqualTo(handoff(ref).path("idempotencyKey").asText());
                    assertThat(c.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + BACKOFFICE_TOKEN);
                });
        assertThat(calls.stream().filter(c -> c.getResponse().getStatus() == 201)).as("exactly one order created").hasSize(1);
        // Nothing more goes out once delivered.
        sleep(Duration.ofSeconds(2));
        assertThat(callsFor(customer)).hasSize(calls.size());
        assertThat(staffGet("/api/tickets/" + ref).path("ticket").path("reviewReason").isMissingNode()
                || staffGet("/api/tickets/" + ref).path("ticket").path("reviewReason").isNull()).isTrue();
    }

    @Test
    void anOrderEmailBecomesOneOrderRequestWithItsLabelledFieldsAcrossAnOutage() throws Exception {
        String customer = unique("mail-order");
        String scenario = "mail-" + customer;
        stubOrders(customer, scenario, Scenario.STARTED, aResponse().withStatus(503), null);
        stubOrders(customer, scenario, "up", aResponse().withStatus(201).withBody("{\"orderNumber\": \"SO-MAIL-1\"}"), null);
        io.contacthub.testsupport.MailFixtures mail = io.contacthub.testsupport.MailFixtures.mail().from(customer)
                .subject("下单：下周取件")
                .text("""
                        您好，请安排取件，谢谢！

                        联系人：王伟
                        联系电话：13800138000
                        取件地址：深圳市南山区科技园南区 8 栋
                        收货地址：上海市浦东新区张江路 100 号
                        货物名称：服务器配件
                        件数：3
                        重量：42 kg
                        """, "UTF-8");
        io.contacthub.testsupport.TestMailServer.deliver(io.contacthub.testsupport.TestMailServer.IMAP_USER, mail.build());
        String ref = awaitSettled("EMAIL", mail.messageId()).path("ref").asText();

        awaitHandoff(ref, h -> h.path("attempts").asInt() >= 2);
        orderSystem.setScenarioState(scenario, "up");
        JsonNode delivered = awaitHandoff(ref, h -> h.path("status").asText().equals("DELIVERED"));
        assertThat(delivered.path("externalRef").asText()).isEqualTo("SO-MAIL-1");
        List<ServeEvent> calls = callsFor(customer);
        assertThat(calls.stream().filter(c -> c.getResponse().getStatus() == 201)).hasSize(1);
        assertThat(calls.stream().map(c -> c.getRequest().getHeader("Idempotency-Key")).distinct()).hasSize(1);
        JsonNode sent = json.readTree(calls.get(calls.size() - 1).getRequest().getBodyAsString());
        assertThat(sent.at("/fields/pickupAddress").asText()).isEqualTo("深圳市南山区科技园南区 8 栋");
        assertThat(sent.at("/fields/deliveryAddress").asText()).isEqualTo("上海市浦东新区张江路 100 号");
        assertThat(sent.at("/fields/goods").asText()).isEqualTo("服务器配件");
        assertThat(sent.at("/fields/pieces").asText()).isEqualTo("3");
        assertThat(sent.at("/fields/contactPerson").asText()).isEqualTo("王伟");
        // Staff see what was read from the mail on the contact.
        assertThat(staffGet("/api/tickets/" + ref).at("/timeline/0/entities/form/fields/goods/value").asText()).isEqualTo("服务器配件");
    }

    @Test
    void aPeerThatKeepsFailingOpensTheCircuitAndCallsPauseUntilItRecovers() {
        String customer = unique("circuit");
        String scenario = "circuit-" + customer;
        stubOrders(customer, scenario, Scenario.STARTED, aResponse().withStatus(500), null);
        stubOrders(customer, scenario, "up", aResponse().withStatus(201).withBody("{\"orderNumber\": \"SO-9001\"}"), null);

        String ref = postOrder(customer, completeFields());
        JsonNode paused = awaitHandoff(ref, h -> h.path("lastError").asText().contains("circuit breaker open"));
        int attempts = paused.path("attempts").asInt();
        assertThat(callsFor(customer).size()).as("attempts refused by the open circuit never reach the peer")
                .isLessThan(attempts);

        orderSystem.setScenarioState(scenario, "up");
        JsonNode delivered = awaitHandoff(ref, h -> h.path("status").asText().equals("DELIVERED"));
        assertThat(delivered.path("externalRef").asText()).isEqualTo("SO-9001");
        assertThat(callsFor(customer).stream().filter(c -> c.getResponse().getStatus() == 201)).hasSize(1);
    }

    @Test
    void aSlowAnswerTheHubGaveUpOnIsRetriedWithTheSameKeyAndTheDuplicateIsAccepted() {
        String customer = unique("slow");
        String scenario = "slow-" + customer;
        // The order system creates the order but answers after the hub's 1.5 s timeout; the retry
        // carries the same key, so the order system answers 409 "already have it".
        stubOrders(customer, scenario, Scenario.STARTED, aResponse().withStatus(201).withFixedDelay(3000).withBody("{\"orderNumber\": \"SO-5150\"}"),
                "created");
        stubOrders(customer, scenario, "created", aResponse().withStatus(409).withBody("{\"orderNumber\": \"SO-5150\", \"error\": \"duplicate request\"}"), null);

        String ref = postOrder(customer, completeFields());
        JsonNode delivered = awaitHandoff(ref, h -> h.path("status").asText().equals("DELIVERED"));
        assertThat(delivered.path("externalRef").asText()).isEqualTo("SO-5150");
        assertThat(delivered.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
        List<ServeEvent> calls = callsFor(customer);
        assertThat(calls.stream().map(c -> c.getRequest().getHeader("Idempotency-Key")).distinct()).hasSize(1);
    }

    @Test
    void anOrderWithMissingFieldsGoesToStaffAndNotToTheOrderSystem() {
        String customer = unique("incomplete");
        String ref = postOrder(customer, "{\"intent\": \"ORDER\", \"pickupAddress\": \"深圳市南山区科技园 1 号\"}");
        Awaitility.await().atMost(WAIT).until(() -> !staffGet("/api/tickets/" + ref).path("ticket").path("reviewReason").isMissingNode());
        String reason = staffGet("/api/tickets/" + ref).path("ticket").path("reviewReason").asText();
        assertThat(reason).contains("deliveryAddress").contains("goods").doesNotContain("pickupAddress");
        assertThat(staffGet("/api/tickets/" + ref).path("handoffs")).isEmpty();
        assertThat(callsFor(customer)).isEmpty();

        // Staff complete the order by hand and clear the flag.
        assertThat(http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/tickets/" + ref + "/review",
                org.springframework.http.HttpMethod.DELETE, null, String.class).getStatusCode().value()).isEqualTo(204);
        assertThat(staffGet("/api/tickets/" + ref).path("ticket").path("reviewReason").isMissingNode()).isTrue();
    }

    @Test
    void anOrderTheOrderSystemRefusesIsRejectedForStaffAndCanBeReplayedOnceFixed() {
        String customer = unique("refused");
        String scenario = "refused-" + customer;
        stubOrders(customer, scenario, Scenario.STARTED, aResponse().withStatus(422).withBody("{\"error\": \"unknown goods category\"}"), null);
        stubOrders(customer, scenario, "fixed", aResponse().withStatus(201).withBody("{\"orderNumber\": \"SO-4242\"}"), null);

        String ref = postOrder(customer, completeFields());
        JsonNode rejected = awaitHandoff(ref, h -> h.path("status").asText().equals("REJECTED"));
        assertThat(rejected.path("lastError").asText()).contains("422").contains("unknown goods category");
        assertThat(staffGet("/api/tickets/" + ref).path("ticket").path("reviewReason").asText()).contains("unknown goods category");
        assertThat(callsFor(customer)).as("a refusal is not retried by itself").hasSize(1);

        orderSystem.setScenarioState(scenario, "fixed");
        ResponseEntity<String> replay = staffPost("/api/handoffs/" + rejected.path("id").asLong() + "/replay");
        assertThat(replay.getStatusCode().value()).isEqualTo(202);
        JsonNode delivered = awaitHandoff(ref, h -> h.path("status").asText().equals("DELIVERED"));
        assertThat(delivered.path("externalRef").asText()).isEqualTo("SO-4242");
        assertThat(staffPost("/api/handoffs/" + rejected.path("id").asLong() + "/replay").getStatusCode().value())
                .as("a delivered hand-off is not replayed").isEqualTo(409);
    }

    @Test
    void aResubmittedOrderFormOrdersOnce() {
        String customer = unique("resubmit");
        orderSystem.stubFor(post(urlEqualTo(TestBackOffice.ORDER + "/orders"))
                .withRequestBody(matchingJsonPath("$.customer.email", equalTo(customer)))
                .willReturn(aResponse().withStatus(201).withBody("{\"orderNumber\": \"SO-1111\"}")));
        String key = "order-form-" + UUID.randomUUID();
        JsonNode first = readJson(postMessage(orderJson(customer, completeFields()), key).getBody());
        String ref = first.path("ticket").asText();
        awaitHandoff(ref, h -> h.path("status").asText().equals("DELIVERED"));
        // The browser retries the same submission (same Idempotency-Key) after the order went out.
        JsonNode second = readJson(postMessage(orderJson(customer, completeFields()), key).getBody());
        assertThat(second.path("messageId").asLong()).isEqualTo(first.path("messageId").asLong());
        sleep(Duration.ofSeconds(2));
        assertThat(staffGet("/api/tickets/" + ref).path("handoffs")).hasSize(1);
        assertThat(callsFor(customer)).hasSize(1);
    }

    @Test
    void staffReadAnOrdersStatusFromTheOrderSystem() {
        orderSystem.stubFor(get(urlEqualTo(TestBackOffice.ORDER + "/orders/SO-3003"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"orderNumber\": \"SO-3003\", \"status\": \"PICKED_UP\"}")));
        assertThat(staffGet("/api/orders/SO-3003").path("status").asText()).isEqualTo("PICKED_UP");
        assertThat(http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/api/orders/SO-0000", String.class)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(http.getForEntity("/api/orders/SO-3003", String.class).getStatusCode().value()).isEqualTo(401);
    }

    // --- helpers

    /** What the order system answers this customer's requests while the scenario is in {@code state}. */
    private void stubOrders(String customer, String scenario, String state, ResponseDefinitionBuilder answer, String nextState) {
        var stub = post(urlEqualTo(TestBackOffice.ORDER + "/orders"))
                .withRequestBody(matchingJsonPath("$.customer.email", equalTo(customer)))
                .inScenario(scenario).whenScenarioStateIs(state)
                .willReturn(answer);
        orderSystem.stubFor(nextState == null ? stub : stub.willSetStateTo(nextState));
    }

    static String completeFields() {
        return """
                {"intent": "ORDER", "pickupAddress": "深圳市南山区科技园 1 号", "deliveryAddress": "上海市浦东新区世纪大道 100 号",
                 "goods": "电子元件 2 箱", "pieces": "2", "weight": "35 kg", "requestedDate": "2026-12-01"}""";
    }

    private String postOrder(String customerEmail, String fieldsJson) {
        ResponseEntity<String> response = postMessage(orderJson(customerEmail, fieldsJson), null);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(202);
        return readJson(response.getBody()).path("ticket").asText();
    }

    private static String orderJson(String customerEmail, String fieldsJson) {
        return """
                {"name": "王先生", "email": "%s", "subject": "下单：取件", "body": "请安排取件，谢谢。", "fields": %s}"""
                .formatted(customerEmail, fieldsJson);
    }

    private JsonNode handoff(String ref) {
        JsonNode handoffs = staffGet("/api/tickets/" + ref).path("handoffs");
        return handoffs.isEmpty() ? null : handoffs.get(0);
    }

    private JsonNode awaitHandoff(String ref, java.util.function.Predicate<JsonNode> condition) {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> handoff(ref), h -> h != null && condition.test(h));
    }

    private List<ServeEvent> callsFor(String customer) {
        return orderSystem.findAll(postRequestedFor(urlEqualTo(TestBackOffice.ORDER + "/orders"))
                        .withRequestBody(matchingJsonPath("$.customer.email", equalTo(customer))))
                .stream().map(r -> orderSystem.getAllServeEvents().stream()
                        .filter(e -> e.getRequest().getId().equals(r.getId())).findFirst().orElseThrow())
                .toList();
    }

    private static String unique(String what) {
        return what + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
