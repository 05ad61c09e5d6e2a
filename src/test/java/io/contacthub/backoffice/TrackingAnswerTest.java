package io.contacthub.backoffice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestBackOffice;
import io.contacthub.testsupport.TestMailServer;
import io.contacthub.testsupport.TestTwilioApi;
import io.contacthub.testsupport.TwilioRequests;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Tracking questions are answered automatically from the tracking system (WireMock) on the channel
 * the customer used — an SMS question gets an SMS through Twilio's API (also WireMock), a mail a
 * mail — and go to staff when the waybill is unknown or the lookup keeps failing.
 */
class TrackingAnswerTest extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aTrackingQuestionBySmsGetsAnAutomaticSmsAnswerInChinese() {
        String waybill = newWaybill();
        stubWaybill(waybill, 200, """
                {"waybill": "%s", "status": "运输中", "location": "深圳转运中心", "estimatedDelivery": "2026-11-25"}""".formatted(waybill));
        String customer = TwilioRequests.newMobile();
        postTwilioSigned("/twilio/sms", sms(customer, "你好，运单号 " + waybill + " 到哪了？"));

        LoggedRequest answer = awaitSmsTo(customer, waybill);
        String body = TestTwilioApi.formValue(answer, "Body");
        assertThat(body).contains(waybill).contains("运输中").contains("深圳转运中心").contains("2026-11-25");
        assertThat(TestTwilioApi.formValue(answer, "From")).isEqualTo(HUB_SMS_NUMBER);
        assertThat(answer.getHeader("Authorization")).startsWith("Basic ");

        JsonNode ticket = ticketOf(customer);
        Awaitility.await().atMost(WAIT).until(() -> staffGet("/api/tickets/" + ticket.path("ref").asText()).path("notifications"),
                n -> n.findValues("template").stream().anyMatch(t -> t.asText().equals("tracking"))
                        && n.findValues("status").stream().anyMatch(s -> s.asText().equals("SENT")));
        JsonNode notifications = staffGet("/api/tickets/" + ticket.path("ref").asText()).path("notifications");
        JsonNode tracking = null;
        for (JsonNode n : notifications) {
            if (n.path("template").asText().equals("tracking")) {
                tracking = n;
            }
        }
        assertThat(tracking).isNotNull();
        assertThat(tracking.path("channel").asText()).isEqualTo("SMS");
        assertThat(tracking.path("providerId").asText()).startsWith("SM");
        assertThat(TestTwilioApi.textsTo(customer)).as("the acknowledgement and the answer, nothing twice").hasSize(2);
    }

    @Test
    void aTrackingQuestionByEmailIsAnsweredByEmailInEnglish() throws Exception {
        String waybill = newWaybill();
        stubWaybill(waybill, 200, """
                {"status": "DELIVERED", "description": "signed for by reception", "location": "Shanghai"}""");
        String from = "track." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        MailFixtures mail = MailFixtures.mail().from(from).subject("Where is my parcel?")
                .text("Hello, could you tell me the delivery status of waybill " + waybill + "? Thanks");
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());

        Awaitility.await().atMost(WAIT).until(() -> mailTo(from).stream().anyMatch(m -> text(m).contains(waybill)));
        MimeMessage answer = mailTo(from).stream().filter(m -> text(m).contains(waybill)).findFirst().orElseThrow();
        assertThat(text(answer)).contains("DELIVERED").contains("signed for by reception").contains("Shanghai");
        assertThat(answer.getSubject()).startsWith("[#CH-");
    }

    @Test
    void anUnknownWaybillGoesToStaffWithoutAnAutomaticAnswer() {
        String waybill = newWaybill();
        stubWaybill(waybill, 404, "{\"error\": \"not found\"}");
        String customer = TwilioRequests.newMobile();
        postTwilioSigned("/twilio/sms", sms(customer, "Where is my parcel, waybill " + waybill + "?"));

        JsonNode ticket = Awaitility.await().atMost(WAIT).until(() -> ticketOf(customer),
                t -> t != null && t.path("reviewReason").asText().contains("unknown to the tracking system"));
        assertThat(ticket.path("reviewReason").asText()).contains(waybill);
        JsonNode handoffs = staffGet("/api/tickets/" + ticket.path("ref").asText()).path("handoffs");
        assertThat(handoffs.get(0).path("status").asText()).isEqualTo("REJECTED");
        assertThat(TestTwilioApi.textsTo(customer)).as("only the acknowledgement").hasSize(1);
    }

    @Test
    void aTrackingSystemThatKeepsFailingHandsTheQuestionToStaff() {
        String waybill = newWaybill();
        TestBackOffice.shared().stubFor(get(urlEqualTo(TestBackOffice.TRACKING + "/waybills/" + waybill))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String customer = TwilioRequests.newMobile();
        postTwilioSigned("/twilio/sms", sms(customer, "查件 " + waybill));

        JsonNode ticket = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ticketOf(customer),
                t -> t != null && t.path("reviewReason").asText().contains("no automatic tracking answer"));
        JsonNode handoff = staffGet("/api/tickets/" + ticket.path("ref").asText()).path("handoffs").get(0);
        assertThat(handoff.path("status").asText()).isEqualTo("FAILED");
        assertThat(handoff.path("lastError").asText()).contains("gave up after 5 attempts");
    }

    @Test
    void aTrackingQuestionWithoutAWaybillGoesToStaff() {
        String customer = TwilioRequests.newMobile();
        postTwilioSigned("/twilio/sms", sms(customer, "我的快递到哪了？"));
        JsonNode ticket = Awaitility.await().atMost(WAIT).until(() -> ticketOf(customer),
                t -> t != null && !t.path("reviewReason").isMissingNode());
        assertThat(ticket.path("reviewReason").asText()).contains("without a waybill number");
    }

    // --- helpers

    static String newWaybill() {
        return "SF" + (1_000_000_000_000L + ThreadLocalRandom.current().nextLong(8_999_999_999_999L));
    }

    private static void stubWaybill(String waybill, int status, String body) {
        TestBackOffice.shared().stubFor(get(urlEqualTo(TestBackOffice.TRACKING + "/waybills/" + waybill))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    static Map<String, String> sms(String from, String body) {
        String sid = TwilioRequests.newSid("SM");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("AccountSid", TWILIO_ACCOUNT_SID);
        params.put("From", from);
        params.put("To", HUB_SMS_NUMBER);
        params.put("Body", body);
        params.put("NumMedia", "0");
        return params;
    }

    private JsonNode ticketOf(String phone) {
        for (JsonNode t : staffGet("/api/tickets?channel=SMS&limit=500")) {
            JsonNode detail = staffGet("/api/tickets/" + t.path("ref").asText());
            if (detail.path("customer").path("identities").toString().contains(phone)) {
                return detail.path("ticket");
            }
        }
        return null;
    }


    static LoggedRequest awaitSmsTo(String phone, String containing) {
        return Awaitility.await().atMost(WAIT).until(() -> TestTwilioApi.textsTo(phone).stream()
                        .filter(r -> TestTwilioApi.formValue(r, "Body").contains(containing)).findFirst().orElse(null),
                r -> r != null);
    }


    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(TestMailServer.shared().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static String text(MimeMessage m) {
        try {
            return String.valueOf(m.getContent());
        } catch (Exception e) {
            return "";
        }
    }
}
