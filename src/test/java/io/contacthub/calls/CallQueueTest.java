package io.contacthub.calls;

import static io.contacthub.calls.VoiceCalls.call;
import static io.contacthub.calls.VoiceCalls.children;
import static io.contacthub.calls.VoiceCalls.with;
import static io.contacthub.calls.VoiceCalls.xml;
import static io.contacthub.testsupport.TwilioRequests.newMobile;
import static io.contacthub.testsupport.TwilioRequests.newSid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.contacthub.presence.AgentPresence;
import io.contacthub.presence.TestAgents;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.TestTwilioApi;
import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioSignature;
import io.contacthub.web.console.FormSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.w3c.dom.Element;

/**
 * A caller asks for an agent: the Twilio queue, the hub ringing available agents (Twilio's REST API is WireMock),
 * the screen pop in the agent's console, voicemail when no agent answers, and a call-back task for a caller who hung
 * up while waiting. Every webhook is signed as Twilio signs it.
 */
class CallQueueTest extends HubIntegrationTest {

    private static final String CENTRE = "+8610950000";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    AgentPresence presence;
    @Autowired
    CallQueue queue;

    private VoiceCalls twilio;
    private final List<String> agents = new ArrayList<>();

    @BeforeEach
    void nobodyElseTakesCalls() {
        twilio = new VoiceCalls(http);
        // Presence is the whole hub's: agents other tests left available would be offered this test's callers.
        jdbc.sql("update agent_presence set status = 'AWAY', on_call = false").update();
        jdbc.sql("update call_offer set ended_at = now(), result = 'EXPIRED' where ended_at is null").update();
        jdbc.sql("update voice_call set state = 'ENDED' where state = 'QUEUED'").update();
    }

    @AfterEach
    void agentsAway() {
        TestAgents.away(jdbc, agents.toArray(String[]::new));
    }

    private String availableAgent(String phone) {
        String name = TestAgents.create(jdbc, encoder, phone);
        agents.add(name);
        presence.set(name, AgentPresence.Status.AVAILABLE);
        return name;
    }

    /** An incoming call processed into its ticket, then key 9 in the menu; returns the Enqueue element. */
    private Element callerAsksForAnAgent(String callSid, String from) throws Exception {
        assertThat(twilio.post("/twilio/voice", with(call(callSid, from, CENTRE), "CallStatus", "ringing")).getStatusCode().value())
                .isEqualTo(200);
        awaitSettled("VOICE", callSid);
        ResponseEntity<String> menu = twilio.post("/twilio/voice/menu?lang=zh", with(call(callSid, from, CENTRE), "Digits", "9"));
        assertThat(menu.getStatusCode().value()).isEqualTo(200);
        List<Element> verbs = children(xml(menu.getBody()));
        assertThat(verbs).extracting(Element::getTagName).containsExactly("Say", "Enqueue");
        return verbs.get(1);
    }

    private long callId(String callSid) {
        return jdbc.sql("select id from voice_call where call_sid = ?").param(callSid).query(Long.class).single();
    }

    @Test
    void aCallerChoosingAnAgentIsPutInTheQueueWithTheHubsWaitUrlAndAction() throws Exception {
        String callSid = newSid("CA");
        Element enqueue = callerAsksForAnAgent(callSid, newMobile());
        long id = callId(callSid);
        assertThat(enqueue.getTextContent()).isEqualTo("hub-agents");
        assertThat(enqueue.getAttribute("waitUrl")).isEqualTo("/twilio/voice/queue/wait?lang=zh&vc=" + id);
        assertThat(enqueue.getAttribute("waitUrlMethod")).isEqualTo("POST");
        assertThat(enqueue.getAttribute("action")).isEqualTo("/twilio/voice/queue/result?lang=zh&vc=" + id);
        List<Element> greeting = children(xml(twilio.post("/twilio/voice", call(newSid("CA"), newMobile(), CENTRE)).getBody()));
        assertThat(children(greeting.get(0)).get(1).getTextContent()).as("the menu offers an agent").contains("人工服务请按9");
    }

