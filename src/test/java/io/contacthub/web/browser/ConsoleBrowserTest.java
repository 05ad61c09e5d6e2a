package io.contacthub.web.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.contacthub.testsupport.TwilioRequests.form;
import static io.contacthub.testsupport.TwilioRequests.newMobile;
import static io.contacthub.testsupport.TwilioRequests.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestMailServer;
import io.contacthub.testsupport.TestTwilioApi;
import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioSignature;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** The staff console in a real headless Chromium against the running hub (one browser for the class). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest extends BrowserTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.contacthub.ticket.TicketReview review;

    @org.springframework.beans.factory.annotation.Autowired
    io.contacthub.ticket.TicketQueries tickets;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    @Order(1)
    void newMailAppearsInTheOpenQueueWithoutReloadAndAReplyShowsInItsTimeline() {
        // Newest contact first: in the default order (priority, then SLA due) the suite's urgent and complaint
        // tickets could fill the first page before a new plain mail.
        browser.open("/console?sort=recent");
        assertThat(browser.path()).isEqualTo("/console?sort=recent");
        // A mark on the page: if the queue reloaded the page instead of updating itself, it would be gone.
        browser.driver.executeScript("window.hubTestMark = 'still-here';");
        String subject = "Pallets delayed " + UUID.randomUUID().toString().substring(0, 8);
        String sender = "buyer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        TestMailServer.deliver(TestMailServer.IMAP_USER, MailFixtures.mail().from(sender).fromName("Li Wei").subject(subject)
                .text("Hello, our 12 pallets for waybill SF123456789012 have not arrived yet.\nPlease check.").build());

        WebElement link = browser.await(Duration.ofSeconds(30),
                d -> d.findElements(By.linkText(subject)).stream().findFirst().orElse(null));
        assertThat(browser.driver.executeScript("return window.hubTestMark;")).isEqualTo("still-here");
        WebElement row = link.findElement(By.xpath("ancestor::tr"));
        assertThat(row.getText()).contains("E-mail").contains("Li Wei");
        browser.screenshot("console-queue", true);

        browser.clickAndWait(link);
        browser.await(Duration.ofSeconds(10), d -> d.getCurrentUrl().contains("/console/tickets/CH-"));
        assertThat(browser.find("#timeline").getText()).contains("have not arrived yet").contains(sender);
        assertThat(browser.find("#timeline .entities").getText()).contains("SF123456789012");
        // An e-mail customer without a phone number: e-mail (or automatic) only, no SMS or call.
        assertThat(browser.all("#reply-channel option")).extracting(e -> e.getAttribute("value")).containsExactly("", "EMAIL");
        new org.openqa.selenium.support.ui.Select(browser.find("#reply-channel")).selectByValue("EMAIL");

        String answer = "Dear Li Wei, the pallets left our warehouse this morning. 托盘今天上午已出库。";
        browser.type("#reply-body", answer);
        browser.clickAndWait("#send-reply");
        browser.await(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector("#timeline [data-kind=OUT]")).stream()
                .anyMatch(e -> e.getText().contains("the pallets left our warehouse")));
        WebElement reply = browser.all("#timeline [data-kind=OUT]").stream()
                .filter(e -> e.getText().contains("the pallets left our warehouse")).findFirst().orElseThrow();
        assertThat(reply.getText()).contains(sender).contains("托盘今天上午已出库");
        browser.screenshot("console-ticket", true);
        // And the customer really gets it: the outbox sends it over SMTP to their mailbox.
        browser.await(Duration.ofSeconds(30), d -> TestMailServer.inbox(sender).stream()
                .anyMatch(m -> m.getMimeMessage().toString() != null && subjectOf(m).contains("Pallets delayed")
                        && bodyOf(m).contains("the pallets left our warehouse")));
    }

    @Test
    @Order(2)
    void agentTakesTheTicketMovesItsStatusAndKeepsAnInternalNoteThatTheQueueFilterFinds() {
        String ref = webMessage("Note test " + UUID.randomUUID(), "Where is order ORD-77812?");
        browser.open("/console/tickets/" + ref);
        browser.clickAndWait("#take");
        browser.await(Duration.ofSeconds(10), d -> d.findElement(By.cssSelector("#assignee option[selected]")).getText().equals("admin"));
        new org.openqa.selenium.support.ui.Select(browser.find("#status")).selectByValue("PENDING");
        browser.clickAndWait("#save-status");
        browser.type("#note-body", "Called the warehouse, waiting for their answer.");
        browser.clickAndWait("#add-note");
        assertThat(browser.find("#timeline [data-kind=NOTE]").getText()).contains("Called the warehouse").contains("admin");

        browser.open("/console?status=PENDING&assignee=admin&channel=WEB&intent=");
        assertThat(browser.all("#queue-rows tr[data-ref]")).extracting(e -> e.getAttribute("data-ref")).contains(ref);
        browser.open("/console?assignee=-");
        assertThat(browser.all("#queue-rows tr[data-ref]")).extracting(e -> e.getAttribute("data-ref")).doesNotContain(ref);

        // Resolved with a note: the customer is told (an outbound notification in the timeline).
        browser.open("/console/tickets/" + ref);
        new org.openqa.selenium.support.ui.Select(browser.find("#status")).selectByValue("RESOLVED");
        browser.type("#status-note", "Order ORD-77812 left the warehouse today.");
        browser.clickAndWait("#save-status");
        assertThat(browser.find("#status option[selected]").getAttribute("value")).isEqualTo("RESOLVED");
        assertThat(browser.all("#timeline [data-kind=OUT]")).anySatisfy(e ->
                assertThat(e.getText()).contains("Order ORD-77812 left the warehouse today."));
    }

    @Test
    @Order(3)
    void callRecordingIsPlayableInThePageBesideItsTranscriptStatus() {
        String callSid = newSid("CA");
        String from = newMobile();
        postSigned("/twilio/voice", call(callSid, from));
        String recordingSid = newSid("RE");
        TestTwilioApi.shared().stubFor(get(urlEqualTo("/2010-04-01/Accounts/" + TWILIO_ACCOUNT_SID + "/Recordings/" + recordingSid + ".wav"))
                .willReturn(aResponse().withHeader("Content-Type", "audio/x-wav").withBody(toneWav())));
        postSigned("/twilio/recording?intent=COMPLAINT&lang=zh", recording(callSid, recordingSid));
        JsonNode message = awaitSettled("VOICE", recordingSid);
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");

        browser.open("/console/tickets/" + message.path("ref").asText());
        WebElement audio = browser.find("#timeline audio");
        assertThat(audio.getAttribute("controls")).isNotNull();
        String src = audio.getAttribute("src");
        assertThat(src).contains("/console/attachments/");
        // The browser, with the staff session, can load the recording: an audio type, the bytes of the WAV.
        Object loaded = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done(r.status + ' ' + r.headers.get('content-type') + ' ' + b.byteLength)));
                """, src);
        assertThat(loaded).isEqualTo("200 audio/x-wav " + toneWav().length);
        // Its duration is readable, i.e. Chromium decoded it as playable audio.
        Object duration = browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const a = document.querySelector('#timeline audio');
                a.preload = 'auto';
                a.addEventListener('loadedmetadata', () => done(a.duration), {once: true});
                a.addEventListener('error', () => done('error ' + (a.error && a.error.code)), {once: true});
                a.load();
                """);
        assertThat(duration).isInstanceOf(Number.class);
        assertThat(((Number) duration).doubleValue()).isBetween(0.9, 1.1);
        WebElement file = audio.findElement(By.xpath("ancestor::div[contains(@class,'file')]"));
        assertThat(file.getText()).containsIgnoringCase("Transcript").contains("untranscribed");
        browser.screenshot("console-call", true);
    }

    @Test
    @Order(4)
    void scriptInACustomersMessageShowsAsTextAndNeverRuns() {
        String body = "<script>window.hubPwned = 1; document.title = 'pwned';</script><img src=x onerror=\"window.hubPwned = 2\"> hello";
        String ref = webMessage("XSS <b>bold</b> " + UUID.randomUUID(), body);
        browser.open("/console/tickets/" + ref);
        assertThat(browser.find("#timeline .entry .body").getText()).contains("<script>window.hubPwned = 1;").contains("onerror=");
        assertThat(browser.find("#ticket-subject").getText()).contains("<b>bold</b>");
        assertThat(browser.driver.executeScript("return typeof window.hubPwned;")).isEqualTo("undefined");
        assertThat(browser.driver.getTitle()).doesNotContain("pwned");
        assertThat(browser.all("#timeline img")).isEmpty();
        browser.open("/console");
        assertThat(browser.driver.executeScript("return typeof window.hubPwned;")).isEqualTo("undefined");
    }

    @Test
    @Order(5)
    void failedMessageIsListedWithItsReasonAndCanBeReplayed() {
        String subject = "Oversize " + UUID.randomUUID();
        byte[] big = new byte[MAX_MESSAGE_BYTES + 10_000];
        new java.util.Random(7).nextBytes(big);
        MailFixtures mail = MailFixtures.mail().from("big-" + UUID.randomUUID() + "@example.com").subject(subject)
                .text("see attachment").attach("scan.bin", "application/octet-stream", big);
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());
        JsonNode failed = awaitSettled("EMAIL", mail.messageId());
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");

        browser.open("/console/failed");
        WebElement row = browser.find("#failed tr[data-message='" + failed.path("id").asText() + "']");
        assertThat(row.findElement(By.cssSelector(".reason")).getText()).isEqualTo(failed.path("reason").asText()).isNotBlank();
        browser.screenshot("console-failed", false);
        WebElement replay = row.findElement(By.cssSelector("button.replay"));
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", replay);
        replay.click();
        browser.driver.switchTo().alert().accept();
        browser.await(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector(".flash")).size() > 0);
        assertThat(browser.find(".flash").getText()).satisfiesAnyOf(
                t -> assertThat(t).contains("processed again"), t -> assertThat(t).contains("has not failed"));
        // Replayed, it goes through processing again and (still too big) fails again with a fresh attempt.
        browser.await(Duration.ofSeconds(30), d -> staffGet("/api/messages/" + failed.path("id").asText())
                .path("attempts").asInt() > failed.path("attempts").asInt());
    }

    @Test
    @Order(6)
    void consoleSwitchesBetweenChineseAndEnglish() {
        browser.open("/console?lang=zh");
        assertThat(browser.find("h1").getText()).isEqualTo("工单队列");
        browser.open("/console/failed");
        assertThat(browser.find("h1").getText()).isEqualTo("处理失败的消息");
        browser.open("/console?lang=en");
        assertThat(browser.find("h1").getText()).isEqualTo("Ticket queue");
    }

    @Test
    @Order(7)
    void customerPageShowsIdentitiesTicketsAndTheWaybillsTheyMentioned() {
        String email = "repeat-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String ref = webMessage("Customer page " + UUID.randomUUID(), "Waybill SF555000111222 is late", email);
        browser.open("/console/tickets/" + ref);
        browser.clickAndWait("#customer-link");
        assertThat(browser.find("#identities").getText()).contains(email);
        assertThat(browser.find("#customer-tickets").getText()).contains(ref);
        assertThat(browser.find("#mentions").getText()).contains("SF555000111222").contains(ref);
    }

    @Test
    @Order(8)
    void faxPagesInTiffAndPdfShowAsPageImagesBesideTheirText() throws Exception {
        String subject = "Fax " + UUID.randomUUID();
        MailFixtures mail = MailFixtures.mail().from("li.na-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com").subject(subject)
                .text("Fax received, 2 pages")
                .attach("fax.tiff", "image/tiff", twoPageTiff())
                .attach("order.pdf", "application/pdf", MailFixtures.pdf("ORDER SO2026112301", "20 pallets to Ningbo"));
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());
        JsonNode message = awaitSettled("EMAIL", mail.messageId());

        browser.open("/console/tickets/" + message.path("ref").asText());
        java.util.List<WebElement> pages = browser.all("#timeline img.pages");
        assertThat(message.path("status").asText()).as(message.toString()).isEqualTo("PROCESSED");
        assertThat(pages).hasSize(2);
        for (WebElement page : pages) {
            browser.driver.executeScript("arguments[0].scrollIntoView();", page);
            Long width = browser.await(Duration.ofSeconds(15), d -> {
                Object w = browser.driver.executeScript("return arguments[0].complete ? arguments[0].naturalWidth : null;", page);
                return w == null ? null : (Long) w;
            });
            assertThat(width).as(page.getAttribute("src")).isBetween(600L, 1000L);
        }
        // Both TIFF pages are there, one under the other.
        assertThat(browser.driver.executeScript("return arguments[0].naturalWidth;", pages.get(0))).isEqualTo(1000L);
        Object tiffHeight = browser.driver.executeScript("return arguments[0].naturalHeight;", pages.get(0));
        assertThat(((Number) tiffHeight).intValue()).isGreaterThan(2 * 600);
        WebElement pdf = pages.get(1).findElement(By.xpath("ancestor::div[contains(@class,'file')]"));
        assertThat(pdf.getText()).containsIgnoringCase("Text of the pages").contains("SO2026112301");
        browser.screenshot("console-fax", false);
    }

    @Test
    @Order(9)
    void ticketTheHubCouldNotFinishIsFlaggedInTheQueueUntilTheAgentClearsIt() {
        String ref = webMessage("Lost waybill " + UUID.randomUUID(), "I lost my waybill number, where is my parcel?");
        // What the back-office hand-offs do when they cannot finish a ticket alone (tested with them).
        review.flag(tickets.find(ref).orElseThrow().ticket().id(), "tracking question without a waybill number: answer it by hand");
        browser.open("/console?review=yes&sort=recent");
        assertThat(browser.find("#queue-rows tr[data-ref='" + ref + "'] .review").getText()).contains("without a waybill number");
        browser.open("/console/tickets/" + ref);
        assertThat(browser.find("#review").getText()).contains("without a waybill number");
        browser.clickAndWait("#clear-review");
        assertThat(browser.all("#review")).isEmpty();
        browser.open("/console?review=yes&sort=recent");
        assertThat(browser.all("#queue-rows tr[data-ref='" + ref + "']")).isEmpty();
    }

    @Test
    @Order(10)
    void complaintWhoseSlaClockRanOutIsFoundByTheSlaFilter() {
        String ref = webMessage("Complaint " + UUID.randomUUID(), "Your driver was rude and the delivery was late. I want to complain.");
        String calm = webMessage("Question " + UUID.randomUUID(), "Do you store furniture?");
        browser.open("/console?sla=breached&sort=recent");
        assertThat(browser.all("#queue-rows tr[data-ref]")).extracting(e -> e.getAttribute("data-ref")).doesNotContain(ref, calm);
        // Time passes without an answer until the case's first-response clock has run out. Its due time is
        // counted in business hours, so how far ahead it lies depends on the hour the suite runs: set it past.
        int moved = jdbc.sql("""
                update complaint_case set opened_at = opened_at - interval '9 hours',
                  first_response_due_at = now() - interval '1 hour'
                where ticket_id = (select id from ticket where ref = ?)""").param(ref).update();
        assertThat(moved).as("a complaint case was opened for " + ref).isEqualTo(1);
        browser.open("/console?sla=breached&sort=recent");
        assertThat(browser.all("#queue-rows tr[data-ref]")).extracting(e -> e.getAttribute("data-ref")).contains(ref).doesNotContain(calm);
        assertThat(browser.find("#queue-rows tr[data-ref='" + ref + "'] .sla").getText()).isEqualTo("SLA breached");
        browser.screenshot("console-sla", false);
    }

    /** Two A4-ish fax pages (1000 x 700 px here) as one multi-page TIFF, as a fax gateway sends it. */
    private static byte[] twoPageTiff() throws java.io.IOException {
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream stream = javax.imageio.ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            // Black and white, CCITT Group 4 compressed: what fax machines produce.
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("CCITT T.6");
            for (String text : new String[] {"FAX PAGE ONE", "FAX PAGE TWO"}) {
                java.awt.image.BufferedImage page = new java.awt.image.BufferedImage(1000, 700, java.awt.image.BufferedImage.TYPE_BYTE_BINARY);
                java.awt.Graphics2D g = page.createGraphics();
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, 1000, 700);
                g.setColor(java.awt.Color.BLACK);
                g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 60));
                g.drawString(text, 100, 300);
                g.dispose();
                writer.writeToSequence(new javax.imageio.IIOImage(page, null, null), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private String webMessage(String subject, String body) {
        return webMessage(subject, body, "web-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    }

    private String webMessage(String subject, String body, String email) {
        Map<String, String> message = Map.of("name", "Web Customer", "email", email, "subject", subject, "body", body);
        try {
            var answer = postMessage(json.writeValueAsString(message), null);
            assertThat(answer.getStatusCode().value()).isEqualTo(202);
            return readJson(answer.getBody()).path("ticket").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subjectOf(com.icegreen.greenmail.store.StoredMessage m) {
        try {
            return m.getMimeMessage().getSubject();
        } catch (Exception e) {
            return "";
        }
    }

    private static String bodyOf(com.icegreen.greenmail.store.StoredMessage m) {
        try {
            return com.icegreen.greenmail.util.GreenMailUtil.getBody(m.getMimeMessage());
        } catch (Exception e) {
            return "";
        }
    }

    private void postSigned(String pathAndQuery, Map<String, String> params) {
        String url = http.getRootUri() + pathAndQuery;
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.set(TwilioSignature.HEADER, TwilioSignature.compute(TWILIO_AUTH_TOKEN, url,
                FormBody.parse(form(params).getBytes(StandardCharsets.UTF_8))));
        var answer = http.exchange(pathAndQuery, HttpMethod.POST,
                new HttpEntity<>(form(params).getBytes(StandardCharsets.UTF_8), headers), String.class);
        assertThat(answer.getStatusCode().is2xxSuccessful()).as(pathAndQuery + ": " + answer.getBody()).isTrue();
    }

    private static Map<String, String> call(String callSid, String from) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", callSid);
        params.put("AccountSid", TWILIO_ACCOUNT_SID);
        params.put("From", from);
        params.put("To", "+8610950000");
        params.put("CallStatus", "ringing");
        params.put("ApiVersion", "2010-04-01");
        params.put("Direction", "inbound");
        return params;
    }

    private static Map<String, String> recording(String callSid, String recordingSid) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", TWILIO_ACCOUNT_SID);
        params.put("CallSid", callSid);
        params.put("RecordingSid", recordingSid);
        params.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + TWILIO_ACCOUNT_SID + "/Recordings/" + recordingSid);
        params.put("RecordingStatus", "completed");
        params.put("RecordingDuration", "1");
        params.put("RecordingChannels", "1");
        params.put("RecordingSource", "RecordVerb");
        return params;
    }

    /** A 1-second 440 Hz tone, 8 kHz 16-bit mono PCM, as a WAV file (what Twilio serves). */
    private static byte[] toneWav() {
        return io.contacthub.extract.speech.TestAudio.wav(io.contacthub.extract.speech.TestAudio.sine(440, 8000, 1.0, 0.25), 8000, 1);
    }
}
