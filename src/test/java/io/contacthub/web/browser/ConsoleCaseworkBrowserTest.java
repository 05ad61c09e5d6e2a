package io.contacthub.web.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.contacthub.testsupport.TestBackOffice;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Casework in the staff console, in a real headless Chromium: a complaint case handled step by
 * step from the ticket page, an order the order system refused replayed from the back-office
 * panel, and the customer's preferred channel.
 */
class ConsoleCaseworkBrowserTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void agentHandlesAComplaintFromAcknowledgementToResolutionOnTheTicketPage() {
        String ref = message("""
                {"name": "王女士", "email": "%s", "subject": "投诉：货物损坏",
                 "body": "你们送来的两箱货物外箱破损，里面的瓷器损坏了。我要投诉，请处理并赔偿。"}""".formatted(unique("complaint")));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForEntity("/api/tickets/" + ref + "/complaint", String.class).getStatusCode().value() == 200);

        browser.open("/console/tickets/" + ref + "?lang=en");
        assertThat(browser.find("#complaint-status").getText()).isEqualTo("Open");
        assertThat(browser.find("#complaint-severity").getText()).isEqualTo("Medium");
        assertThat(browser.find("#complaint-category").getAttribute("data-code")).isNotBlank();
        assertThat(browser.find("#sla-first").getAttribute("data-state")).isEqualTo("RUNNING");
        assertThat(browser.find("#sla-resolution").getAttribute("data-state")).isEqualTo("RUNNING");
        assertThat(browser.find("#sla-first").getText()).contains("First response").contains("Due").contains("Time left")
                .containsPattern("Time left \\d+h \\d+m");
        assertThat(actionsOffered()).containsExactly("ACKNOWLEDGE", "INVESTIGATE", "NOTE", "PROPOSE_COMPENSATION", "RESOLVE");
        assertThat(browser.find("#step-amount").isDisplayed()).as("compensation fields only for that step").isFalse();
        browser.screenshot("console-complaint-open", true);

        step("ACKNOWLEDGE", "已收到您的投诉，我们正在核实。");
        assertThat(browser.find("#complaint-status").getText()).isEqualTo("Acknowledged");
        assertThat(browser.find("#sla-first").getAttribute("data-state")).as("acknowledging in the console tells the customer nothing")
                .isEqualTo("RUNNING");
        assertThat(actionsOffered()).doesNotContain("ACKNOWLEDGE");

        new Select(browser.find("#step-action")).selectByValue("PROPOSE_COMPENSATION");
        assertThat(browser.find("#step-amount").isDisplayed()).isTrue();
        assertThat(browser.find("#step-notify").isDisplayed()).isFalse();
        browser.type("#step-text", "赔偿破损瓷器 Refund of the broken china");
        browser.type("#step-amount", "350.5");
        browser.clickAndWait("#save-step");
        assertThat(browser.find("#complaint-compensation").getText()).contains("赔偿破损瓷器").contains("350.50 CNY");

        new Select(browser.find("#step-action")).selectByValue("RESOLVE");
        assertThat(browser.find("#step-notify").isDisplayed()).isTrue();
        assertThat(browser.find("#step-notify").isSelected()).isTrue();
        browser.type("#step-text", "已退款 350.50 元，并更换包装供应商。");
        // A value left in the (now hidden) amount field does not get in the way of resolving.
        browser.clickAndWait("#save-step");
        assertThat(browser.find("#complaint-status").getText()).isEqualTo("Resolved");
        assertThat(browser.find("#complaint-resolution").getText()).contains("已退款 350.50 元");
        assertThat(browser.find("#sla-resolution").getAttribute("data-state")).isEqualTo("MET");
        // The resolution notice that went out to the customer is their first answer.
        browser.await(Duration.ofSeconds(20), d -> {
            d.navigate().refresh();
            return "MET".equals(d.findElement(By.cssSelector("#sla-first")).getAttribute("data-state"));
        });

        List<WebElement> staffSteps = browser.all("#complaint-steps tbody tr").stream()
                .filter(r -> !List.of("OPENED", "CUSTOMER_CONTACT").contains(r.getAttribute("data-action"))).toList();
        assertThat(staffSteps).extracting(r -> r.getAttribute("data-action"))
                .containsExactly("ACKNOWLEDGE", "PROPOSE_COMPENSATION", "RESOLVE");
        assertThat(staffSteps).allSatisfy(r -> assertThat(r.findElement(By.cssSelector(".step-actor")).getText()).isEqualTo("admin"));
        assertThat(staffSteps.get(2).getText()).contains("Resolve").contains("Resolved").doesNotContain("RESOLVED");
        assertThat(browser.find("#complaint-steps tbody tr[data-action=OPENED]").getText()).contains("hub");
        // Only what a RESOLVED case allows.
        assertThat(actionsOffered()).containsExactly("NOTE", "FOLLOW_UP", "CLOSE", "REOPEN");
        browser.screenshot("console-complaint-case", true);

        // A step the page did not offer, forced into the form, is refused with the service's reason.
        browser.driver.executeScript("""
                const o = document.createElement('option'); o.value = 'ACKNOWLEDGE'; o.text = 'ACKNOWLEDGE';
                document.querySelector('#step-action').add(o); document.querySelector('#step-action').value = 'ACKNOWLEDGE';""");
        browser.clickAndWait("#save-step");
        assertThat(browser.find(".flash.bad").getText()).contains("Cannot do \"Acknowledge\" while the case is Resolved");
        assertThat(browser.find("#complaint-status").getText()).isEqualTo("Resolved");

        // The case panel in Chinese.
        browser.open("/console/tickets/" + ref + "?lang=zh");
        assertThat(browser.find("#complaint").getText()).contains("投诉案件").contains("首次响应").contains("按时达成").contains("处理记录");
        browser.open("/console/tickets/" + ref + "?lang=en");
    }

    @Test
    void anOverdueClockShowsRedAndChangingSeverityMovesTheClocksButKeepsTheCategory() {
        String ref = message("""
                {"name": "Tom", "email": "%s", "subject": "Complaint: damaged pallets",
                 "body": "Two pallets arrived damaged. I want to complain."}""".formatted(unique("severity")));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForEntity("/api/tickets/" + ref + "/complaint", String.class).getStatusCode().value() == 200);
        // A first response nobody gave in time: the clocks are read from the stored due time.
        jdbc.sql("update complaint_case set first_response_due_at = now() - interval '90 minutes' where ticket_id = "
                + "(select id from ticket where ref = ?)").param(ref).update();
        browser.open("/console/tickets/" + ref + "?lang=en");
        assertThat(browser.find("#sla-first").getAttribute("data-state")).isEqualTo("OVERDUE");
        assertThat(browser.find("#sla-first").getText()).contains("Overdue").containsPattern("Late by 1h (29|30)m");
        assertThat(browser.find("#sla-first").getCssValue("background-color")).isEqualTo("rgba(253, 242, 242, 1)");
        String category = browser.find("#complaint-category").getAttribute("data-code");
        String due = browser.find("#sla-resolution").getText();
        new Select(browser.find("#change-category")).selectByValue("");
        new Select(browser.find("#change-severity")).selectByValue("CRITICAL");
        browser.clickAndWait("#save-change");
        assertThat(browser.find("#complaint-severity").getText()).isEqualTo("Critical");
        assertThat(browser.find("#complaint-category").getAttribute("data-code")).isEqualTo(category);
        assertThat(browser.find("#sla-resolution").getText()).as("a CRITICAL case is due sooner").isNotEqualTo(due);
        assertThat(browser.find("#complaint-steps tbody tr[data-action=CHANGE]").getText()).contains("admin").contains("severity Medium → Critical");
    }

    @Test
    void anOrderTheOrderSystemRefusedShowsRejectedAndReplayDeliversIt() {
        String customer = unique("refused-order");
        String scenario = "console-refused-" + customer;
        var orders = TestBackOffice.shared();
        orders.stubFor(post(urlEqualTo(TestBackOffice.ORDER + "/orders"))
                .withRequestBody(matchingJsonPath("$.customer.email", equalTo(customer)))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(422).withBody("{\"error\": \"goods category missing\"}")));
        orders.stubFor(post(urlEqualTo(TestBackOffice.ORDER + "/orders"))
                .withRequestBody(matchingJsonPath("$.customer.email", equalTo(customer)))
                .inScenario(scenario).whenScenarioStateIs("fixed")
                .willReturn(aResponse().withStatus(201).withBody("{\"orderNumber\": \"SO-CONSOLE-77\"}")));
        String ref = message("""
                {"name": "王先生", "email": "%s", "subject": "下单：取件", "body": "请安排取件，谢谢。",
                 "fields": {"intent": "ORDER", "pickupAddress": "深圳市南山区科技园 1 号", "deliveryAddress": "上海市浦东新区世纪大道 100 号",
                            "goods": "电子元件 2 箱", "pieces": "2", "weight": "35 kg", "requestedDate": "2026-12-01"}}""".formatted(customer));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> staffGet("/api/tickets/" + ref).path("handoffs").path(0).path("status").asText().equals("REJECTED"));

        browser.open("/console/tickets/" + ref + "?lang=en");
        WebElement handoff = browser.find("#handoffs [data-handoff]");
        assertThat(handoff.getAttribute("data-status")).isEqualTo("REJECTED");
        assertThat(handoff.getText()).contains("Order system").contains("Refused").contains("422").contains("goods category missing");
        assertThat(handoff.findElements(By.cssSelector("button.replay"))).hasSize(1);

        orders.setScenarioState(scenario, "fixed");
        browser.clickAndWait(handoff.findElement(By.cssSelector("button.replay")));
        assertThat(browser.find(".flash.ok").getText()).contains("queue");
        assertThat(browser.find("#handoffs [data-handoff]").getAttribute("data-status")).isIn("QUEUED", "SENDING", "DELIVERED");
        browser.await(Duration.ofSeconds(30), d -> {
            d.navigate().refresh();
            return d.findElement(By.cssSelector("#handoffs [data-handoff]")).getAttribute("data-status").equals("DELIVERED");
        });
        WebElement delivered = browser.find("#handoffs [data-handoff]");
        assertThat(delivered.findElement(By.cssSelector(".handoff-ref")).getText()).isEqualTo("SO-CONSOLE-77");
        assertThat(delivered.findElements(By.cssSelector("button.replay"))).as("a delivered hand-off is not replayed").isEmpty();
    }

    @Test
    void preferredChannelOffersOnlyTheChannelsTheCustomerHasAndIsSaved() {
        String email = unique("prefers");
        long mailCustomer = customerOf(message("""
                {"name": "Mail Only", "email": "%s", "subject": "Opening hours", "body": "When do you open?"}""".formatted(email)));
        browser.open("/console/customers/" + mailCustomer + "?lang=en");
        assertThat(optionValues("#preferred-channel")).containsExactly("", "EMAIL");
        new Select(browser.find("#preferred-channel")).selectByValue("EMAIL");
        browser.clickAndWait("#save-preferred");
        assertThat(browser.find(".flash.ok").getText()).isEqualTo("Saved.");
        assertThat(new Select(browser.find("#preferred-channel")).getFirstSelectedOption().getAttribute("value")).isEqualTo("EMAIL");
        assertThat(preferredChannel(mailCustomer)).isEqualTo("EMAIL");

        // SMS forced into the form for a customer without a phone number: refused, nothing changes.
        browser.driver.executeScript("""
                const s = document.querySelector('#preferred-channel'); const o = document.createElement('option');
                o.value = 'SMS'; o.text = 'SMS'; s.add(o); s.value = 'SMS';""");
        browser.clickAndWait("#save-preferred");
        assertThat(browser.find(".flash.bad").getText()).contains("no phone number");
        assertThat(preferredChannel(mailCustomer)).isEqualTo("EMAIL");

        // Back to automatic.
        new Select(browser.find("#preferred-channel")).selectByValue("");
        browser.clickAndWait("#save-preferred");
        assertThat(preferredChannel(mailCustomer)).isNull();

        String phone = "+8613" + String.format("%09d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        long phoneCustomer = customerOf(message("""
                {"name": "Phone Only", "phone": "%s", "subject": "Call me", "body": "Please call me back."}""".formatted(phone)));
        browser.open("/console/customers/" + phoneCustomer + "?lang=zh");
        assertThat(optionValues("#preferred-channel")).containsExactly("", "SMS", "VOICE");
        assertThat(browser.find("#preferred-channel").getText()).contains("短信").contains("语音电话");
        new Select(browser.find("#preferred-channel")).selectByValue("VOICE");
        browser.clickAndWait("#save-preferred");
        assertThat(preferredChannel(phoneCustomer)).isEqualTo("VOICE");
        browser.open("/console?lang=en");
    }

    // --- helpers

    private List<String> actionsOffered() {
        return optionValues("#step-action");
    }

    private List<String> optionValues(String select) {
        return browser.all(select + " option").stream().map(o -> o.getAttribute("value")).toList();
    }

    private void step(String action, String text) {
        new Select(browser.find("#step-action")).selectByValue(action);
        browser.type("#step-text", text);
        browser.clickAndWait("#save-step");
        assertThat(browser.all(".flash.bad")).as("the step was refused").isEmpty();
    }

    private String message(String json) {
        var answer = postMessage(json, null);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(202);
        return readJson(answer.getBody()).path("ticket").asText();
    }

    private long customerOf(String ref) {
        JsonNode ticket = staffGet("/api/tickets/" + ref);
        long id = jdbc.sql("select customer_id from ticket where ref = ?").param(ref).query(Long.class).single();
        assertThat(ticket.isMissingNode()).isFalse();
        return id;
    }

    private String preferredChannel(long customerId) {
        return jdbc.sql("select preferred_channel from customer where id = ?").param(customerId)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1))).single().orElse(null);
    }

    private static String unique(String what) {
        return what + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