    @Test
    void withOneAvailableAgentTheHubPlacesExactlyOneAgentCallWhoseTwimlDialsTheQueue() throws Exception {
        String agentPhone = newMobile();
        String agent = availableAgent(agentPhone);
        String callSid = newSid("CA");
        String caller = newMobile();
        callerAsksForAnAgent(callSid, caller);
        long id = callId(callSid);

        List<LoggedRequest> calls = await().atMost(WAIT).until(() -> TestTwilioApi.callsTo(agentPhone), c -> !c.isEmpty());
        // Twilio asks the wait URL again and again; the offer rings meanwhile, and a new round offers nothing more.
        ResponseEntity<String> hold = twilio.post("/twilio/voice/queue/wait?lang=zh&vc=" + id,
                with(call(callSid, caller, CENTRE), "QueuePosition", "1", "QueueTime", "8", "CurrentQueueSize", "1", "AvgQueueTime", "8"));
        List<Element> holding = children(xml(hold.getBody()));
        assertThat(holding).extracting(Element::getTagName).containsExactly("Say", "Pause");
        assertThat(holding.get(0).getTextContent()).contains("0 位客户");
        queue.offerWaiting();
        queue.offerWaiting();
        assertThat(TestTwilioApi.callsTo(agentPhone)).hasSize(1);

        LoggedRequest offer = calls.get(0);
        assertThat(TestTwilioApi.formValue(offer, "From")).isEqualTo(HUB_SMS_NUMBER);
        assertThat(TestTwilioApi.formValue(offer, "Timeout")).isEqualTo("20");
        long offerId = jdbc.sql("select id from call_offer where call_id = ? and agent = ?").params(id, agent).query(Long.class).single();
        assertThat(TestTwilioApi.formValue(offer, "StatusCallback"))
                .isEqualTo(http.getRootUri() + "/twilio/voice/status?leg=offer&offer=" + offerId);
        Element response = xml(TestTwilioApi.formValue(offer, "Twiml"));
        List<Element> verbs = children(response);
        assertThat(verbs).extracting(Element::getTagName).containsExactly("Say", "Dial", "Say");
        Element queueNoun = children(verbs.get(1)).get(0);
        assertThat(queueNoun.getTagName()).isEqualTo("Queue");
        assertThat(queueNoun.getTextContent()).isEqualTo("hub-agents");
        assertThat(queueNoun.getAttribute("url")).isEqualTo(http.getRootUri() + "/twilio/voice/queue/bridge?vc=" + id + "&offer=" + offerId);
    }

    @Test
    void theOfferedAgentsConsoleShowsTheCallersCustomerAndOpenTicketsThenTheCallMakesThemBusyAndFreeAgain() throws Exception {
        String agentPhone = newMobile();
        String agent = availableAgent(agentPhone);
        FormSession console = TestAgents.signIn(port, agent);
        String callSid = newSid("CA");
        String caller = newMobile();
        callerAsksForAnAgent(callSid, caller);
        JsonNode ticket = staffGet("/api/tickets/" + messageByExternalId("VOICE", callSid).path("ref").asText());
        String ref = ticket.at("/ticket/ref").asText();
        long customerId = ticket.at("/customer/id").asLong();
        await().atMost(WAIT).until(() -> TestTwilioApi.callsTo(agentPhone), c -> !c.isEmpty());

        // Within the top bar's refresh (what htmx asks every few seconds), on whatever page the agent has open.
        Document bar = Jsoup.parse(console.get("/console/presence/bar", "HX-Request", "true").body());
        assertThat(bar.select("#screen-pop").attr("data-offered")).isEqualTo("true");
        assertThat(bar.select("#pop-number").text()).isEqualTo(caller);
        assertThat(bar.select("#pop-customer").attr("href")).isEqualTo("/console/customers/" + customerId);
        assertThat(bar.select("#pop-tickets a").eachText()).contains(ref);
        assertThat(Jsoup.parse(console.get("/console/follow-ups").body()).select("#screen-pop #pop-number").text()).isEqualTo(caller);

        String agentLeg = jdbc.sql("select agent_call_sid from call_offer where agent = ?").param(agent).query(String.class).single();
        long offerId = jdbc.sql("select id from call_offer where agent = ?").param(agent).query(Long.class).single();
        long id = callId(callSid);
        twilio.post("/twilio/voice/status?leg=offer&offer=" + offerId, with(call(agentLeg, HUB_SMS_NUMBER, agentPhone),
                "Direction", "outbound-api", "CallStatus", "in-progress"));
        List<Element> connecting = children(xml(twilio.post("/twilio/voice/queue/bridge?vc=" + id + "&offer=" + offerId,
                with(call(callSid, caller, CENTRE), "QueueSid", newSid("QU"), "QueueTime", "12", "DequeingCallSid", agentLeg)).getBody()));
        assertThat(connecting).extracting(Element::getTagName).startsWith("Say");
        assertThat(presence.of(agent).orElseThrow().status()).isEqualTo(AgentPresence.Status.BUSY);
        Document onCall = Jsoup.parse(console.get("/console/presence/bar", "HX-Request", "true").body());
        assertThat(onCall.select("#screen-pop").attr("data-offered")).isEqualTo("false");
        assertThat(onCall.select("#presence-on-call")).hasSize(1);

        twilio.post("/twilio/voice/queue/result?lang=zh&vc=" + id, with(call(callSid, caller, CENTRE), "QueueResult", "bridged",
                "QueueTime", "12"));
        twilio.post("/twilio/voice/status?leg=offer&offer=" + offerId, with(call(agentLeg, HUB_SMS_NUMBER, agentPhone),
                "Direction", "outbound-api", "CallStatus", "completed", "CallDuration", "95"));
        AgentPresence.Agent after = presence.of(agent).orElseThrow();
        assertThat(after.status()).isEqualTo(AgentPresence.Status.AVAILABLE);
        assertThat(after.onCall()).isFalse();
        assertThat(Jsoup.parse(console.get("/console/presence/bar", "HX-Request", "true").body()).select("#screen-pop")).isEmpty();
        assertThat(jdbc.sql("select outcome from voice_call where id = ?").param(id).query(String.class).single()).isEqualTo("ANSWERED");
        assertThat(jdbc.sql("select agent from voice_call where id = ?").param(id).query(String.class).single()).isEqualTo(agent);
    }

