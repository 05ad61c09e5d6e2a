package io.contacthub.channel.voice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import io.contacthub.testsupport.HubIntegrationTest;
import static io.contacthub.testsupport.TwilioRequests.form;
import static io.contacthub.testsupport.TwilioRequests.newMobile;
import static io.contacthub.testsupport.TwilioRequests.newSid;
import io.contacthub.testsupport.TestTwilioApi;
import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioSignature;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Twilio's voice webhooks against the running hub, signed as Twilio signs them: the IVR's TwiML (read
 * as XML), the call as a contact, and the voicemail downloaded from Twilio's REST API (WireMock, via
 * hub.twilio.api-url), stored and threaded onto its call's ticket with the menu choice as intent. No
 * speech model exists here, so voicemails stay untranscribed.
 */
class VoiceChannelTest extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CHINESE_NUMBER = "+8610950000";
    private final WireMockServer twilioApi = TestTwilioApi.shared();

    @Test
    void incomingCallIsGreetedInChineseWithTheKeypadMenuAndBecomesAContact() throws Exception {
        String callSid = newSid("CA");
        String from = newMobile();
        ResponseEntity<String> response = postSigned("/twilio/voice", call(callSid, from, CHINESE_NUMBER));

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_XML)).isTrue();
        Element root = xml(response.getBody());
        assertThat(root.getTagName()).isEqualTo("Response");
        List<Element> verbs = children(root);
        assertThat(verbs).extracting(Element::getTagName).containsExactly("Gather", "Say", "Record");
        Element gather = verbs.get(0);
        assertThat(gather.getAttribute("numDigits")).isEqualTo("1");
        assertThat(gather.getAttribute("action")).isEqualTo("/twilio/voice/menu?lang=zh");
        assertThat(gather.getAttribute("timeout")).isNotBlank();
        List<Element> prompts = children(gather);
        assertThat(prompts).isNotEmpty().allSatisfy(say -> {
            assertThat(say.getTagName()).isEqualTo("Say");
            assertThat(say.getAttribute("language")).isEqualTo("zh-CN");
        });
        assertThat(prompts.get(0).getTextContent()).contains("您好");
        assertThat(prompts.get(1).getTextContent()).contains("按1").contains("按2").contains("按3").contains("按0");
        assertRecord(verbs.get(2), "GENERAL", "zh", null);

        // committed before the answer; processed into a ticket staff see even if the caller hangs up now
        assertThat(messageByExternalId("VOICE", callSid)).isNotNull();
        JsonNode message = awaitSettled(callSid);
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        assertThat(message.path("sender").asText()).isEqualTo(from);
        JsonNode ticket = staffGet("/api/tickets/" + message.path("ref").asText());
        assertThat(ticket.at("/ticket/channel").asText()).isEqualTo("VOICE");
        assertThat(ticket.at("/ticket/subject").asText()).isEqualTo("Call from " + from);
        assertThat(ticket.at("/customer/identities").toString()).contains("PHONE:" + from);
    }

    @Test
    void configuredNumberIsGreetedInEnglish() throws Exception {
        ResponseEntity<String> response = postSigned("/twilio/voice", call(newSid("CA"), newMobile(), ENGLISH_VOICE_NUMBER));
        Element gather = children(xml(response.getBody())).get(0);
        assertThat(gather.getAttribute("action")).isEqualTo("/twilio/voice/menu?lang=en");
        for (Element say : children(gather)) {
            assertThat(say.getAttribute("language")).isEqualTo("en-US");
        }
        assertThat(children(gather).get(1).getTextContent()).contains("press 1").contains("press 2");
    }

    @Test
    void menuDigitsLeadToTheWaybillPromptOrAVoicemailCarryingTheIntent() throws Exception {
        List<Element> tracking = children(xml(postSigned("/twilio/voice/menu?lang=en", digits("1")).getBody()));
        assertThat(tracking).extracting(Element::getTagName).containsExactly("Gather", "Say", "Record");
        assertThat(tracking.get(0).getAttribute("finishOnKey")).isEqualTo("#");
        assertThat(tracking.get(0).getAttribute("action")).isEqualTo("/twilio/voice/waybill?lang=en");
        assertThat(children(tracking.get(0)).get(0).getAttribute("language")).isEqualTo("en-US");
        assertRecord(tracking.get(2), "TRACKING", "en", null);

        List<Element> complaint = children(xml(postSigned("/twilio/voice/menu?lang=zh", digits("2")).getBody()));
        assertThat(complaint).extracting(Element::getTagName).containsExactly("Say", "Record");
        assertThat(complaint.get(0).getAttribute("language")).isEqualTo("zh-CN");
        assertRecord(complaint.get(1), "COMPLAINT", "zh", null);

        assertRecord(children(xml(postSigned("/twilio/voice/menu?lang=zh", digits("3")).getBody())).get(1), "ORDER", "zh", null);
        assertRecord(children(xml(postSigned("/twilio/voice/menu?lang=zh", digits("0")).getBody())).get(1), "GENERAL", "zh", null);
        assertRecord(children(xml(postSigned("/twilio/voice/menu?lang=zh", digits("7")).getBody())).get(1), "GENERAL", "zh", null);

        // A number the tracking system does not know (its stand-in answers 404): said so, message to staff.
        List<Element> waybill = children(xml(postSigned("/twilio/voice/waybill?lang=zh", digits("1234567890123")).getBody()));
        assertThat(waybill).extracting(Element::getTagName).containsExactly("Say", "Record");
        assertThat(waybill.get(0).getTextContent()).contains("没有查到");
        assertRecord(waybill.get(1), "TRACKING", "zh", "1234567890123");

        List<Element> done = children(xml(postSigned("/twilio/voice/done?lang=en", digits("")).getBody()));
        assertThat(done).extracting(Element::getTagName).containsExactly("Say", "Hangup");
        assertThat(done.get(0).getAttribute("language")).isEqualTo("en-US");
    }

    @Test
    void forgedOrUnsignedCallIsRefusedWith403AndLeavesNoRecord() {
        String callSid = newSid("CA");
        Map<String, String> params = call(callSid, newMobile(), CHINESE_NUMBER);
        String wrongToken = TwilioSignature.compute("not-our-token", url("/twilio/voice"),
                FormBody.parse(form(params).getBytes(StandardCharsets.UTF_8)));
        assertThat(post("/twilio/voice", form(params), wrongToken).getStatusCode().value()).isEqualTo(403);
        assertThat(post("/twilio/voice", form(params), null).getStatusCode().value()).isEqualTo(403);
        // a recording callback signed for another intent in the URL is forged too
        String recordingSid = newSid("RE");
        Map<String, String> recording = recording(callSid, recordingSid, "completed");
        String signedForGeneral = TwilioSignature.compute(TWILIO_AUTH_TOKEN, url("/twilio/recording?intent=GENERAL&lang=zh"),
                FormBody.parse(form(recording).getBytes(StandardCharsets.UTF_8)));
        assertThat(post("/twilio/recording?intent=COMPLAINT&lang=zh", form(recording), signedForGeneral)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(messageByExternalId("VOICE", callSid)).isNull();
        assertThat(messageByExternalId("VOICE", recordingSid)).isNull();
    }

    @Test
    void voicemailIsDownloadedStoredUntranscribedAndJoinsItsCallsTicketWithTheMenuIntent() throws Exception {
        String callSid = newSid("CA");
        String from = newMobile();
        postSigned("/twilio/voice", call(callSid, from, CHINESE_NUMBER));
        String callRef = awaitSettled(callSid).path("ref").asText();

        String recordingSid = newSid("RE");
        byte[] wav = toneWav();
        stubRecording(recordingSid, aResponse().withHeader("Content-Type", "audio/x-wav").withBody(wav));
        ResponseEntity<String> answer = postSigned("/twilio/recording?intent=TRACKING&lang=zh&waybill=1234567890123",
                recording(callSid, recordingSid, "completed"));
        assertThat(answer.getStatusCode().value()).isEqualTo(204);
        assertThat(messageByExternalId("VOICE", recordingSid)).as("committed before the answer").isNotNull();

        JsonNode message = awaitSettled(recordingSid);
        assertThat(message.path("status").asText()).isEqualTo("PROCESSED");
        assertThat(message.path("sender").asText()).isEqualTo(from);
        assertThat(message.path("ref").asText()).isEqualTo(callRef);
        JsonNode ticket = staffGet("/api/tickets/" + callRef);
        assertThat(ticket.path("timeline")).hasSize(2);
        assertThat(ticket.at("/ticket/intent").asText()).isEqualTo("TRACKING");
        JsonNode voicemail = ticket.at("/timeline/1");
        assertThat(voicemail.path("intent").asText()).isEqualTo("TRACKING");
        assertThat(voicemail.path("body").asText()).startsWith("Voicemail (42 s) from " + from)
                .contains("menu option 1 (shipment status)").contains("1234567890123")
                .contains("not transcribed yet: no speech model configured");
        JsonNode file = voicemail.at("/files/0");
        assertThat(file.path("fileName").asText()).isEqualTo("voicemail-" + recordingSid + ".wav");
        assertThat(file.path("contentType").asText()).isEqualTo("audio/x-wav");
        assertThat(file.path("size").asLong()).isEqualTo(wav.length);
        assertThat(file.path("sha256").asText()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wav)));
        assertThat(file.path("extractionError").asText()).startsWith("untranscribed:").contains("HUB_VOSK_MODEL_ZH");
        byte[] stored = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForObject("/api/attachments/" + file.path("id").asText(), byte[].class);
        assertThat(stored).isEqualTo(wav);
        twilioApi.verify(getRequestedFor(urlEqualTo(recordingPath(recordingSid) + ".wav"))
                .withBasicAuth(new BasicCredentials(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)));
    }

    @Test
    void sameRecordingDeliveredTwiceIsOneMessage() {
        String callSid = newSid("CA");
        postSigned("/twilio/voice", call(callSid, newMobile(), CHINESE_NUMBER));
        awaitSettled(callSid);
        String recordingSid = newSid("RE");
        stubRecording(recordingSid, aResponse().withBody(toneWav()));
        Map<String, String> params = recording(callSid, recordingSid, "completed");
        assertThat(postSigned("/twilio/recording?intent=COMPLAINT&lang=zh", params).getStatusCode().value()).isEqualTo(204);
        String ref = awaitSettled(recordingSid).path("ref").asText();
        assertThat(postSigned("/twilio/recording?intent=COMPLAINT&lang=zh", params).getStatusCode().is2xxSuccessful()).isTrue();

        long copies = 0;
        for (JsonNode m : staffGet("/api/messages?channel=VOICE&limit=500")) {
            copies += m.path("externalId").asText().equals(recordingSid) ? 1 : 0;
        }
        assertThat(copies).isEqualTo(1);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(2);
        assertThat(staffGet("/api/tickets/" + ref).at("/ticket/intent").asText()).isEqualTo("COMPLAINT");
    }

    @Test
    void downloadThatIsNotAWavFileFailsTheMessageWithTheReason() {
        String callSid = newSid("CA");
        postSigned("/twilio/voice", call(callSid, newMobile(), CHINESE_NUMBER));
        String recordingSid = newSid("RE");
        stubRecording(recordingSid, aResponse().withHeader("Content-Type", "audio/x-wav")
                .withBody("this is not audio at all".getBytes(StandardCharsets.UTF_8)));
        assertThat(postSigned("/twilio/recording?intent=GENERAL&lang=zh", recording(callSid, recordingSid, "completed"))
                .getStatusCode().value()).isEqualTo(204);
        JsonNode message = awaitSettled(recordingSid);
        assertThat(message.path("status").asText()).isEqualTo("FAILED");
        assertThat(message.path("reason").asText()).contains(recordingSid).contains("not a WAV file");

        String emptySid = newSid("RE");
        stubRecording(emptySid, aResponse().withHeader("Content-Type", "audio/x-wav").withBody(new byte[0]));
        postSigned("/twilio/recording?intent=GENERAL&lang=zh", recording(callSid, emptySid, "completed"));
        assertThat(awaitSettled(emptySid).path("reason").asText()).contains("empty (0 bytes)");
    }

    @Test
    void recordingTwilioCannotServeFailsTheMessageWithTheReasonAndKeepsTheCallback() {
        String callSid = newSid("CA");
        postSigned("/twilio/voice", call(callSid, newMobile(), CHINESE_NUMBER));
        String recordingSid = newSid("RE");
        stubRecording(recordingSid, aResponse().withStatus(404));
        postSigned("/twilio/recording?intent=ORDER&lang=zh", recording(callSid, recordingSid, "completed"));
        JsonNode message = awaitSettled(recordingSid);
        assertThat(message.path("status").asText()).isEqualTo("FAILED");
        assertThat(message.path("reason").asText()).contains("could not be downloaded").contains("HTTP 404");
        String raw = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForObject("/api/messages/" + message.path("id").asText() + "/raw", String.class);
        assertThat(raw).startsWith(form(recording(callSid, recordingSid, "completed"))).endsWith("&intent=ORDER&lang=zh");
    }

    @Test
    void recordingThatIsNotCompletedIsAnsweredAndNotStored() {
        String callSid = newSid("CA");
        String recordingSid = newSid("RE");
        Map<String, String> absent = recording(callSid, recordingSid, "absent");
        absent.put("ErrorCode", "16101");
        ResponseEntity<String> response = postSigned("/twilio/recording?intent=GENERAL&lang=zh", absent);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(postSigned("/twilio/recording?intent=GENERAL&lang=zh", recording(callSid, recordingSid, "in-progress"))
                .getStatusCode().value()).isEqualTo(200);
        assertThat(messageByExternalId("VOICE", recordingSid)).isNull();
    }

    @Test
    void aKeyedInWaybillIsLookedUpAndItsStatusReadToTheCaller() throws Exception {
        String waybill = String.valueOf(7_000_000_000_000L + java.util.concurrent.ThreadLocalRandom.current().nextLong(999_999_999_999L));
        io.contacthub.testsupport.TestBackOffice.shared().stubFor(get(urlEqualTo(io.contacthub.testsupport.TestBackOffice.TRACKING
                        + "/waybills/" + waybill))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\": \"派送中\", \"location\": \"北京朝阳站\", \"estimatedDelivery\": \"今天下午\"}")));
        List<Element> zh = children(xml(postSigned("/twilio/voice/waybill?lang=zh", digits(waybill + "#")).getBody()));
        assertThat(zh).extracting(Element::getTagName).containsExactly("Say", "Say", "Record");
        assertThat(zh.get(0).getAttribute("language")).isEqualTo("zh-CN");
        assertThat(zh.get(0).getTextContent()).contains("派送中").contains("北京朝阳站").contains("今天下午")
                .contains(String.join(" ", waybill.split("")));
        assertThat(zh.get(2).getAttribute("recordingStatusCallback"))
                .isEqualTo("/twilio/recording?intent=TRACKING&lang=zh&waybill=" + waybill + "&answered=1");

        // The tracking system down: the caller is told they will hear back, and the lookup is retried later.
        String unreachable = "99" + waybill.substring(2);
        io.contacthub.testsupport.TestBackOffice.shared().stubFor(get(urlEqualTo(io.contacthub.testsupport.TestBackOffice.TRACKING
                        + "/waybills/" + unreachable))
                .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        List<Element> en = children(xml(postSigned("/twilio/voice/waybill?lang=en", digits(unreachable)).getBody()));
        assertThat(en.get(0).getTextContent()).contains("cannot look up the shipment right now");
        assertRecord(en.get(1), "TRACKING", "en", unreachable);
    }

    @Test
    void aVoicemailAfterTheStatusWasReadOutIsNotAnsweredAgainByCallBack() {
        String callSid = newSid("CA");
        postSigned("/twilio/voice", call(callSid, newMobile(), CHINESE_NUMBER));
        String callRef = awaitSettled(callSid).path("ref").asText();
        String recordingSid = newSid("RE");
        stubRecording(recordingSid, aResponse().withHeader("Content-Type", "audio/x-wav").withBody(toneWav()));
        postSigned("/twilio/recording?intent=TRACKING&lang=zh&waybill=7012345678901&answered=1",
                recording(callSid, recordingSid, "completed"));
        assertThat(awaitSettled(recordingSid).path("status").asText()).isEqualTo("PROCESSED");
        JsonNode ticket = staffGet("/api/tickets/" + callRef);
        assertThat(ticket.path("handoffs")).as("no second lookup, no call back").isEmpty();
        assertThat(ticket.path("notifications")).isEmpty();
    }

    // ---- helpers ----

    private static void assertRecord(Element record, String intent, String lang, String waybill) {
        assertThat(record.getTagName()).isEqualTo("Record");
        assertThat(record.getAttribute("maxLength")).isEqualTo("120");
        assertThat(record.getAttribute("playBeep")).isEqualTo("true");
        assertThat(record.getAttribute("recordingStatusCallback")).isEqualTo("/twilio/recording?intent=" + intent
                + "&lang=" + lang + (waybill == null ? "" : "&waybill=" + waybill));
        assertThat(record.getAttribute("recordingStatusCallbackEvent")).isEqualTo("completed");
        assertThat(record.getAttribute("action")).isEqualTo("/twilio/voice/done?lang=" + lang);
    }

    private void stubRecording(String recordingSid, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        twilioApi.stubFor(get(urlEqualTo(recordingPath(recordingSid) + ".wav"))
                .withBasicAuth(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN).willReturn(answer));
    }

    private static String recordingPath(String recordingSid) {
        return "/2010-04-01/Accounts/" + TWILIO_ACCOUNT_SID + "/Recordings/" + recordingSid;
    }

    /** A 1-second 440 Hz tone, 8 kHz 16-bit mono PCM, as a WAV file (what Twilio serves). */
    private static byte[] toneWav() {
        return io.contacthub.extract.speech.TestAudio.wav(io.contacthub.extract.speech.TestAudio.sine(440, 8000, 1.0, 0.25), 8000, 1);
    }

    private JsonNode awaitSettled(String externalId) {
        return awaitSettled("VOICE", externalId);
    }

    private static Map<String, String> call(String callSid, String from, String to) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", callSid);
        params.put("AccountSid", TWILIO_ACCOUNT_SID);
        params.put("From", from);
        params.put("To", to);
        params.put("CallStatus", "ringing");
        params.put("ApiVersion", "2010-04-01");
        params.put("Direction", "inbound");
        params.put("CallerName", "");
        return params;
    }

    private static Map<String, String> recording(String callSid, String recordingSid, String status) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", TWILIO_ACCOUNT_SID);
        params.put("CallSid", callSid);
        params.put("RecordingSid", recordingSid);
        params.put("RecordingUrl", "https://api.twilio.com" + recordingPath(recordingSid));
        params.put("RecordingStatus", status);
        params.put("RecordingDuration", "42");
        params.put("RecordingChannels", "1");
        params.put("RecordingStartTime", "Mon, 23 Nov 2026 12:33:40 +0000");
        params.put("RecordingSource", "RecordVerb");
        return params;
    }

    private static Map<String, String> digits(String digits) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", newSid("CA"));
        params.put("AccountSid", TWILIO_ACCOUNT_SID);
        params.put("Digits", digits);
        return params;
    }


    private String url(String pathAndQuery) {
        return http.getRootUri() + pathAndQuery;
    }

    /** Signed as Twilio signs it: the full URL including the query string, plus the form parameters. */
    private ResponseEntity<String> postSigned(String pathAndQuery, Map<String, String> params) {
        String signature = TwilioSignature.compute(TWILIO_AUTH_TOKEN, url(pathAndQuery),
                FormBody.parse(form(params).getBytes(StandardCharsets.UTF_8)));
        return post(pathAndQuery, form(params), signature);
    }

    private ResponseEntity<String> post(String pathAndQuery, String form, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (signature != null) {
            headers.set(TwilioSignature.HEADER, signature);
        }
        return http.exchange(pathAndQuery, HttpMethod.POST,
                new HttpEntity<>(form.getBytes(StandardCharsets.UTF_8), headers), String.class);
    }

    private static Element xml(String twiml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(twiml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }


}
