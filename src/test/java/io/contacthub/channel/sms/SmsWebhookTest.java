package io.contacthub.channel.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.twilio.security.RequestValidator;
import io.contacthub.customer.SmsOptOuts;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.TwilioRequests;
import static io.contacthub.testsupport.TwilioRequests.form;
import static io.contacthub.testsupport.TwilioRequests.newMobile;
import static io.contacthub.testsupport.TwilioRequests.newSid;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Twilio's incoming-message webhook against the running hub: signed as Twilio signs it, answered
 * with TwiML after the commit, processed on the queue into tickets staff can read. WireMock stands
 * in for Twilio's media URLs only.
 */
class SmsWebhookTest extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static WireMockServer twilioApi;

    @Autowired
    SmsOptOuts optOuts;

    @BeforeAll
    static void twilioApi() {
        // The hub downloads media only from Twilio's hosts and hub.twilio.api-url: the stand-in is there.
        twilioApi = io.contacthub.testsupport.TestTwilioApi.shared();
    }

    @Test
    void signedTextIsAnsweredWithEmptyTwimlAndBecomesATicketStaffCanRead() {
        String from = newMobile();
        String sid = newSid("SM");
        ResponseEntity<String> response = postSigned(sms(sid, from, "你好，我的订单 SO2026000555 还没有到，请帮忙查一下"));

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_XML)).isTrue();
        assertThat(response.getBody()).contains("<Response/>");
        // acknowledged only after the commit: the raw message is there the moment the answer is
        assertThat(messageByExternalId("SMS", sid)).isNotNull();

        JsonNode message = awaitSettled(sid);
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        assertThat(message.path("contentType").asText()).isEqualTo("application/x-www-form-urlencoded");
        JsonNode ticket = staffGet("/api/tickets/" + message.path("ref").asText());
        assertThat(ticket.at("/ticket/channel").asText()).isEqualTo("SMS");
        assertThat(ticket.at("/ticket/subject").asText()).startsWith("你好，我的订单 SO2026000555");
        assertThat(ticket.at("/customer/identities").toString()).contains("PHONE:" + from);
        assertThat(ticket.at("/timeline/0/body").asText()).contains("还没有到");
        assertThat(ticket.at("/timeline/0/entities/orderNumbers").toString()).contains("SO2026000555");
        // the raw original is the form body exactly as Twilio posted it
        String raw = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForObject("/api/messages/" + message.path("id").asText() + "/raw", String.class);
        assertThat(raw).isEqualTo(form(sms(sid, from, "你好，我的订单 SO2026000555 还没有到，请帮忙查一下")));
    }

    @Test
    void acceptedWebhookReportsItsLastSuccessInHealth() {
        assertThat(postSigned(sms(newSid("SM"), newMobile(), "hello")).getStatusCode().value()).isEqualTo(200);
        JsonNode source = readJson(http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/actuator/health", String.class).getBody())
                .at("/components/intakeSources/details/webhook:~1twilio~1sms");
        assertThat(source.path("lastSuccess").asText()).isNotEqualTo("never").isNotBlank();
        assertThat(source.path("consecutiveFailures").asInt()).isZero();
    }

    @Test
    void sameMessageSidDeliveredTwiceIsOneMessageOnOneTicket() {
        String sid = newSid("SM");
        Map<String, String> params = sms(sid, newMobile(), "Where is waybill SF1234509876123?");
        assertThat(postSigned(params).getStatusCode().value()).isEqualTo(200);
        String ref = awaitSettled(sid).path("ref").asText();
        assertThat(postSigned(params).getStatusCode().value()).isEqualTo(200);

        long copies = 0;
        for (JsonNode m : staffGet("/api/messages?channel=SMS&limit=500")) {
            copies += m.path("externalId").asText().equals(sid) ? 1 : 0;
        }
        assertThat(copies).isEqualTo(1);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(1);
    }

    @Test
    void forgedSignatureIsRefusedWith403AndLeavesNoRecord() {
        String sid = newSid("SM");
        Map<String, String> params = sms(sid, newMobile(), "forged");
        String signedForOtherText = TwilioSignature.compute(TWILIO_AUTH_TOKEN, webhookUrl(),
                FormBody.parse(form(sms(sid, params.get("From"), "genuine")).getBytes(StandardCharsets.UTF_8)));
        ResponseEntity<String> response = post(form(params), signedForOtherText);
        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(response.getBody()).contains("invalid X-Twilio-Signature");

        String wrongToken = TwilioSignature.compute("not-our-token", webhookUrl(),
                FormBody.parse(form(params).getBytes(StandardCharsets.UTF_8)));
        assertThat(post(form(params), wrongToken).getStatusCode().value()).isEqualTo(403);
        assertThat(messageByExternalId("SMS", sid)).isNull();
    }

    @Test
    void unsignedRequestIsRefusedWith403AndLeavesNoRecord() {
        String sid = newSid("SM");
        ResponseEntity<String> response = post(form(sms(sid, newMobile(), "no signature")), null);
        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(response.getBody()).contains("missing X-Twilio-Signature");
        assertThat(messageByExternalId("SMS", sid)).isNull();
    }

    @Test
    void unsignedRequestToAnEncodedSpellingOfThePathIsRefusedToo() {
        String sid = newSid("SM");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        for (String spelling : List.of("/%74wilio/sms", "/twilio/%73ms", "/twilio/sms;x=1")) {
            ResponseEntity<String> response = http.exchange(java.net.URI.create(http.getRootUri() + spelling), HttpMethod.POST,
                    new HttpEntity<>(form(sms(sid, newMobile(), "no signature")).getBytes(StandardCharsets.UTF_8), headers),
                    String.class);
            assertThat(response.getStatusCode().value()).as(spelling).isIn(400, 403);
        }
        assertThat(messageByExternalId("SMS", sid)).isNull();
    }

    @Test
    void oversizeFormIsRefusedWith413AndMalformedOrIncompleteOnesWith400() {
        String sid = newSid("SM");
        Map<String, String> huge = sms(sid, newMobile(), "x".repeat(70_000));
        assertThat(postSigned(huge).getStatusCode().value()).isEqualTo(413);
        assertThat(post("MessageSid=" + sid + "&Body=%E4%B", "c2ln").getStatusCode().value()).isEqualTo(400);
        Map<String, String> noSid = new LinkedHashMap<>();
        noSid.put("From", newMobile());
        noSid.put("Body", "no MessageSid");
        assertThat(postSigned(noSid).getStatusCode().value()).isEqualTo(400);
        assertThat(messageByExternalId("SMS", sid)).isNull();
    }

    @Test
    void stopOptsTheNumberOutWithoutATicketAndStartOptsItBackIn() {
        String from = newMobile();
        String stop = newSid("SM");
        postSigned(sms(stop, from, "STOP"));
        JsonNode stopped = awaitSettled(stop);
        assertThat(stopped.path("status").asText()).isEqualTo("IGNORED");
        assertThat(stopped.path("reason").asText()).contains("SMS keyword STOP").contains("opted out");
        assertThat(stopped.path("ref").isMissingNode() || stopped.path("ref").isNull()).isTrue();
        assertThat(optOuts.isOptedOut(from)).isTrue();
        assertThat(optOuts.isOptedOut(from.replace("+86", ""))).as("the same number written nationally").isTrue();

        String start = newSid("SM");
        postSigned(sms(start, from, " start. "));
        assertThat(awaitSettled(start).path("status").asText()).isEqualTo("IGNORED");
        assertThat(optOuts.isOptedOut(from)).isFalse();
        assertThat(staffGet("/api/tickets?limit=500").toString()).doesNotContain(from);
    }

    @Test
    void chineseUnsubscribeKeywordOptsOutAndHelpOpensNoTicket() {
        String from = newMobile();
        String unsubscribe = newSid("SM");
        postSigned(sms(unsubscribe, from, "退订"));
        assertThat(awaitSettled(unsubscribe).path("status").asText()).isEqualTo("IGNORED");
        assertThat(optOuts.isOptedOut(from)).isTrue();

        String help = newSid("SM");
        postSigned(sms(help, newMobile(), "HELP"));
        JsonNode helped = awaitSettled(help);
        assertThat(helped.path("status").asText()).isEqualTo("IGNORED");
        assertThat(helped.path("reason").asText()).contains("HELP");
    }

    @Test
    void keywordInsideASentenceIsAnOrdinaryMessageForStaff() {
        String sid = newSid("SM");
        postSigned(sms(sid, newMobile(), "Please stop the delivery, I moved"));
        JsonNode message = awaitSettled(sid);
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        assertThat(message.path("ref").asText()).startsWith("CH-");
    }

    @Test
    void textQuotingTheTagFromAStrangersNumberOpensItsOwnTicketUntilStaffAddTheNumber() {
        String first = newSid("SM");
        postSigned(sms(first, newMobile(), "Need a pickup quote for 3 pallets"));
        String ref = awaitSettled(first).path("ref").asText();

        // From another phone: a reference is not a credential, so the text opens a ticket of its own.
        String colleague = newMobile();
        String stranger = newSid("SM");
        postSigned(sms(stranger, colleague, "[#" + ref + "] this is my colleague's request, please call me"));
        String quoting = awaitSettled(stranger).path("ref").asText();
        assertThat(quoting).isNotEqualTo(ref);
        assertThat(staffGet("/api/tickets/" + quoting).path("ticket").path("quotedRef").asText()).isEqualTo(ref);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(1);

        // Staff add the colleague's number to the ticket: their next tagged text joins it.
        assertThat(staffPostJson("/api/tickets/" + ref + "/participants", "{\"address\": \"" + colleague + "\"}")
                .getStatusCode().value()).isEqualTo(200);
        String reply = newSid("SM");
        postSigned(sms(reply, colleague, "[#" + ref + "] any news?"));
        assertThat(awaitSettled(reply).path("ref").asText()).isEqualTo(ref);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(2);
    }

    @Test
    void secondTextFromTheSameNumberWithinTheWindowJoinsTheOpenTicket() {
        String from = newMobile();
        String first = newSid("SM");
        postSigned(sms(first, from, "My parcel has not arrived"));
        String ref = awaitSettled(first).path("ref").asText();

        String second = newSid("SM");
        postSigned(sms(second, from, "It was due yesterday"));
        assertThat(awaitSettled(second).path("ref").asText()).isEqualTo(ref);
        JsonNode ticket = staffGet("/api/tickets/" + ref);
        assertThat(ticket.path("timeline")).hasSize(2);

        // a different number does not join it
        String other = newSid("SM");
        postSigned(sms(other, newMobile(), "It was due yesterday"));
        assertThat(awaitSettled(other).path("ref").asText()).isNotEqualTo(ref);
    }

    @Test
    void mmsMediaAreDownloadedWithTwilioCredentialsAndTheirTextStored() {
        String sid = newSid("MM");
        String textPath = "/2010-04-01/Accounts/" + TWILIO_ACCOUNT_SID + "/Messages/" + sid + "/Media/ME1";
        String pdfPath = "/2010-04-01/Accounts/" + TWILIO_ACCOUNT_SID + "/Messages/" + sid + "/Media/ME2";
        twilioApi.stubFor(get(urlEqualTo(textPath)).withBasicAuth(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)
                .willReturn(aResponse().withHeader("Content-Type", "text/plain; charset=UTF-8")
                        .withBody("运单号 SF5550001112223 破损照片说明".getBytes(StandardCharsets.UTF_8))));
        twilioApi.stubFor(get(urlEqualTo(pdfPath)).withBasicAuth(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)
                .willReturn(aResponse().withHeader("Content-Type", "application/pdf")
                        .withBody(MailFixtures.pdf("Delivery note", "Order SO2026004242"))));
        Map<String, String> params = sms(sid, newMobile(), "see attached");
        params.put("NumMedia", "2");
        params.put("MediaContentType0", "text/plain");
        params.put("MediaUrl0", twilioApi.baseUrl() + textPath);
        params.put("MediaContentType1", "application/pdf");
        params.put("MediaUrl1", twilioApi.baseUrl() + pdfPath);

        assertThat(postSigned(params).getStatusCode().value()).isEqualTo(200);
        JsonNode message = awaitSettled(sid);
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        JsonNode contact = staffGet("/api/tickets/" + message.path("ref").asText()).at("/timeline/0");
        assertThat(contact.path("files")).hasSize(2);
        assertThat(contact.at("/files/0/fileName").asText()).isEqualTo("media-0.txt");
        assertThat(contact.at("/files/0/text").asText()).contains("破损照片说明");
        assertThat(contact.at("/files/1/contentType").asText()).isEqualTo("application/pdf");
        assertThat(contact.at("/files/1/text").asText()).contains("Order SO2026004242");
        // text of the media counts as the message's own for understanding
        assertThat(contact.at("/entities/waybillNumbers").toString()).contains("SF5550001112223");
        twilioApi.verify(getRequestedFor(urlEqualTo(textPath))
                .withBasicAuth(new BasicCredentials(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)));
    }

    @Test
    void mediumThatCannotBeDownloadedIsKeptWithItsErrorAndTheTextStillBecomesATicket() {
        String sid = newSid("MM");
        String path = "/2010-04-01/Accounts/" + TWILIO_ACCOUNT_SID + "/Messages/" + sid + "/Media/MEgone";
        twilioApi.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(404)));
        Map<String, String> params = sms(sid, newMobile(), "photo of the damaged box");
        params.put("NumMedia", "1");
        params.put("MediaContentType0", "image/jpeg");
        params.put("MediaUrl0", twilioApi.baseUrl() + path);

        postSigned(params);
        JsonNode message = awaitSettled(sid);
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        JsonNode contact = staffGet("/api/tickets/" + message.path("ref").asText()).at("/timeline/0");
        assertThat(contact.path("body").asText()).isEqualTo("photo of the damaged box");
        assertThat(contact.at("/files/0/fileName").asText()).isEqualTo("media-0.jpg");
        assertThat(contact.at("/files/0/extractionError").asText()).contains("download failed").contains("HTTP 404");
    }

    // ---- helpers ----

    private JsonNode awaitSettled(String sid) {
        return awaitSettled("SMS", sid);
    }

    private static Map<String, String> sms(String sid, String from, String body) {
        return TwilioRequests.incomingSms(sid, from, "+8610950000", body);
    }


    private String webhookUrl() {
        return http.getRootUri() + "/twilio/sms";
    }

    /** Signs as Twilio does, and checks that Twilio's own SDK agrees with the signature. */
    private ResponseEntity<String> postSigned(Map<String, String> params) {
        String signature = TwilioSignature.compute(TWILIO_AUTH_TOKEN, webhookUrl(),
                FormBody.parse(form(params).getBytes(StandardCharsets.UTF_8)));
        assertThat(new RequestValidator(TWILIO_AUTH_TOKEN).validate(webhookUrl(), new HashMap<>(params), signature))
                .as("Twilio SDK accepts the test's signature").isTrue();
        return post(form(params), signature);
    }

    private ResponseEntity<String> post(String form, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (signature != null) {
            headers.set(TwilioSignature.HEADER, signature);
        }
        return http.exchange("/twilio/sms", HttpMethod.POST,
                new HttpEntity<>(form.getBytes(StandardCharsets.UTF_8), headers), String.class);
    }


}
