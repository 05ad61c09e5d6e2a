package io.contacthub.calls;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.contacthub.calls.VoiceCalls.call;
import static io.contacthub.calls.VoiceCalls.children;
import static io.contacthub.calls.VoiceCalls.with;
import static io.contacthub.calls.VoiceCalls.xml;
import static io.contacthub.testsupport.TwilioRequests.newMobile;
import static io.contacthub.testsupport.TwilioRequests.newSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.contacthub.presence.AgentPresence;
import io.contacthub.presence.TestAgents;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.TestTwilioApi;
import io.contacthub.testsupport.TwilioRequests;
import io.contacthub.web.console.FormSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * An agent calls a customer from a ticket: the hub rings the agent's phone (Twilio's REST API is WireMock), whose
 * TwiML dials the customer with the centre's number as caller ID; the status callbacks put the call, with its agent,
 * duration and outcome, on the ticket's timeline once; a recording callback attaches the audio to the call.
 */
class ClickToCallTest extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    AgentPresence presence;

    private final List<String> agents = new ArrayList<>();

    @AfterEach
    void agentsAway() {
        TestAgents.away(jdbc, agents.toArray(String[]::new));
    }

    /** A ticket opened by a text from a new customer; returns its reference. */
    private String ticketTextedFrom(String customerPhone) {
        String sid = newSid("SM");
        assertThat(postTwilioSigned("/twilio/sms", TwilioRequests.incomingSms(sid, customerPhone, HUB_SMS_NUMBER, "我的快递到哪了？请回电话"))
                .getStatusCode().value()).isEqualTo(200);
        return awaitSettled("SMS", sid).path("ref").asText();
    }

    private String agentWithPhone(String phone) {
        String name = TestAgents.create(jdbc, encoder, phone);
        agents.add(name);
        return name;
    }

    private long callOf(String ref) {
        return jdbc.sql("select vc.id from voice_call vc join ticket t on t.id = vc.ticket_id where t.ref = ?").param(ref)
                .query(Long.class).single();
    }

    private Document ticketPage(FormSession console, String ref) throws Exception {
        return Jsoup.parse(console.get("/console/tickets/" + ref + "?lang=en").body());
    }

    /** The agent clicks the call button for {@code number} on the ticket page; returns the page they land on. */
    private Document clickCall(FormSession console, String ref, String number) throws Exception {
        ticketPage(console, ref);
        HttpResponse<String> answer = console.post("/console/tickets/" + ref + "/calls", Map.of("number", number), true);
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElse("")).endsWith("/console/tickets/" + ref);
        return ticketPage(console, ref);
    }

    @Test
    void clickToCallRingsTheAgentFirstThenDialsTheCustomerWithTheCentresNumberAndTheCallLandsOnTheTimelineOnce() throws Exception {
        String customer = newMobile();
        String ref = ticketTextedFrom(customer);
        String agentPhone = newMobile();
        String agent = agentWithPhone(agentPhone);
        FormSession console = TestAgents.signIn(port, agent);

        Document before = ticketPage(console, ref);
        assertThat(before.select("#click-to-call button.call-customer").eachAttr("data-number")).containsExactly(customer);
        Document after = clickCall(console, ref, customer);
        assertThat(after.select(".flash.ok").text()).contains("Your phone rings now");
        long id = callOf(ref);

        // Only the agent's phone is called by the hub; the customer is dialled by the agent's call when they answer.
        List<LoggedRequest> agentLeg = TestTwilioApi.callsTo(agentPhone);
        assertThat(agentLeg).hasSize(1);
        assertThat(TestTwilioApi.callsTo(customer)).isEmpty();
        assertThat(TestTwilioApi.formValue(agentLeg.get(0), "From")).isEqualTo(HUB_SMS_NUMBER);
        assertThat(TestTwilioApi.formValue(agentLeg.get(0), "StatusCallback"))
                .isEqualTo(http.getRootUri() + "/twilio/voice/status?leg=agent&vc=" + id);
        List<org.w3c.dom.Element> verbs = children(xml(TestTwilioApi.formValue(agentLeg.get(0), "Twiml")));
        assertThat(verbs).extracting(org.w3c.dom.Element::getTagName).containsExactly("Say", "Dial");
        org.w3c.dom.Element dial = verbs.get(1);
        assertThat(dial.getAttribute("callerId")).as("the centre's number, not the agent's").isEqualTo(HUB_SMS_NUMBER);
        assertThat(dial.hasAttribute("record")).as("hub.voice.record-calls is off here").isFalse();
        org.w3c.dom.Element number = children(dial).get(0);
        assertThat(number.getTagName()).isEqualTo("Number");
        assertThat(number.getTextContent()).isEqualTo(customer);
        assertThat(number.getAttribute("statusCallback")).isEqualTo(http.getRootUri() + "/twilio/voice/status?leg=customer&vc=" + id);

        // Twilio reports both legs: the agent answers (busy), the customer answers and they talk 65 s.
        VoiceCalls twilio = new VoiceCalls(http);
        String agentSid = jdbc.sql("select agent_call_sid from voice_call where id = ?").param(id).query(String.class).single();
        String customerSid = newSid("CA");
        twilio.post("/twilio/voice/status?leg=agent&vc=" + id, with(call(agentSid, HUB_SMS_NUMBER, agentPhone),
                "Direction", "outbound-api", "CallStatus", "in-progress"));
        assertThat(presence.of(agent).orElseThrow().status()).isEqualTo(AgentPresence.Status.BUSY);
        Map<String, String> customerLeg = with(call(customerSid, HUB_SMS_NUMBER, customer), "Direction", "outbound-dial",
                "ParentCallSid", agentSid);
        twilio.post("/twilio/voice/status?leg=customer&vc=" + id, with(customerLeg, "CallStatus", "ringing"));
        twilio.post("/twilio/voice/status?leg=customer&vc=" + id, with(customerLeg, "CallStatus", "in-progress"));
        assertThat(ticketPage(console, ref).select(".entry.call[data-call=" + id + "] .call-outcome").text()).isEqualTo("In progress");
        assertThat(twilio.post("/twilio/voice/status?leg=customer&vc=" + id,
                with(customerLeg, "CallStatus", "completed", "CallDuration", "65")).getStatusCode().value()).isEqualTo(204);
        // Twilio retries a callback it thinks failed; a late one says something else. Neither changes the call.
        twilio.post("/twilio/voice/status?leg=customer&vc=" + id, with(customerLeg, "CallStatus", "completed", "CallDuration", "65"));
        twilio.post("/twilio/voice/status?leg=customer&vc=" + id, with(customerLeg, "CallStatus", "no-answer", "CallDuration", "0"));
        twilio.post("/twilio/voice/status?leg=agent&vc=" + id, with(call(agentSid, HUB_SMS_NUMBER, agentPhone),
                "Direction", "outbound-api", "CallStatus", "completed", "CallDuration", "71"));
        assertThat(presence.of(agent).orElseThrow().onCall()).isFalse();

        Document page = ticketPage(console, ref);
        assertThat(page.select("#timeline .entry.call")).hasSize(1);
        Element entry = page.selectFirst("#timeline .entry.call[data-call=" + id + "]");
        assertThat(entry.attr("data-direction")).isEqualTo("OUTBOUND");
        assertThat(entry.attr("data-outcome")).isEqualTo("ANSWERED");
        assertThat(entry.select(".badge.VOICE").text()).isEqualTo("Outgoing call");
        assertThat(entry.select(".call-outcome").text()).isEqualTo("Answered");
        assertThat(entry.select(".call-agent").text()).isEqualTo("Agent " + agent.substring(6));
        assertThat(entry.select(".call-number").text()).isEqualTo(customer);
        assertThat(entry.select(".call-duration").attr("data-seconds")).isEqualTo("65");
        assertThat(entry.select(".call-duration").text()).isEqualTo("1:05");
    }

    @Test
    void aNumberThatIsNotTheCustomersIsRefusedAndNothingIsDialled() throws Exception {
        String ref = ticketTextedFrom(newMobile());
        String agentPhone = newMobile();
        FormSession console = TestAgents.signIn(port, agentWithPhone(agentPhone));
        String stranger = newMobile();

        Document page = clickCall(console, ref, stranger);
        assertThat(page.select(".flash.bad").text()).contains("Only this customer's own phone numbers");
        assertThat(TestTwilioApi.callsTo(agentPhone)).isEmpty();
        assertThat(TestTwilioApi.callsTo(stranger)).isEmpty();
        assertThat(jdbc.sql("select count(*) from voice_call vc join ticket t on t.id = vc.ticket_id where t.ref = ?").param(ref)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anAgentWithoutAPhoneIsToldToSetOneAndNothingIsDialled() throws Exception {
        String customer = newMobile();
        String ref = ticketTextedFrom(customer);
        FormSession console = TestAgents.signIn(port, agentWithPhone(null));

        Document page = clickCall(console, ref, customer);
        assertThat(page.select(".flash.bad").text()).contains("phone number");
        assertThat(TestTwilioApi.callsTo(customer)).isEmpty();
    }

    @Test
    void theRecordingCallbackOfAPlacedCallAttachesTheAudioToTheCallOnTheTicket() throws Exception {
        String customer = newMobile();
        String ref = ticketTextedFrom(customer);
        String agentPhone = newMobile();
        FormSession console = TestAgents.signIn(port, agentWithPhone(agentPhone));
        clickCall(console, ref, customer);
        long id = callOf(ref);
        String agentSid = jdbc.sql("select agent_call_sid from voice_call where id = ?").param(id).query(String.class).single();

        String recordingSid = newSid("RE");
        String path = "/2010-04-01/Accounts/" + TWILIO_ACCOUNT_SID + "/Recordings/" + recordingSid;
        byte[] wav = io.contacthub.extract.speech.TestAudio.wav(io.contacthub.extract.speech.TestAudio.sine(330, 8000, 1.0, 0.25), 8000, 1);
        TestTwilioApi.shared().stubFor(get(urlEqualTo(path + ".wav"))
                .willReturn(aResponse().withHeader("Content-Type", "audio/x-wav").withBody(wav)));
        Map<String, String> recording = new java.util.LinkedHashMap<>();
        recording.put("AccountSid", TWILIO_ACCOUNT_SID);
        recording.put("CallSid", agentSid); // <Dial record> reports on the leg that dialled
        recording.put("RecordingSid", recordingSid);
        recording.put("RecordingUrl", "https://api.twilio.com" + path);
        recording.put("RecordingStatus", "completed");
        recording.put("RecordingDuration", "64");
        recording.put("RecordingChannels", "2");
        recording.put("RecordingSource", "DialVerb");
        VoiceCalls twilio = new VoiceCalls(http);
        assertThat(twilio.post("/twilio/recording?intent=GENERAL&lang=zh&vc=" + id, recording).getStatusCode().value()).isEqualTo(204);
        twilio.post("/twilio/recording?intent=GENERAL&lang=zh&vc=" + id, recording); // repeated: still one recording
        awaitSettled("VOICE", recordingSid);

        Element entry = await().atMost(WAIT).until(() -> ticketPage(console, ref).selectFirst(".entry.call[data-call=" + id + "]"),
                e -> e != null && !e.select(".call-recording audio").isEmpty());
        String src = entry.select(".call-recording audio").attr("src");
        assertThat(console.get(src).statusCode()).isEqualTo(200);
        byte[] stored = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForObject("/api/attachments/" + src.substring(src.lastIndexOf('/') + 1), byte[].class);
        assertThat(stored).isEqualTo(wav);
        assertThat(jdbc.sql("select count(*) from inbound_message where channel = 'VOICE' and external_id = ?").param(recordingSid)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select recording_sid from voice_call where id = ?").param(id).query(String.class).single()).isEqualTo(recordingSid);
    }
}
