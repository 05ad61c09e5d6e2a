package io.contacthub.channel.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The web chat without a browser: every visitor line goes through the receive stage onto one CHAT ticket, a resend
 * of the same line (HTTP or socket) is the same line, and what a stranger can send is bounded.
 */
class ChatChannelTest extends HubIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void linesOfOneConversationAreOneChatTicketAndAResentLineIsNotASecondContact() {
        String email = "chat-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        String token = open("张三", email, null);

        String clientId = "line-" + UUID.randomUUID();
        JsonNode first = send(token, clientId, "我的运单 SF1234567890123 到哪里了？").getBodyNotNull();
        JsonNode again = send(token, clientId, "我的运单 SF1234567890123 到哪里了？").getBodyNotNull();
        JsonNode second = send(token, "line-" + UUID.randomUUID(), "还有一个问题").getBodyNotNull();

        assertThat(again.path("id").asLong()).isEqualTo(first.path("id").asLong());
        assertThat(again.path("duplicate").asBoolean()).isTrue();
        assertThat(first.path("duplicate").asBoolean()).isFalse();
        String ref = first.path("ticket").asText();
        assertThat(second.path("ticket").asText()).isEqualTo(ref);
        JsonNode ticket = staffGet("/api/tickets/" + ref);
        assertThat(ticket.at("/ticket/channel").asText()).isEqualTo("CHAT");
        assertThat(ticket.path("timeline").findValuesAsText("body"))
                .containsExactly("我的运单 SF1234567890123 到哪里了？", "还有一个问题");
        // What the visitor typed is a claim: the customer's address is not taken as proven.
        assertThat(ticket.toString()).contains(email);
        assertThat(ticket.at("/customer/identityDetails").toString()).contains("CLAIMED").doesNotContain("OBSERVED");