    @Test
    void withNoAgentAvailableTheCallerLeavesTheQueueForVoicemailAtOnce() throws Exception {
        String callSid = newSid("CA");
        String caller = newMobile();
        callerAsksForAnAgent(callSid, caller);
        long id = callId(callSid);
        List<Element> wait = children(xml(twilio.post("/twilio/voice/queue/wait?lang=zh&vc=" + id,
                with(call(callSid, caller, CENTRE), "QueuePosition", "1", "QueueTime", "0")).getBody()));
        assertThat(wait).extracting(Element::getTagName).containsExactly("Leave");

        List<Element> voicemail = children(xml(twilio.post("/twilio/voice/queue/result?lang=zh&vc=" + id,
                with(call(callSid, caller, CENTRE), "QueueResult", "leave", "QueueTime", "1")).getBody()));
        assertThat(voicemail).extracting(Element::getTagName).containsExactly("Say", "Record");
        assertThat(voicemail.get(1).getAttribute("recordingStatusCallback")).isEqualTo("/twilio/recording?intent=GENERAL&lang=zh&vc=" + id);
        assertThat(jdbc.sql("select outcome from voice_call where id = ?").param(id).query(String.class).single()).isEqualTo("VOICEMAIL");
        assertThat(jdbc.sql("select count(*) from call_back where call_id = ?").param(id).query(Long.class).single()).isZero();
    }

    @Test
    void aCallerNoAgentAnsweredWithinTheQueueTimeoutGoesToVoicemail() throws Exception {
        String agentPhone = newMobile();
        availableAgent(agentPhone); // rung, but never answers
        String callSid = newSid("CA");
        String caller = newMobile();
        callerAsksForAnAgent(callSid, caller);
        long id = callId(callSid);
        await().atMost(WAIT).until(() -> TestTwilioApi.callsTo(agentPhone), c -> !c.isEmpty());
        assertThat(children(xml(twilio.post("/twilio/voice/queue/wait?lang=zh&vc=" + id,
                with(call(callSid, caller, CENTRE), "QueuePosition", "1", "QueueTime", "119")).getBody())))
                .extracting(Element::getTagName).containsExactly("Say", "Pause");
        // hub.voice.queue-timeout (120 s) as Twilio counts the wait: the caller leaves for voicemail.
        assertThat(children(xml(twilio.post("/twilio/voice/queue/wait?lang=zh&vc=" + id,
                with(call(callSid, caller, CENTRE), "QueuePosition", "1", "QueueTime", "120")).getBody())))
                .extracting(Element::getTagName).containsExactly("Leave");
        twilio.post("/twilio/voice/queue/result?lang=zh&vc=" + id, with(call(callSid, caller, CENTRE), "QueueResult", "leave"));
        assertThat(jdbc.sql("select count(*) from call_offer where call_id = ? and ended_at is null").param(id).query(Long.class).single())
                .as("the ringing offer ends with the caller gone").isZero();
    }

