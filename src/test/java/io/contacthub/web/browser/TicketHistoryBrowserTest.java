package io.contacthub.web.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestMailServer;
import io.contacthub.testsupport.TestTwilioApi;
import io.contacthub.testsupport.TwilioRequests;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * The ticket tells its own history (issue 13): status changes, assignments, the review flag and what staff did with
 * a notification that did not go out are lines on the timeline with who and when, whichever way the change was
 * made (ticket page, the queue's bulk bar, the staff API).
 */
class TicketHistoryBrowserTest extends BrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void statusAndAssignmentChangesAppearOnTheTimelineWithWhoAndWhen() throws Exception {
        String ref = message("history-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Thank you, the driver was very friendly yesterday");

        browser.open("/console/tickets/" + ref + "?lang=en");
        assertThat(events()).extracting(WebElement::getText).isEmpty();
        new Select(browser.find("#assignee")).selectByValue("admin");
        browser.clickAndWait("#save-assignee");
        new Select(browser.find("#status")).selectByValue("PENDING");
        browser.clickAndWait("#save-status");

        List<WebElement> lines = events();
        assertThat(lines).extracting(WebElement::getText).satisfiesExactly(
                assigned -> assertThat(assigned).startsWith("admin").contains("assigned the ticket to admin"),
                moved -> assertThat(moved).startsWith("admin")
                        .contains("changed the status from Open to Waiting for the customer"));
        // When: in the viewer's zone, with the zone shown.
        assertThat(lines.get(1).findElement(By.tagName("time")).getText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}.*GMT.*");

        // A change through the staff API is on the same history; setting the status a ticket has adds nothing.
        assertThat(patchStatus(ref, "{\"status\": \"PENDING\"}")).isEqualTo(200);
        assertThat(patchStatus(ref, "{\"status\": \"OPEN\"}")).isEqualTo(200);
        browser.open("/console/tickets/" + ref + "?lang=zh");
        assertThat(events()).extracting(WebElement::getText).hasSize(3)
                .last().asString().contains("将状态从“等待客户回复”改为“处理中”");
        JsonNode history = staffGet("/api/tickets/" + ref).path("events");
        assertThat(history).extracting(e -> e.path("kind").asText()).containsExactly("ASSIGNED", "STATUS", "STATUS");
        assertThat(history.get(2).path("actor").asText()).isEqualTo("admin");
        browser.screenshot("console-ticket-history", false);
    }

    @Test
    void resolvingATicketThatNeedsReviewClearsTheFlagAndTheHistoryKeepsWhoRaisedAndWhoClearedIt() throws Exception {
        // A tracking question without a waybill number: the hub cannot answer it alone and flags the ticket.
        String ref = message("review-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Where is my parcel?");
        Awaitility.await().atMost(WAIT).until(() -> staffGet("/api/tickets/" + ref).path("events").toString()
                .contains("REVIEW_FLAGGED"));

        browser.open("/console/tickets/" + ref + "?lang=en");
        assertThat(browser.find("#review").getText()).contains("without a waybill number");
        assertThat(browser.find("#resolve-clears-review").getText()).contains("also clears");
        new Select(browser.find("#status")).selectByValue("RESOLVED");
        browser.clickAndWait("#save-status");

        assertThat(browser.all("#review")).as("the flag is gone with the resolution").isEmpty();
        assertThat(events()).extracting(WebElement::getText).satisfiesExactly(
                flagged -> assertThat(flagged).startsWith("The hub")
                        .contains("flagged the ticket for review: tracking question without a waybill number"),
                resolved -> assertThat(resolved).startsWith("admin").contains("from Open to Resolved"),
                cleared -> assertThat(cleared).startsWith("admin").contains("cleared the review flag (tracking question"));
        browser.open("/console?review=yes&sort=recent");
        assertThat(browser.all("#queue-rows tr[data-ref='" + ref + "']")).isEmpty();
    }

    @Test
    void bulkChangesFromTheQueueAreOnEveryTicketsHistory() throws Exception {
        String token = "zqhist" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "x");
        List<String> refs = List.of(message("bulk-h1-" + token + "@example.com", "first " + token),
                message("bulk-h2-" + token + "@example.com", "second " + token));

        browser.open("/console?lang=en");
        browser.type("#q", token);
        browser.clickAndWait("#search-go");
        browser.find("#select-all").click();
        new Select(browser.find("#bulk-assignee")).selectByValue("admin");
        browser.clickAndWait("#bulk-assign");
        browser.find("#select-all").click();
        new Select(browser.find("#bulk-status")).selectByValue("PENDING");
        browser.clickAndWait("#bulk-change-status");
        assertThat(browser.find("#bulk-result").getText()).contains("2 ticket(s) moved.");

        for (String ref : refs) {
            browser.open("/console/tickets/" + ref + "?lang=en");
            assertThat(events()).extracting(WebElement::getText).satisfiesExactly(
                    assigned -> assertThat(assigned).startsWith("admin").contains("assigned the ticket to admin"),
                    moved -> assertThat(moved).startsWith("admin").contains("from Open to Waiting for the customer"));
        }
    }

    @Test
    void aTextTwilioRefusedIsSentAgainOnceFixedAndCanBeSentAsACallInstead() {
        String phone = TwilioRequests.newMobile();
        StubMapping refuse = TestTwilioApi.shared().stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json"))
                .withRequestBody(containing("To=" + phone.replace("+", "%2B"))).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\"}")));
        String sid = TwilioRequests.newSid("SM");
        postTwilioSigned("/twilio/sms", sms(sid, phone, "我的货什么时候到？"));
        String ref = awaitSettled("SMS", sid).path("ref").asText();
        Awaitility.await().atMost(WAIT).until(() -> lastNotification(ref).path("status").asText().equals("FAILED"));

        browser.open("/console/tickets/" + ref + "?lang=en");
        WebElement ack = outgoing(ref);
        assertThat(ack.findElement(By.cssSelector(".outbox")).getAttribute("data-status")).isEqualTo("FAILED");
        assertThat(ack.findElement(By.cssSelector(".not-sent")).getText()).contains("21610");
        assertThat(ack.findElements(By.cssSelector(".cancel-notification"))).as("only a queued one can be cancelled").isEmpty();

        // The number is fixed at Twilio's end: staff send it again and it goes out.
        TestTwilioApi.shared().removeStub(refuse);
        browser.clickAndWait(ack.findElement(By.cssSelector(".resend-notification")));
        assertThat(browser.find(".flash.ok").getText()).contains("queued again");
        Awaitility.await().atMost(WAIT).until(() -> lastNotification(ref).path("status").asText().equals("SENT"));
        assertThat(TestTwilioApi.textsTo(phone)).as("refused once, then sent").hasSize(2);
        browser.open("/console/tickets/" + ref + "?lang=en");
        assertThat(events()).extracting(WebElement::getText).last().asString()
                .startsWith("admin").contains("sent notification #").contains("again");
        assertThat(outgoing(ref).findElements(By.cssSelector(".resend-notification"))).as("sent: nothing to do").isEmpty();

        // Another text refused for good: staff call the customer instead (the hub reads it out).
        TestTwilioApi.shared().stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json"))
                .withRequestBody(containing("To=" + phone.replace("+", "%2B"))).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\"}")));
        assertThat(staffPostJson("/api/tickets/" + ref + "/replies", "{\"body\": \"货物明天上午送到。\", \"channel\": \"SMS\"}")
                .getStatusCode().value()).isEqualTo(202);
        Awaitility.await().atMost(WAIT).until(() -> lastNotification(ref).path("status").asText().equals("FAILED"));
        browser.open("/console/tickets/" + ref + "?lang=en");
        WebElement reply = outgoing(ref);
        new Select(reply.findElement(By.cssSelector(".send-on-channel"))).selectByValue("VOICE");
        browser.clickAndWait(reply.findElement(By.cssSelector(".send-on")));
        assertThat(browser.find(".flash.ok").getText()).contains("queued on the other channel");
        Awaitility.await().atMost(WAIT).until(() -> !TestTwilioApi.callsTo(phone).isEmpty());
        JsonNode last = lastNotification(ref);
        assertThat(last.path("channel").asText()).isEqualTo("VOICE");
        assertThat(last.path("body").asText()).contains("货物明天上午送到");
        browser.open("/console/tickets/" + ref + "?lang=en");
        assertThat(events()).extracting(WebElement::getText).last().asString()
                .startsWith("admin").contains("sent a notification by").contains("instead of");
        assertThat(browser.find("[data-notification] .superseded").getText()).contains("Sent another way instead");
        // The refused one cannot be sent a second way.
        long refused = staffGet("/api/tickets/" + ref).path("notifications").get(
                staffGet("/api/tickets/" + ref).path("notifications").size() - 2).path("id").asLong();
        assertThat(staffPost("/api/tickets/" + ref + "/notifications/" + refused + "/resend").getStatusCode().value())
                .isEqualTo(409);
    }

    @Test
    void aCustomerWritingAgainOnAResolvedTicketReopensItAndTheHistorySaysSo() {
        String sender = "again-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        MailFixtures first = MailFixtures.mail().from(sender).subject("Invoice copy").text("Please send a copy of the invoice.");
        TestMailServer.deliver(TestMailServer.IMAP_USER, first.build());
        String ref = awaitSettled("EMAIL", first.messageId()).path("ref").asText();
        assertThat(patchStatus(ref, "{\"status\": \"RESOLVED\"}")).isEqualTo(200);

        MailFixtures again = MailFixtures.mail().from(sender).subject("Re: [#" + ref + "] Invoice copy")
                .text("I still have not received it.");
        TestMailServer.deliver(TestMailServer.IMAP_USER, again.build());
        assertThat(awaitSettled("EMAIL", again.messageId()).path("ref").asText()).isEqualTo(ref);

        browser.open("/console/tickets/" + ref + "?lang=en");
        assertThat(events()).extracting(WebElement::getText).satisfiesExactly(
                resolved -> assertThat(resolved).startsWith("admin").contains("from Open to Resolved"),
                reopened -> assertThat(reopened).startsWith("The hub")
                        .contains("reopened the ticket (Resolved → Open): the customer wrote again"));
    }

    @Test
    void complaintCaseStepsAreOnTheTimelineWithWhoTookThem() throws Exception {
        String ref = message("complaint-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                "你们送来的货物外箱破损，我要投诉，请处理并赔偿。");
        Awaitility.await().atMost(WAIT).until(() -> http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForEntity("/api/tickets/" + ref + "/complaint", String.class).getStatusCode().value() == 200);
        long caseId = staffGet("/api/tickets/" + ref + "/complaint").path("complaint").path("id").asLong();
        assertThat(staffPostJson("/api/complaints/" + caseId + "/steps", "{\"action\": \"INVESTIGATE\", \"text\": \"查看仓库监控\"}")
                .getStatusCode().value()).isEqualTo(201);

        browser.open("/console/tickets/" + ref + "?lang=en");
        List<String> lines = events().stream().map(WebElement::getText).toList();
        assertThat(lines).filteredOn(l -> l.contains("complaint case #" + caseId)).satisfiesExactly(
                opened -> assertThat(opened).startsWith("The hub").contains("Opened"),
                investigated -> assertThat(investigated).startsWith("admin").contains("Investigate").contains("查看仓库监控"));
        assertThat(lines).noneMatch(l -> l.contains("Customer contact"));
    }

    @Test
    void linkingATicketIntoAnotherIsOnBothTimelines() throws Exception {
        String kept = message("kept-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Question about my bill");
        String linked = message("other-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                "[#" + kept + "] the same question again");
        assertThat(staffPostJson("/api/tickets/" + linked + "/link", "{\"into\": \"" + kept + "\"}").getStatusCode().value())
                .isEqualTo(200);

        browser.open("/console/tickets/" + kept + "?lang=en");
        assertThat(events()).extracting(WebElement::getText).anySatisfy(l -> assertThat(l).startsWith("admin")
                .contains("linked " + linked + " into this ticket"));
        browser.open("/console/tickets/" + linked + "?lang=en");
        assertThat(events()).extracting(WebElement::getText).anySatisfy(l -> assertThat(l).startsWith("admin")
                .contains("linked this ticket into " + kept)).anySatisfy(l -> assertThat(l).contains("to Closed"));
    }

    private List<WebElement> events() {
        return browser.all("#timeline .event");
    }

    /** The ticket's latest notification on the page. */
    private WebElement outgoing(String ref) {
        long id = lastNotification(ref).path("id").asLong();
        return browser.find("#timeline [data-notification='" + id + "']").findElement(By.xpath("./ancestor::article"));
    }

    private JsonNode lastNotification(String ref) {
        JsonNode all = staffGet("/api/tickets/" + ref).path("notifications");
        return all.get(all.size() - 1);
    }

    private int patchStatus(String ref, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/tickets/" + ref, HttpMethod.PATCH,
                new HttpEntity<>(body, headers), String.class).getStatusCode().value();
    }

    /** A web message, processed (understood, routed, acknowledged) before the test changes its ticket. */
    private String message(String email, String body) throws Exception {
        String key = "history-" + UUID.randomUUID();
        var answer = postMessage(json.writeValueAsString(Map.of("email", email, "subject", "History " + body, "body", body)), key);
        assertThat(answer.getStatusCode().value()).isEqualTo(202);
        awaitSettled("WEB", "key:" + key);
        return readJson(answer.getBody()).path("ticket").asText();
    }

    private static Map<String, String> sms(String sid, String from, String body) {
        return TwilioRequests.incomingSms(sid, from, HUB_SMS_NUMBER, body);
    }
}
