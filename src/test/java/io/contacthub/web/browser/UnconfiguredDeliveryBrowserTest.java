package io.contacthub.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.testsupport.HubProcess;
import io.contacthub.testsupport.TestMailServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A hub started without SMTP or Twilio, as a fresh install is (issue 13): the console says which channels are not
 * configured and what waits on them, and a queued reply staff cancel is never sent, not even once mail is
 * configured and the hub restarted, while what was left queued goes out then.
 */
class UnconfiguredDeliveryBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String REPLY = "Your pallets leave our warehouse tomorrow morning.";

    @Test
    void anUnconfiguredSmtpShowsAsSuchAndAQueuedReplyCanBeCancelledAndIsNeverSent() throws Exception {
        Path data = Path.of("target", "test-data", "unconfigured-" + UUID.randomUUID());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String cancelledFor = "cancel-" + tag + "@example.com";
        String keptFor = "keep-" + tag + "@example.com";
        String cancelledRef;
        String keptRef;
        long cancelledId;
        try (HubProcess hub = new HubProcess(data).start(); Browser browser = new Browser("http://localhost:" + hub.port())) {
            cancelledRef = message(hub, cancelledFor, "Please call me back about pallets");
            keptRef = message(hub, keptFor, "Do you deliver to Suzhou?");
            Awaitility.await().atMost(WAIT).until(() -> lastNotification(hub, cancelledRef) != null
                                                        && lastNotification(hub, keptRef) != null);
            assertThat(lastNotification(hub, cancelledRef).path("status").asText()).isEqualTo("QUEUED");

            browser.signInStaff("admin", HubProcess.ADMIN_PASSWORD);
            browser.open("/console?lang=en");
            WebElement email = browser.find("#delivery-state [data-channel='EMAIL']");
            assertThat(email.getText()).contains("is not configured").contains("hub.notify.smtp-url");
            assertThat(Long.parseLong(email.getAttribute("data-waiting"))).isGreaterThanOrEqualTo(2);
            assertThat(email.findElements(By.cssSelector("a.waiting-ticket"))).extracting(WebElement::getText)
                    .contains(cancelledRef, keptRef);
            assertThat(browser.find("#delivery-state [data-channel='SMS']").getAttribute("data-waiting")).as("no Twilio either")
                    .isEqualTo("0");
            browser.screenshot("console-delivery-unconfigured", false);
            browser.open("/console?lang=zh");
            assertThat(browser.find("#delivery-state [data-channel='EMAIL']").getText()).contains("尚未配置");

            // The acknowledgement waits; so does the reply an agent writes, and the console says so instead of "sent shortly".
            browser.open("/console/tickets/" + cancelledRef + "?lang=en");
            long ackId = lastNotification(hub, cancelledRef).path("id").asLong();
            assertThat(browser.find("#timeline [data-notification='" + ackId + "'] .waiting-on").getText())
                    .contains("is not configured");
            browser.type("#reply-body", REPLY);
            browser.clickAndWait("#send-reply");
            assertThat(browser.find("#delivery-warning").getText()).contains("is not configured").contains("waits in the outbox");
            assertThat(browser.all(".flash.ok")).isEmpty();
            cancelledId = lastNotification(hub, cancelledRef).path("id").asLong();
            assertThat(cancelledId).isNotEqualTo(ackId);
            WebElement reply = browser.find("#timeline [data-notification='" + cancelledId + "']");
            assertThat(reply.findElement(By.cssSelector(".waiting-on")).getText()).contains("is not configured");

            // The agent cancels the reply.
            WebElement cancel = reply.findElement(By.cssSelector(".cancel-notification"));
            browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", cancel);
            browser.driver.executeScript("window.hubOldPage = true;");
            cancel.click();
            browser.driver.switchTo().alert().accept();
            browser.await(Duration.ofSeconds(15), d -> Boolean.TRUE.equals(browser.driver.executeScript(
                    "return window.hubOldPage === undefined && document.readyState === 'complete';")));
            assertThat(browser.find(".flash.ok").getText()).contains("cancelled");
            WebElement after = browser.find("#timeline [data-notification='" + cancelledId + "']")
                    .findElement(By.xpath("./ancestor::article"));
            assertThat(after.findElement(By.cssSelector(".outbox .cancelled")).getText()).contains("will not be sent");
            assertThat(after.findElements(By.cssSelector(".cancel-notification"))).isEmpty();
            assertThat(browser.all("#timeline .event")).extracting(WebElement::getText).singleElement().asString()
                    .startsWith("admin").contains("cancelled notification #" + cancelledId).contains("will not be sent");
            assertThat(lastNotification(hub, cancelledRef).path("status").asText()).isEqualTo("CANCELLED");
        }

        // Mail is configured and the hub restarted: what was left queued goes out, the cancelled one never.
        try (HubProcess hub = new HubProcess(data).set("hub.notify.smtp-url", TestMailServer.smtpUrl())
                .set("hub.notify.from", TestMailServer.IMAP_USER + "@localhost").start()) {
            Awaitility.await().atMost(WAIT).until(() -> "SENT".equals(lastNotification(hub, keptRef).path("status").asText()));
            assertThat(TestMailServer.mailTo(keptFor)).hasSize(1);
            Awaitility.await().atMost(WAIT).until(() -> TestMailServer.mailTo(cancelledFor).size() == 1); // the acknowledgement
            assertThat(lastNotification(hub, cancelledRef).path("status").asText()).isEqualTo("CANCELLED");
            assertThat(TestMailServer.mailTo(cancelledFor)).hasSize(1).noneMatch(UnconfiguredDeliveryBrowserTest::isTheReply)
                    .allMatch(mail -> subject(mail).startsWith("[#" + cancelledRef + "]"));
        }
    }

    private static boolean isTheReply(jakarta.mail.internet.MimeMessage mail) {
        try {
            // The reply's subject is the ticket's; the acknowledgement to a form sender has fixed wording.
            return !mail.getSubject().contains("Customer service notice");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String subject(jakarta.mail.internet.MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String message(HubProcess hub, String email, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + hub.port() + "/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email, "subject", body,
                        "body", body))))
                .build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(202);
        return JSON.readTree(answer.body()).path("ticket").asText();
    }

    private static JsonNode lastNotification(HubProcess hub, String ref) throws Exception {
        HubProcess.Response answer = hub.staffGet("/api/tickets/" + ref);
        if (answer.status() == 404) {
            return null; // the web API answers at commit with the reference; the ticket exists once processed
        }
        assertThat(answer.status()).isEqualTo(200);
        JsonNode all = JSON.readTree(answer.body()).path("notifications");
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }
}