    @Test
    void aCallerWhoHangsUpWhileWaitingIsOneMissedCallWithOneCallBackTaskInTheQueue() throws Exception {
        String agentPhone = newMobile();
        availableAgent(agentPhone);
        String callSid = newSid("CA");
        String caller = newMobile();
        callerAsksForAnAgent(callSid, caller);
        long id = callId(callSid);
        String ref = messageByExternalId("VOICE", callSid).path("ref").asText();
        Map<String, String> hangup = with(call(callSid, caller, CENTRE), "QueueResult", "hangup", "QueueTime", "30");
        List<Element> answer = children(xml(twilio.post("/twilio/voice/queue/result?lang=zh&vc=" + id, hangup).getBody()));
        assertThat(answer).extracting(Element::getTagName).containsExactly("Hangup");
        twilio.post("/twilio/voice/queue/result?lang=zh&vc=" + id, hangup); // Twilio retries
        twilio.post("/twilio/voice/status", with(call(callSid, caller, CENTRE), "CallStatus", "completed", "CallDuration", "41"));

        assertThat(jdbc.sql("select count(*) from call_back where call_id = ?").param(id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select outcome from voice_call where id = ?").param(id).query(String.class).single()).isEqualTo("MISSED");
        FormSession admin = new FormSession(port);
        admin.signIn("/login", "admin", ADMIN_PASSWORD);
        Document page = Jsoup.parse(admin.get("/console").body());
        assertThat(page.select("#call-backs tr.call-back[data-call=" + id + "] .call-back-ticket").text()).isEqualTo(ref);
        assertThat(page.select("#call-backs tr.call-back[data-call=" + id + "]").text()).contains(caller);
    }

    @Test
    void theSupervisorsLiveViewShowsWhoIsAvailableWhoWaitsAndTodaysMissedCallsAndIsClosedToAgents() throws Exception {
        String agentPhone = newMobile();
        String agent = availableAgent(agentPhone);
        FormSession supervisor = new FormSession(port);
        supervisor.signIn("/login", "admin", ADMIN_PASSWORD);
        long missedBefore = Long.parseLong(Jsoup.parse(supervisor.get("/console/live").body()).select("#live-missed").text());

        String callSid = newSid("CA");
        String caller = newMobile();
        callerAsksForAnAgent(callSid, caller);
        long id = callId(callSid);
        await().atMost(WAIT).until(() -> TestTwilioApi.callsTo(agentPhone), c -> !c.isEmpty());
        Document live = Jsoup.parse(supervisor.get("/console/live?lang=en").body());
        assertThat(live.select("#live-agents tr.live-agent[data-agent=" + agent + "]").attr("data-status")).isEqualTo("AVAILABLE");
        assertThat(live.select("#live-calls tr.live-call[data-call=" + id + "]").text()).contains(caller).contains("Agent " + agent.substring(6));
        assertThat(Integer.parseInt(live.select("#live-calls tr.live-call[data-call=" + id + "]").attr("data-waited"))).isBetween(0, 60);

        twilio.post("/twilio/voice/queue/result?lang=zh&vc=" + id, with(call(callSid, caller, CENTRE), "QueueResult", "hangup", "QueueTime", "9"));
        live = Jsoup.parse(supervisor.get("/console/live").body());
        assertThat(live.select("#live-calls tr.live-call[data-call=" + id + "]")).isEmpty();
        assertThat(Long.parseLong(live.select("#live-missed").text())).isEqualTo(missedBefore + 1);
        assertThat(live.select("#live-hours tr.live-hour").eachAttr("data-missed").stream().mapToLong(Long::parseLong).sum())
                .isEqualTo(missedBefore + 1);

        FormSession plainAgent = TestAgents.signIn(port, agent);
        assertThat(plainAgent.get("/console/live").statusCode()).isEqualTo(403);
    }

    @Test
    void anAClassCustomerCallingSkipsTheMenuForTheQueueWhileAnAgentTakesCallsAndHearsTheMenuOtherwise() throws Exception {
        String caller = newMobile();
        long customer = jdbc.sql("insert into customer (kind, display_name) values ('GENERAL', '大客户王总') returning id")
                .query(Long.class).single();
        jdbc.sql("insert into customer_identity (customer_id, kind, value, provenance) values (?, 'PHONE', ?, 'OBSERVED')")
                .params(customer, caller).update();
        jdbc.sql("""
                insert into customer_standing (customer_id, class, volume_class, volume, orders_placed, orders_refused, order_value,
                    waybills_tracked, complaints, customer_side_complaints, compensation_paid, credit_grade, credit_source, computed_at)
                values (?, 'A', 'A', 900000, 120, 0, 900000, 300, 0, 0, 0, 'GOOD', 'RULE', now())""").param(customer).update();

        // Nobody takes calls: the menu, as for anyone (the queue would only lead to voicemail).
        List<Element> menu = children(xml(twilio.post("/twilio/voice", with(call(newSid("CA"), caller, CENTRE), "CallStatus", "ringing")).getBody()));
        assertThat(menu).extracting(Element::getTagName).startsWith("Gather");

        availableAgent(newMobile());
        String callSid = newSid("CA");
        List<Element> straight = children(xml(twilio.post("/twilio/voice", with(call(callSid, caller, CENTRE), "CallStatus", "ringing")).getBody()));
        assertThat(straight).extracting(Element::getTagName).containsExactly("Say", "Enqueue");
        assertThat(straight.get(1).getTextContent()).isEqualTo("hub-agents");
        assertThat(jdbc.sql("select state from voice_call where call_sid = ?").param(callSid).query(String.class).single()).isEqualTo("QUEUED");

        // A caller of no listed class still hears the menu with the agent available.
        List<Element> other = children(xml(twilio.post("/twilio/voice", with(call(newSid("CA"), newMobile(), CENTRE), "CallStatus", "ringing")).getBody()));
        assertThat(other).extracting(Element::getTagName).startsWith("Gather");
    }

    @Test
    void theCallBackTaskOfAMissedCallIsDoneWhenAnAgentCallsTheCallerBackFromTheTicketAndTheyAnswer() throws Exception {
        String callSid = newSid("CA");
        String caller = newMobile();
        callerAsksForAnAgent(callSid, caller);
        long missed = callId(callSid);
        String ref = messageByExternalId("VOICE", callSid).path("ref").asText();
        twilio.post("/twilio/voice/queue/result?lang=zh&vc=" + missed, with(call(callSid, caller, CENTRE), "QueueResult", "hangup", "QueueTime", "20"));
        FormSession admin = new FormSession(port);
        admin.signIn("/login", "admin", ADMIN_PASSWORD);
        assertThat(Jsoup.parse(admin.get("/console").body()).select("#call-backs tr.call-back[data-call=" + missed + "]")).hasSize(1);

        String agentPhone = newMobile();
        String agent = TestAgents.create(jdbc, encoder, agentPhone);
        agents.add(agent);
        FormSession console = TestAgents.signIn(port, agent);
        Document ticket = Jsoup.parse(console.get("/console/tickets/" + ref).body());
        assertThat(ticket.select("#timeline .entry.call[data-call=" + missed + "]").attr("data-outcome")).isEqualTo("MISSED");
        assertThat(ticket.select("#click-to-call button.call-customer").eachAttr("data-number")).containsExactly(caller);
        assertThat(console.post("/console/tickets/" + ref + "/calls", Map.of("number", caller), true).statusCode()).isEqualTo(302);
        long back = jdbc.sql("select id from voice_call where direction = 'OUTBOUND' and customer_number = ?").param(caller)
                .query(Long.class).single();
        String agentLeg = jdbc.sql("select agent_call_sid from voice_call where id = ?").param(back).query(String.class).single();

        Map<String, String> customerLeg = with(call(newSid("CA"), CENTRE, caller), "Direction", "outbound-dial", "ParentCallSid", agentLeg);
        twilio.post("/twilio/voice/status?leg=customer&vc=" + back, with(customerLeg, "CallStatus", "in-progress"));
        twilio.post("/twilio/voice/status?leg=customer&vc=" + back, with(customerLeg, "CallStatus", "completed", "CallDuration", "48"));
        assertThat(jdbc.sql("select status from call_back where call_id = ?").param(missed).query(String.class).single()).isEqualTo("DONE");
        assertThat(Jsoup.parse(admin.get("/console").body()).select("#call-backs tr.call-back[data-call=" + missed + "]")).isEmpty();
        Document after = Jsoup.parse(console.get("/console/tickets/" + ref).body());
        assertThat(after.select("#timeline .entry.call").eachAttr("data-call")).containsExactly(String.valueOf(missed), String.valueOf(back));
    }

    @Test
    void forgedOrUnsignedQueueCallbacksAreRefused() {
        String callSid = newSid("CA");
        Map<String, String> params = with(call(callSid, newMobile(), CENTRE), "QueueResult", "hangup");
        String form = io.contacthub.testsupport.TwilioRequests.form(params);
        String wrong = TwilioSignature.compute("not-our-token", http.getRootUri() + "/twilio/voice/queue/result",
                FormBody.parse(form.getBytes(StandardCharsets.UTF_8)));
        assertThat(twilio.post("/twilio/voice/queue/result", form, wrong).getStatusCode().value()).isEqualTo(403);
        assertThat(twilio.post("/twilio/voice/queue/wait", form, null).getStatusCode().value()).isEqualTo(403);
        assertThat(twilio.post("/twilio/voice/status?leg=offer&offer=1", form, null).getStatusCode().value()).isEqualTo(403);
    }
}
