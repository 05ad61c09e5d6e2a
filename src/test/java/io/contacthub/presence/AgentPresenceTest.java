package io.contacthub.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.web.console.FormSession;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Agents set their presence in the console's top bar and their call address on their profile; the hub offers calls
 * to the available ones, longest idle first, and sets them busy while on a call.
 */
class AgentPresenceTest extends HubIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    AgentPresence presence;

    private final java.util.List<String> made = new java.util.ArrayList<>();

    @AfterEach
    void awayAgain() {
        TestAgents.away(jdbc, made.toArray(String[]::new));
    }

    private String agent(String address) {
        String name = TestAgents.create(jdbc, encoder, address);
        made.add(name);
        return name;
    }

    @Test
    void anAgentSetsThemselvesAvailableBusyAndAwayInTheTopBarOfEveryConsolePage() throws Exception {
        String name = agent("+8613800138001");
        FormSession console = TestAgents.signIn(port, name);
        Document queue = Jsoup.parse(console.get("/console").body());
        assertThat(queue.select("#presence form").attr("data-status")).isEqualTo("AWAY");
        assertThat(queue.select("#presence").attr("hx-get")).isEqualTo("/console/presence/bar");

        HttpResponse<String> set = console.postWithReferer("/console/presence", Map.of("status", "AVAILABLE"),
                "http://localhost:" + port + "/console/follow-ups");
        assertThat(set.statusCode()).isEqualTo(302);
        assertThat(set.headers().firstValue("Location").orElseThrow()).endsWith("/console/follow-ups");
        Document page = Jsoup.parse(console.get("/console/follow-ups").body());
        assertThat(page.select("#presence form").attr("data-status")).isEqualTo("AVAILABLE");
        assertThat(page.select("#presence-available").hasClass("active")).isTrue();
        assertThat(presence.availableAgents()).extracting(AgentPresence.Agent::username).contains(name);
        assertThat(presence.anyoneAvailable()).isTrue();

        console.post("/console/presence", Map.of("status", "BUSY"), true);
        assertThat(Jsoup.parse(console.get("/console").body()).select("#presence form").attr("data-status")).isEqualTo("BUSY");
        assertThat(presence.availableAgents()).extracting(AgentPresence.Agent::username).doesNotContain(name);
        console.post("/console/presence", Map.of("status", "AWAY"), true);
        assertThat(presence.of(name).orElseThrow().status()).isEqualTo(AgentPresence.Status.AWAY);

        assertThat(console.post("/console/presence", Map.of("status", "ASLEEP"), true).statusCode()).isEqualTo(400);
        assertThat(console.post("/console/presence", Map.of("status", "AVAILABLE"), false).statusCode())
                .as("a cross-site form cannot set anyone available").isEqualTo(403);
        assertThat(presence.of(name).orElseThrow().status()).isEqualTo(AgentPresence.Status.AWAY);
    }

    @Test
    void aRefererToAnotherSiteSendsTheAgentBackToTheQueueOnly() throws Exception {
        FormSession console = TestAgents.signIn(port, agent(null));
        HttpResponse<String> set = console.postWithReferer("/console/presence", Map.of("status", "BUSY"), "https://evil.example/phish");
        assertThat(set.headers().firstValue("Location").orElseThrow()).endsWith("/console");
    }

    @Test
    void theLongestIdleAvailableAgentComesFirstAndOnlyAgentsWithACallAddressTakeCalls() {
        String first = agent("+8613800138002");
        String second = agent("+8613800138003");
        String noPhone = agent(null);
        presence.set(first, AgentPresence.Status.AVAILABLE);
        jdbc.sql("update agent_presence set idle_since = now() - interval '10 minutes' where username = ?").param(first).update();
        presence.set(second, AgentPresence.Status.AVAILABLE);
        presence.set(noPhone, AgentPresence.Status.AVAILABLE);

        List<String> available = presence.availableAgents().stream().map(AgentPresence.Agent::username)
                .filter(made::contains).toList();
        assertThat(available).containsExactly(first, second, noPhone);
        assertThat(presence.callTakers()).extracting(AgentPresence.Agent::username).contains(first, second).doesNotContain(noPhone);

        // Choosing AVAILABLE again does not jump the line: idle time is kept.
        presence.set(first, AgentPresence.Status.AVAILABLE);
        assertThat(presence.availableAgents().stream().map(AgentPresence.Agent::username).filter(made::contains).toList())
                .startsWith(first);

        // On a call: busy, and back to available afterwards as the one idle shortest.
        presence.onCall(first);
        assertThat(presence.of(first).orElseThrow().status()).isEqualTo(AgentPresence.Status.BUSY);
        assertThat(presence.of(first).orElseThrow().onCall()).isTrue();
        assertThat(presence.availableAgents()).extracting(AgentPresence.Agent::username).doesNotContain(first);
        presence.callEnded(first);
        assertThat(presence.availableAgents().stream().map(AgentPresence.Agent::username).filter(made::contains).toList())
                .containsExactly(second, noPhone, first);

        // An agent who chose AWAY during the call stays away after it.
        presence.onCall(second);
        presence.set(second, AgentPresence.Status.AWAY);
        presence.callEnded(second);
        assertThat(presence.of(second).orElseThrow().status()).isEqualTo(AgentPresence.Status.AWAY);
    }

    @Test
    void anAgentWhoseConsoleStoppedRefreshingIsOfferedNothingUntilItAsksAgain() throws Exception {
        String name = agent("+8613800138004");
        FormSession console = TestAgents.signIn(port, name);
        console.post("/console/presence", Map.of("status", "AVAILABLE"), true);
        jdbc.sql("update agent_presence set seen_at = now() - interval '10 minutes' where username = ?").param(name).update();
        assertThat(presence.availableAgents()).extracting(AgentPresence.Agent::username).doesNotContain(name);

        assertThat(console.get("/console/presence/bar", "HX-Request", "true").statusCode()).isEqualTo(200);
        assertThat(presence.availableAgents()).extracting(AgentPresence.Agent::username).contains(name);
    }

    @Test
    void theCallAddressIsAValidatedPhoneNumberInE164OrASipAddress() throws Exception {
        String name = agent(null);
        FormSession console = TestAgents.signIn(port, name);
        assertThat(Jsoup.parse(console.get("/console/profile").body()).select("#call-address-panel #callAddress")).hasSize(1);

        console.post("/console/presence/address", Map.of("callAddress", "138 0013 8000"), true);
        assertThat(address(name)).isEqualTo("+8613800138000");
        assertThat(Jsoup.parse(console.get("/console/profile").body()).select("#callAddress").val()).isEqualTo("+8613800138000");

        console.post("/console/presence/address", Map.of("callAddress", "SIP:Desk-7@Centre.sip.twilio.com"), true);
        assertThat(address(name)).isEqualTo("sip:desk-7@centre.sip.twilio.com");
        assertThat(Jsoup.parse(console.get("/console/profile").body()).select(".flash.ok").text()).contains("Saved");

        for (String bad : new String[] {"12345", "call me", "sip:nobody", "sip:a@b;transport=tcp", "+86 138 0013 8000 <script>"}) {
            HttpResponse<String> refused = console.post("/console/presence/address", Map.of("callAddress", bad), true);
            assertThat(refused.statusCode()).isEqualTo(302);
            String page = console.get("/console/profile").body();
            assertThat(Jsoup.parse(page).select(".flash.bad").text()).as(bad).isNotBlank();
            assertThat(page).doesNotContain("<script>");
            assertThat(address(name)).as("kept after " + bad).isEqualTo("sip:desk-7@centre.sip.twilio.com");
        }

        console.post("/console/presence/address", Map.of("callAddress", "  "), true);
        assertThat(address(name)).isEqualTo("(none)");
    }

    private String address(String name) {
        return jdbc.sql("select coalesce(call_address, '(none)') from staff_user where username = ?").param(name)
                .query(String.class).single();
    }
}