        JsonNode history = lines(token, 0);
        assertThat(history.path("lines").findValuesAsText("text")).containsExactly("我的运单 SF1234567890123 到哪里了？", "还有一个问题");
        assertThat(lines(token, first.path("id").asLong()).path("lines").findValuesAsText("text")).containsExactly("还有一个问题");
    }

    @org.springframework.beans.factory.annotation.Autowired
    ChatDesk desk;
    @org.springframework.beans.factory.annotation.Autowired
    io.contacthub.presence.AgentPresence presence;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @org.springframework.beans.factory.annotation.Autowired
    ChatAgents chatAgents;

    @Test
    void aChatWaitingForAnAnswerIsOnTheSupervisorsLiveViewAndAnAnswerTheVisitorSawLiveIsTheTicketsFirstAnswer() throws Exception {
        String email = "live-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        String token = open("李四", email, null);
        String ref = send(token, "line-" + UUID.randomUUID(), "请问今天能发货吗？").getBodyNotNull().path("ticket").asText();
        io.contacthub.web.console.FormSession supervisor = new io.contacthub.web.console.FormSession(port);
        supervisor.signIn("/login", "admin", ADMIN_PASSWORD);
        org.jsoup.nodes.Document live = org.jsoup.Jsoup.parse(supervisor.get("/console/live").body());
        assertThat(live.select("#live-chats tr.live-chat[data-ticket=" + ref + "]")).hasSize(1);
        JsonNode before = ticketInQueue(ref);
        assertThat(before.path("slaDueAt").asText()).as("waiting for a first answer").isNotEmpty();

        lines(token, 0); // the visitor's browser asks (the fallback's poll): they are in the chat
        Object delivered = desk.agentSays(ref, "admin", "agent-" + UUID.randomUUID(), "今天下午发货。").get("delivered");
        assertThat(delivered).isEqualTo("CHAT");

        live = org.jsoup.Jsoup.parse(supervisor.get("/console/live").body());
        assertThat(live.select("#live-chats tr.live-chat[data-ticket=" + ref + "]")).isEmpty();
        JsonNode after = ticketInQueue(ref);
        // Answered: the running clock is now the resolution's, later than the first answer's was.
        assertThat(java.time.OffsetDateTime.parse(after.path("slaDueAt").asText()))
                .isAfter(java.time.OffsetDateTime.parse(before.path("slaDueAt").asText()));
    }

    @Test
    void anAgentWhoSetThemselvesAwayDoesNotCountAsThereToAnswerAChat() {
        jdbc.sql("update agent_presence set status = 'AWAY', on_call = false").update();
        assertThat(chatAgents.anyoneAvailable()).as("nobody available, no chat open").isFalse();
        presence.set("admin", io.contacthub.presence.AgentPresence.Status.AVAILABLE);
        try {
            assertThat(chatAgents.anyoneAvailable()).as("an AVAILABLE agent with the console open").isTrue();
            presence.set("admin", io.contacthub.presence.AgentPresence.Status.BUSY);
            assertThat(chatAgents.anyoneAvailable()).as("BUSY").isFalse();
        } finally {
            presence.set("admin", io.contacthub.presence.AgentPresence.Status.AWAY);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.contacthub.customer.CustomerSurveys surveys;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.security.crypto.password.PasswordEncoder encoder;

    @Test
    void aSignedInMembersChatIsTheirsWhileAVisitorTypingTheMembersAddressIsOnlyAClaim() throws Exception {
        String login = "chat-member-" + UUID.randomUUID().toString().substring(0, 8);
        String email = login + "@example.cn";
        long survey = surveys.submit(new io.contacthub.customer.CustomerSurveys.Answers(null, "孙丽", email, null, "北京", null, null,
                null, "EMAIL", null, true, login, encoder.encode("member-password-1")));
        surveys.markProven(survey, new io.contacthub.customer.VerificationCodes.Proved("EMAIL", email));
        surveys.approve(survey, "admin");
        long memberCustomer = jdbc.sql("select customer_id from member_account where login = ?").param(login).query(Long.class).single();

        io.contacthub.web.console.FormSession member = new io.contacthub.web.console.FormSession(port);
        assertThat(member.signIn("/portal/login", login, "member-password-1")).contains("/portal");
        // The member types nothing about who they are, and a name they type does not change it.
        var opened = member.postJson("/portal/chat/conversations", "{\"name\": \"someone else\", \"language\": \"zh\"}", "/portal/chat");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String token = readJson(opened.body()).path("token").asText();
        String ref = send(token, "line-" + UUID.randomUUID(), "会员问题：我的订单什么时候发？").getBodyNotNull().path("ticket").asText();
        assertThat(staffGet("/api/tickets/" + ref).at("/customer/id").asLong()).isEqualTo(memberCustomer);

        // Without the session, the same address typed into the widget is a general visitor's claim, not the member.
        String strangerRef = send(open("孙丽", email, null), "line-" + UUID.randomUUID(), "我是会员，请把我的订单改到别的地址")
                .getBodyNotNull().path("ticket").asText();
        JsonNode stranger = staffGet("/api/tickets/" + strangerRef);
        assertThat(stranger.at("/customer/id").asLong()).isNotEqualTo(memberCustomer);
        assertThat(stranger.at("/timeline/0/senderProven").asBoolean()).isFalse();
        assertThat(stranger.at("/timeline/0/foreignClaims/0/customerId").asLong()).as("shown to staff as someone else's address")
                .isEqualTo(memberCustomer);
        assertThat(strangerRef).isNotEqualTo(ref);
    }

    private JsonNode ticketInQueue(String ref) {
        long customer = staffGet("/api/tickets/" + ref).at("/customer/id").asLong();
        for (JsonNode t : staffGet("/api/tickets?customer=" + customer)) {
            if (t.path("ref").asText().equals(ref)) {
                return t;
            }
        }
        throw new AssertionError(ref + " is not in the queue");
    }

    @Test
    void aLineResentOverTheSocketAfterAReconnectIsAcknowledgedAsTheSameLine() throws Exception {
        String token = open("Li Wei", null, "+8613800138000");
        String clientId = "sock-" + UUID.randomUUID();
        String ref;
        long id;
        try (Socket socket = Socket.open(port, "http://localhost:" + port)) {
            socket.send("{\"type\":\"hello\",\"token\":\"" + token + "\",\"after\":0}");
            assertThat(socket.next("state").path("agentsAvailable").isBoolean()).isTrue();
            socket.send("{\"type\":\"send\",\"clientId\":\"" + clientId + "\",\"text\":\"Where is my parcel?\"}");
            JsonNode ack = socket.next("ack");
            id = ack.path("id").asLong();
            ref = ack.path("ticket").asText();
        }
        try (Socket socket = Socket.open(port, "http://localhost:" + port)) {
            socket.send("{\"type\":\"hello\",\"token\":\"" + token + "\",\"after\":" + id + "}");
            socket.next("state");
            socket.send("{\"type\":\"send\",\"clientId\":\"" + clientId + "\",\"text\":\"Where is my parcel?\"}");
            JsonNode ack = socket.next("ack");
            assertThat(ack.path("id").asLong()).isEqualTo(id);
            assertThat(ack.path("duplicate").asBoolean()).isTrue();
        }
        assertThat(staffGet("/api/tickets/" + ref).path("timeline").findValuesAsText("body")).containsExactly("Where is my parcel?");
        assertThat(staffGet("/api/messages?channel=CHAT&limit=500").findValuesAsText("externalId").stream()
                .filter(e -> e.endsWith(":" + clientId))).hasSize(1);
    }

    @Test
    void theVisitorSocketRefusesAHandshakeFromAnotherSite() {
        assertThat(handshakeStatus("https://evil.example")).isEqualTo(403);
        assertThat(handshakeStatus("http://localhost:" + port)).isEqualTo(101);
    }

    @Test
    void theAgentSocketNeedsAStaffSignIn() {
        // No console session: the sign-in page answers, not a socket.
        CompletionException failed = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () ->
                HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "http://localhost:" + port)
                        .buildAsync(URI.create("ws://localhost:" + port + "/console/chat/socket"), new WebSocket.Listener() { })
                        .join());
        assertThat(failed.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) failed.getCause()).getResponse().statusCode()).isNotEqualTo(101);
    }

    @Test
    void whatAStrangerSendsIsBoundedAndRefusedWithTheReasonStoringNothing() {
        String token = open("Wang", "wang-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", null);
        String tooLong = "长".repeat(2001);
        ResponseEntity<String> refused = post("/chat/api/messages", token,
                "{\"clientId\":\"long-" + UUID.randomUUID() + "\",\"text\":\"" + tooLong + "\"}");
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(readJson(refused.getBody()).path("code").asText()).isEqualTo("TOO_LONG");
        assertThat(post("/chat/api/messages", token, "{\"clientId\":\"x\",\"text\":\"hi\"}").getStatusCode().value()).isEqualTo(400);
        assertThat(post("/chat/api/messages", token, "{\"clientId\":\"blank-12345\",\"text\":\"   \"}").getStatusCode().value())
                .isEqualTo(400);
        assertThat(post("/chat/api/messages", "not-a-token", "{\"clientId\":\"nobody-1234\",\"text\":\"hi\"}").getStatusCode().value())
                .isEqualTo(401);
        assertThat(post("/chat/api/messages", token, "{\"clientId\":\"huge-12345\",\"text\":\"" + "x".repeat(20_000) + "\"}")
                .getStatusCode().value()).isEqualTo(400);
        assertThat(post("/chat/api/messages", token, "not json").getStatusCode().value()).isEqualTo(400);
        assertThat(lines(token, 0).path("lines")).isEmpty();
        // Opening needs a name and a way to answer.
        assertThat(post("/chat/api/conversations", null, "{\"name\":\"No address\"}").getStatusCode().value()).isEqualTo(400);
        assertThat(post("/chat/api/conversations", null, "{\"email\":\"x@example.com\"}").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void theWidgetMayBeFramedOnlyByTheHubItself() {
        ResponseEntity<String> page = http.getForEntity("/chat/widget?lang=en", String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("frame-ancestors 'self';");
        assertThat(page.getHeaders().getFirst("X-Frame-Options")).isNull();
        assertThat(http.getForEntity("/chat/embed.js", String.class).getBody()).contains("/chat/widget?lang=");
    }

    // ---- helpers

    private String open(String name, String email, String phone) {
        String body = "{\"name\":" + quote(name) + ",\"email\":" + quote(email) + ",\"phone\":" + quote(phone) + ",\"language\":\"zh\"}";
        ResponseEntity<String> opened = post("/chat/api/conversations", null, body);
        assertThat(opened.getStatusCode().value()).as(opened.getBody()).isEqualTo(201);
        return readJson(opened.getBody()).path("token").asText();
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private Answer send(String token, String clientId, String text) {
        ResponseEntity<String> r = post("/chat/api/messages", token, "{\"clientId\":\"" + clientId + "\",\"text\":\"" + text + "\"}");
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(200);
        return new Answer(readJson(r.getBody()));
    }

    private record Answer(JsonNode body) {
        JsonNode getBodyNotNull() {
            return body;
        }
    }

    private JsonNode lines(String token, long after) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        ResponseEntity<String> r = http.exchange("/chat/api/lines?wait=false&after=" + after, HttpMethod.GET, new HttpEntity<>(headers),
                String.class);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(200);
        return readJson(r.getBody());
    }

    private ResponseEntity<String> post(String path, String token, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private int handshakeStatus(String origin) {
        try {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
                    .buildAsync(URI.create("ws://localhost:" + port + "/chat/socket"), new WebSocket.Listener() { }).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** A visitor's socket, with the frames it received in order. */
    private static final class Socket implements WebSocket.Listener, AutoCloseable {
        private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket ws;
        private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

        static Socket open(int port, String origin) {
            Socket s = new Socket();
            s.ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
                    .buildAsync(URI.create("ws://localhost:" + port + "/chat/socket"), s).join();
            return s;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void send(String frame) {
            ws.sendText(frame, true).join();
        }

        JsonNode next(String type) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                String f = frames.poll(1, TimeUnit.SECONDS);
                if (f != null) {
                    JsonNode node = json.readTree(f);
                    if (type.equals(node.path("type").asText())) {
                        return node;
                    }
                }
            }
            throw new AssertionError("no " + type + " frame; got " + List.copyOf(frames));
        }

        @Override
        public void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }
}
