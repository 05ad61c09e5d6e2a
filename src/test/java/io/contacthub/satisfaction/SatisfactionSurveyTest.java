package io.contacthub.satisfaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestMailServer;
import io.contacthub.testsupport.TestTwilioApi;
import io.contacthub.testsupport.TwilioRequests;
import io.contacthub.web.console.FormSession;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Resolving a ticket asks its customer once, on their channel, how satisfied they are: an e-mail with a signed link
 * to the rating page, a text to be answered with a number. Real mail server (GreenMail), Twilio's API stood in for.
 */
class SatisfactionSurveyTest extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern LINK = Pattern.compile("(https?://[^\\s]+/portal/rate/[^\\s?]+)\\?score=4&lang=(zh|en)");

    @Value("${local.server.port}")
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeAll
    static void twilio() {
        TestTwilioApi.shared();
    }

    @Test
    void aResolvedEmailTicketSendsOneRatingMailAndTheClickRecordsTheScore() throws Exception {
        String customer = "rating." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String ref = mailedTicket(customer, "Invoice for order SO2026001234", "Please send me the invoice for my last order. Thanks!");
        assertThat(ref).startsWith("CH-");

        assertThat(patch(ref, "{\"status\": \"RESOLVED\"}").getStatusCode().value()).isEqualTo(200);
        String body = Awaitility.await().atMost(WAIT).until(() -> ratingMails(customer), l -> l.size() == 1).get(0);
        assertThat(body).as("the customer wrote in English").contains("How satisfied are you").contains(ref);
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as("a score's link in: %s", body).isTrue();
        String page = link.group(1).replaceFirst("https?://[^/]+", "");

        // Opening the mail's "4" link shows 4 chosen and, in a browser, sends it at once (rating.js).
        FormSession customerBrowser = new FormSession(port);
        Document opened = Jsoup.parse(customerBrowser.get(page + "?score=4&lang=en").body());
        assertThat(opened.select("input[name=score][checked]").attr("value")).isEqualTo("4");
        assertThat(opened.select("#rating-form").attr("data-autosubmit")).isEqualTo("true");
        assertThat(survey(ref).path("score").isNumber()).as("opening the page alone records nothing").isFalse();

        HttpResponse<String> sent = customerBrowser.post(page, Map.of("score", "4",
                "comment", "<script>alert('x')</script> Quick answer, thank you"), true);
        assertThat(sent.statusCode()).isEqualTo(302);
        Document thanks = Jsoup.parse(customerBrowser.get(page).body());
        assertThat(thanks.select("#rating-thanks").text()).contains("4");
        assertThat(thanks.select("#rating-form").attr("data-autosubmit")).as("reloading sends nothing again").isEqualTo("false");

        JsonNode recorded = survey(ref);
        assertThat(recorded.path("score").asInt()).isEqualTo(4);
        assertThat(recorded.path("answered_by").asText()).isEqualTo("WEB");

        // Staff see it on the ticket, the comment as text.
        FormSession staff = new FormSession(port);
        staff.signIn("/login", "admin", ADMIN_PASSWORD);
        String ticketPage = staff.get("/console/tickets/" + ref).body();
        Document ticket = Jsoup.parse(ticketPage);
        assertThat(ticket.select("#satisfaction-score").text()).startsWith("4");
        assertThat(ticket.select("#satisfaction-comment").text()).contains("<script>alert('x')</script>");
        assertThat(ticketPage).doesNotContain("<script>alert('x')</script>");

        // One survey per ticket: reopening and resolving again asks nothing more.
        patch(ref, "{\"status\": \"OPEN\"}");
        patch(ref, "{\"status\": \"RESOLVED\"}");
        assertThat(staffGet("/api/tickets/" + ref).path("notifications").findValues("template").stream()
                .filter(t -> t.asText().equals("rating")).count()).isEqualTo(1);
        Thread.sleep(1500); // the outbox polls every 200 ms in tests: a second mail would be out by now
        assertThat(ratingMails(customer)).hasSize(1);
    }

    @Test
    void aLinkWhoseSignatureWasChangedIsRefusedAndAClosedSurveyTakesNoRating() throws Exception {
        String customer = "rating.forged." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String ref = mailedTicket(customer, "Address change", "Please change the delivery address of my order.");
        patch(ref, "{\"status\": \"RESOLVED\"}");
        String body = Awaitility.await().atMost(WAIT).until(() -> ratingMails(customer), l -> l.size() == 1).get(0);
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).isTrue();
        String page = link.group(1).replaceFirst("https?://[^/]+", "");
        String token = page.substring(page.lastIndexOf('/') + 1);
        long id = Long.parseLong(token.substring(0, token.indexOf('.')));

        FormSession stranger = new FormSession(port);
        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(stranger.get("/portal/rate/" + altered).statusCode()).isEqualTo(404);
        assertThat(stranger.get("/portal/rate/" + (id + 1) + token.substring(token.indexOf('.'))).statusCode())
                .as("another survey's number with this survey's signature").isEqualTo(404);
        assertThat(stranger.get("/portal/rate/1").statusCode()).isEqualTo(404);

        stranger.get(page + "?lang=en"); // the page as the customer left it open
        HttpResponse<String> tooLong = stranger.post(page, Map.of("score", "3", "comment", "长".repeat(1001)), true);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(tooLong.body()).select("#rating-error").text()).contains("too long");
        assertThat(survey(ref).path("score").isNumber()).as("a refused rating records nothing").isFalse();
        jdbc.sql("update satisfaction_survey set expires_at = now() - interval '1 minute' where id = ?").param(id).update();
        HttpResponse<String> late = stranger.post(page, Map.of("score", "5"), true);
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(late.body()).select("#rating-closed").text()).contains("closed");
        assertThat(survey(ref).path("score").isNumber()).isFalse();
    }

    @Test
    void aTextedFourAfterAnSmsSurveyIsTheRatingNotANewTicket() {
        String phone = TwilioRequests.newMobile();
        String first = TwilioRequests.newSid("SM");
        postTwilioSigned("/twilio/sms", TwilioRequests.incomingSms(first, phone, HUB_SMS_NUMBER, "我的快递三天没有更新了，麻烦查一下"));
        String ref = awaitSettled("SMS", first).path("ref").asText();

        patch(ref, "{\"status\": \"RESOLVED\"}");
        List<String> asked = Awaitility.await().atMost(WAIT).until(() -> texts(phone, "1 至 5"), l -> !l.isEmpty());
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).contains(ref);

        String rating = TwilioRequests.newSid("SM");
        postTwilioSigned("/twilio/sms", TwilioRequests.incomingSms(rating, phone, HUB_SMS_NUMBER, "４分"));
        JsonNode answer = awaitSettled("SMS", rating);
        assertThat(answer.path("status").asText()).isEqualTo("IGNORED");
        assertThat(answer.path("ref").isMissingNode() || answer.path("ref").isNull() || answer.path("ref").asText().isEmpty())
                .as("no ticket for the rating: %s", answer).isTrue();
        JsonNode recorded = survey(ref);
        assertThat(recorded.path("score").asInt()).isEqualTo(4);
        assertThat(recorded.path("answered_by").asText()).isEqualTo("SMS");
        assertThat(staffGet("/api/tickets/" + ref).path("ticket").path("status").asText()).as("not reopened").isEqualTo("RESOLVED");

        // The survey results report counts it by the ticket's channel (the test hub's other tests add their own surveys).
        JsonNode report = staffGet("/api/reports/satisfaction-results?lang=en");
        JsonNode smsRow = null;
        for (JsonNode row : report.path("rows")) {
            if (row.get(0).asText().equals("Channel") && row.get(1).asText().equals("SMS")) {
                smsRow = row;
            }
        }
        assertThat(smsRow).as("a Channel/SMS row in %s", report).isNotNull();
        assertThat(smsRow.get(3).asLong()).as("answered").isGreaterThanOrEqualTo(1);
        assertThat(smsRow.get(5).asDouble()).as("average score").isBetween(1.0, 5.0);

        // A "5 boxes are missing" is a message for staff, not a rating.
        String words = TwilioRequests.newSid("SM");
        postTwilioSigned("/twilio/sms", TwilioRequests.incomingSms(words, phone, HUB_SMS_NUMBER, "5 boxes are missing"));
        assertThat(awaitSettled("SMS", words).path("status").asText()).isEqualTo("PROCESSED");
        assertThat(survey(ref).path("score").asInt()).isEqualTo(4);
    }

    @Test
    void aFourFromANumberNobodyAskedIsAnOrdinaryMessage() {
        String sid = TwilioRequests.newSid("SM");
        postTwilioSigned("/twilio/sms", TwilioRequests.incomingSms(sid, TwilioRequests.newMobile(), HUB_SMS_NUMBER, "4"));
        JsonNode message = awaitSettled("SMS", sid);
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        assertThat(message.path("ref").asText()).startsWith("CH-");
    }

    @Test
    void aNumberThatOptedOutIsNeverTextedASurvey() {
        String phone = TwilioRequests.newMobile();
        String first = TwilioRequests.newSid("SM");
        postTwilioSigned("/twilio/sms", TwilioRequests.incomingSms(first, phone, HUB_SMS_NUMBER, "我的包裹破损了"));
        String ref = awaitSettled("SMS", first).path("ref").asText();
        String stop = TwilioRequests.newSid("SM");
        postTwilioSigned("/twilio/sms", TwilioRequests.incomingSms(stop, phone, HUB_SMS_NUMBER, "TD"));
        assertThat(awaitSettled("SMS", stop).path("status").asText()).isEqualTo("IGNORED");

        patch(ref, "{\"status\": \"RESOLVED\"}");
        JsonNode survey = survey(ref);
        assertThat(survey.path("status").asText()).isEqualTo("NOT_ASKED");
        assertThat(survey.path("reason").asText()).contains("opted out");
        assertThat(texts(phone, "1 至 5")).isEmpty();
    }

    /** A customer's e-mail through the real mail intake; @return its ticket. */
    private String mailedTicket(String from, String subject, String text) {
        MailFixtures mail = MailFixtures.mail().from(from).to(TestMailServer.IMAP_USER + "@localhost").subject(subject).text(text);
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());
        return awaitSettled("EMAIL", mail.messageId()).path("ref").asText();
    }

    private JsonNode survey(String ref) {
        Map<String, Object> row = jdbc.sql("""
                        select s.status, s.score, s.answered_by, s.reason, s.channel from satisfaction_survey s
                        join ticket t on t.id = s.ticket_id where t.ref = ?""").param(ref).query().singleRow();
        return json.valueToTree(row);
    }

    private static List<String> ratingMails(String address) {
        return TestMailServer.mailTo(address).stream().map(SatisfactionSurveyTest::text).filter(b -> b.contains("/portal/rate/")).toList();
    }

    private static List<String> texts(String phone, String containing) {
        return TestTwilioApi.textsTo(phone).stream().map(r -> TestTwilioApi.formValue(r, "Body"))
                .filter(b -> b != null && b.contains(containing)).toList();
    }

    private static String text(MimeMessage m) {
        try {
            return String.valueOf(m.getContent());
        } catch (Exception e) {
            return "";
        }
    }

    private ResponseEntity<String> patch(String ref, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/tickets/" + ref, HttpMethod.PATCH,
                new HttpEntity<>(body, headers), String.class);
    }
}
