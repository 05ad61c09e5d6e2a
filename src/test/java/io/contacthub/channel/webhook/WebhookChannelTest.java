package io.contacthub.channel.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.TestIntegrator;
import io.contacthub.web.console.FormSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The generic webhook channel against the running hub: an integrator's system (source {@code shop}, a marketplace with
 * its own field mapping; source {@code carrier}, which signs a timestamp too) posts signed JSON; WireMock stands in
 * for the integrator's side — where answers are posted and where attachment URLs point.
 */
class WebhookChannelTest extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void signedPostIsAnswered202AfterTheCommitAndBecomesATicketOfTheSendersObservedIdentity() {
        String event = newId("evt");
        String buyer = newId("buyer");
        String email = buyer + "@example.cn";
        String body = shopMessage(event, buyer, "我的订单 SO2026000777 什么时候发货？", m -> {
            m.put("subject", "订单发货问题");
            ((ObjectNode) m.path("buyer")).put("name", "李四").put("email", email);
        });

        ResponseEntity<String> answer = postShop(body);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(202);
        JsonNode receipt = readJson(answer.getBody());
        assertThat(receipt.path("externalId").asText()).isEqualTo("shop:" + event);
        // answered only after the commit: the raw post is there the moment the answer is
        assertThat(storedRows("shop:" + event)).isEqualTo(1);

        JsonNode message = awaitSettled("WEBHOOK", "shop:" + event);
        assertThat(message.path("status").asText()).as(message.toString()).isEqualTo("PROCESSED");
        assertThat(message.path("id").asLong()).isEqualTo(receipt.path("messageId").asLong());
        assertThat(message.path("source").asText()).isEqualTo("webhook:shop");
        assertThat(message.path("sender").asText()).isEqualTo(buyer);
        assertThat(message.path("contentType").asText()).isEqualTo("application/json");
        JsonNode ticket = staffGet("/api/tickets/" + message.path("ref").asText());
        assertThat(ticket.at("/ticket/channel").asText()).isEqualTo("WEBHOOK");
        assertThat(ticket.at("/ticket/subject").asText()).isEqualTo("订单发货问题");
        assertThat(ticket.at("/customer/name").asText()).isEqualTo("李四");
        assertThat(ticket.at("/customer/identities").toString()).contains("SHOP_BUYER:" + buyer);
        assertThat(provenance(ticket, "SHOP_BUYER")).as("the source's signature vouches for its buyer id").isEqualTo("OBSERVED");
        assertThat(provenance(ticket, "EMAIL")).as("an address the payload mentions is a claim").isEqualTo("CLAIMED");
        assertThat(ticket.at("/timeline/0/body").asText()).contains("什么时候发货");
        assertThat(ticket.at("/timeline/0/senderProven").asBoolean()).isTrue();
        assertThat(ticket.at("/timeline/0/entities/orderNumbers").toString()).contains("SO2026000777");
        // the raw original is the body exactly as posted
        String raw = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForObject("/api/messages/" + message.path("id").asText() + "/raw", String.class);
        assertThat(raw).isEqualTo(body);
        // the source reports its last success in health, like a mailbox
        JsonNode health = readJson(http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/actuator/health", String.class)
                .getBody()).at("/components/intakeSources/details/webhook:shop");
        assertThat(health.path("lastSuccess").asText()).isNotEqualTo("never").isNotBlank();
    }

    @Test
    void newTicketIsAcknowledgedAndAStaffReplyIsPostedToTheReplyUrlSignedWithTheSourcesSecret() throws Exception {
        String buyer = newId("buyer");
        postShopAccepted(shopMessage(newId("evt"), buyer, "包裹破了一个角，能换吗？", m -> { }));
        String ref = awaitSettledRef(buyer);
        LoggedRequest ack = awaitAnswer(ref, "ack");
        assertThat(readJson(ack.getBodyAsString()).path("text").asText()).contains(ref);

        ResponseEntity<String> queued = staffPostJson("/api/tickets/" + ref + "/replies",
                "{\"body\": \"您好，我们会给您补发一个新的包装。\"}");
        assertThat(queued.getStatusCode().value()).as(queued.getBody()).isEqualTo(202);
        assertThat(readJson(queued.getBody()).path("channel").asText()).isEqualTo("WEBHOOK");
        assertThat(readJson(queued.getBody()).path("recipient").asText()).isEqualTo(buyer);

        LoggedRequest reply = awaitAnswer(ref, "reply");
        byte[] posted = reply.getBody();
        assertThat(reply.getHeader("X-Hub-Signature-256")).as("the integrator can verify the hub")
                .isEqualTo("sha256=" + hmac(WEBHOOK_SHOP_SECRET, posted));
        assertThat(reply.getHeader("Content-Type")).startsWith("application/json");
        assertThat(reply.getHeader("Idempotency-Key")).startsWith("contact-hub-notification-");
        JsonNode payload = readJson(new String(posted, StandardCharsets.UTF_8));
        assertThat(payload.path("source").asText()).isEqualTo("shop");
        assertThat(payload.path("ticket").asText()).isEqualTo(ref);
        assertThat(payload.path("reference").asText()).isEqualTo("[#" + ref + "]");
        assertThat(payload.at("/recipient/kind").asText()).isEqualTo("SHOP_BUYER");
        assertThat(payload.at("/recipient/id").asText()).isEqualTo(buyer);
        assertThat(payload.path("text").asText()).contains("我们会给您补发一个新的包装");

        JsonNode sent = Awaitility.await().atMost(WAIT).until(() -> notification(ref, "reply"),
                n -> n != null && n.path("status").asText().equals("SENT"));
        assertThat(sent.path("channel").asText()).isEqualTo("WEBHOOK");
        assertThat(sent.path("providerId").asText()).as("the integrator's id for it").startsWith("reply-");
    }

    @Test
    void forgedSignatureIsRefused401AndNothingIsStored() {
        String event = newId("evt");
        String body = shopMessage(event, newId("buyer"), "forged", m -> { });
        String genuine = shopMessage(event, newId("buyer"), "genuine", m -> { });

        ResponseEntity<String> otherBody = post("shop", body, Map.of("X-Hub-Signature-256", "sha256=" + hmac(WEBHOOK_SHOP_SECRET,
                genuine.getBytes(StandardCharsets.UTF_8))));
        assertThat(otherBody.getStatusCode().value()).isEqualTo(401);
        assertThat(otherBody.getBody()).contains("invalid X-Hub-Signature-256");
        ResponseEntity<String> otherSecret = post("shop", body, Map.of("X-Hub-Signature-256", "sha256=" + hmac(WEBHOOK_CARRIER_SECRET,
                body.getBytes(StandardCharsets.UTF_8))));
        assertThat(otherSecret.getStatusCode().value()).isEqualTo(401);
        assertThat(post("shop", body, Map.of("X-Hub-Signature-256", "sha256=not-hex")).getStatusCode().value()).isEqualTo(401);
        assertThat(post("shop", body, Map.of("X-Hub-Signature-256", hmac(WEBHOOK_SHOP_SECRET, body.getBytes(StandardCharsets.UTF_8))))
                .getStatusCode().value()).as("without the sha256= prefix").isEqualTo(401);
        assertThat(storedRows("shop:" + event)).isZero();
    }

    @Test
    void unsignedPostIsRefused401AndNothingIsStored() {
        String event = newId("evt");
        ResponseEntity<String> answer = post("shop", shopMessage(event, newId("buyer"), "no signature", m -> { }), Map.of());
        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getBody()).contains("missing X-Hub-Signature-256");
        assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).contains("X-Hub-Signature-256");
        assertThat(storedRows("shop:" + event)).isZero();
    }

    @Test
    void unsignedPostToAnotherSpellingOfThePathIsRefusedToo() {
        String event = newId("evt");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        for (String spelling : List.of("/webhooks/%69n/shop", "/webhooks/in/%73hop", "/webhooks/in/shop;x=1", "/webhooks/in/SHOP")) {
            ResponseEntity<String> answer = http.exchange(URI.create(http.getRootUri() + spelling), HttpMethod.POST,
                    new HttpEntity<>(shopMessage(event, newId("buyer"), "no signature", m -> { }), headers), String.class);
            assertThat(answer.getStatusCode().value()).as(spelling).isIn(302, 400, 401, 403, 404);
        }
        assertThat(storedRows("shop:" + event)).isZero();
    }

    @Test
    void sameIdPostedAgainGetsTheSameAnswerAndMakesNoSecondMessageOrTicket() {
        String event = newId("evt");
        String body = shopMessage(event, newId("buyer"), "Where is waybill SF1234509876555?", m -> { });
        ResponseEntity<String> first = postShop(body);
        assertThat(first.getStatusCode().value()).isEqualTo(202);
        String ref = awaitSettled("WEBHOOK", "shop:" + event).path("ref").asText();

        ResponseEntity<String> again = postShop(body);
        assertThat(again.getStatusCode().value()).isEqualTo(202);
        assertThat(again.getBody()).isEqualTo(first.getBody());
        // a redelivery with other content but the same id is the same message: the first one counts
        assertThat(postShop(shopMessage(event, newId("buyer"), "changed", m -> { })).getBody()).isEqualTo(first.getBody());

        assertThat(storedRows("shop:" + event)).isEqualTo(1);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(1);
    }

    @Test
    void unknownSourceIs404AndNothingIsStored() {
        String body = shopMessage(newId("evt"), newId("buyer"), "to nobody", m -> { });
        ResponseEntity<String> answer = post("nosuch", body, Map.of("X-Hub-Signature-256",
                "sha256=" + hmac(WEBHOOK_SHOP_SECRET, body.getBytes(StandardCharsets.UTF_8))));
        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from inbound_message where external_id like 'nosuch:%'").query(Long.class).single())
                .isZero();
    }

    @Test
    void oversizeBodyIs413AndNothingIsStored() {
        String event = newId("evt");
        String body = shopMessage(event, newId("buyer"), "x".repeat(70_000), m -> { });
        ResponseEntity<String> answer = postShop(body);
        assertThat(answer.getStatusCode().value()).isEqualTo(413);
        assertThat(storedRows("shop:" + event)).isZero();
    }

    @Test
    void signedPostWithoutAnIdOrASenderIs400AndNothingIsStored() {
        String event = newId("evt");
        ObjectNode noId = (ObjectNode) readJson(shopMessage(event, newId("buyer"), "no id", m -> { }));
        noId.remove("event");
        ResponseEntity<String> answer = postShop(noId.toString());
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody()).contains("no message id at /event/id");

        ObjectNode noSender = (ObjectNode) readJson(shopMessage(event, newId("buyer"), "no sender", m -> { }));
        noSender.remove("buyer");
        assertThat(postShop(noSender.toString()).getBody()).contains("/buyer/id");
        assertThat(postShop("[1, 2, 3]").getStatusCode().value()).isEqualTo(400);
        assertThat(postShop("{not json").getStatusCode().value()).isEqualTo(400);
        assertThat(storedRows("shop:" + event)).isZero();
    }

    @Test
    void base64AttachmentIsStoredWithItsExtractedTextWhichThreadsLikeTypedText() {
        String event = newId("evt");
        String note = "Delivery note\n运单号 SF1234567890777\n";
        String body = shopMessage(event, newId("buyer"), "see the note", m -> m.putArray("attachments").addObject()
                .put("name", "note.txt").put("contentType", "text/plain")
                .put("base64", Base64.getEncoder().encodeToString(note.getBytes(StandardCharsets.UTF_8))));
        postShopAccepted(body);

        JsonNode message = awaitSettled("WEBHOOK", "shop:" + event);
        assertThat(message.path("status").asText()).as(message.toString()).isEqualTo("PROCESSED");
        JsonNode contact = staffGet("/api/tickets/" + message.path("ref").asText()).at("/timeline/0");
        JsonNode file = contact.at("/files/0");
        assertThat(file.path("fileName").asText()).isEqualTo("note.txt");
        assertThat(file.path("contentType").asText()).isEqualTo("text/plain");
        assertThat(file.path("size").asInt()).isEqualTo(note.getBytes(StandardCharsets.UTF_8).length);
        assertThat(file.path("text").asText()).contains("SF1234567890777");
        assertThat(file.path("extractedBy").asText()).startsWith("tika:");
        assertThat(contact.at("/entities/waybillNumbers").toString()).contains("SF1234567890777");
    }

    @Test
    void urlAttachmentOnAnAllowedHostIsFetchedWhileProcessing() {
        WireMockServer integrator = TestIntegrator.shared();
        String path = "/integrator/files/" + UUID.randomUUID() + ".txt";
        integrator.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain; charset=utf-8").withBody("订单号 SO2026000888 的发票")));
        String event = newId("evt");
        postShopAccepted(shopMessage(event, newId("buyer"), "invoice attached", m -> m.putArray("attachments").addObject()
                .put("name", "invoice.txt").put("url", TestIntegrator.origin() + path)));

        JsonNode message = awaitSettled("WEBHOOK", "shop:" + event);
        assertThat(message.path("status").asText()).as(message.toString()).isEqualTo("PROCESSED");
        JsonNode file = staffGet("/api/tickets/" + message.path("ref").asText()).at("/timeline/0/files/0");
        assertThat(file.path("fileName").asText()).isEqualTo("invoice.txt");
        assertThat(file.path("contentType").asText()).startsWith("text/plain");
        assertThat(file.path("text").asText()).contains("SO2026000888");
    }

    @Test
    void urlAttachmentOnAHostNotAllowedFailsTheMessageWithTheReasonAndIsNeverFetched() {
        WireMockServer integrator = TestIntegrator.shared();
        String path = "/integrator/files/" + UUID.randomUUID() + ".pdf";
        integrator.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withBody("secret")));
        String event = newId("evt");
        // The same server under another name (127.0.0.1 is not the allowed localhost): an internal address.
        String elsewhere = "http://127.0.0.1:" + integrator.port() + path;
        String body = shopMessage(event, newId("buyer"), "look at this", m -> m.putArray("attachments").addObject()
                .put("name", "internal.pdf").put("url", elsewhere));
        assertThat(postShop(body).getStatusCode().value()).as("the post itself is fine").isEqualTo(202);

        JsonNode message = awaitSettled("WEBHOOK", "shop:" + event);
        assertThat(message.path("status").asText()).isEqualTo("FAILED");
        assertThat(message.path("reason").asText()).contains("attachment 1 (internal.pdf)", "http://127.0.0.1:",
                "not one of the source's attachment-hosts");
        assertThat(integrator.findAll(anyRequestedFor(urlPathEqualTo(path)))).as("nothing fetched").isEmpty();
        // kept, not lost: the raw post stays for a replay
        String raw = http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForObject("/api/messages/" + message.path("id").asText() + "/raw", String.class);
        assertThat(raw).isEqualTo(body);
    }

    @Test
    void failedDownloadMakesTheMessageFailedAndAReplayTakesItInOnceTheFileIsServed() {
        WireMockServer integrator = TestIntegrator.shared();
        String path = "/integrator/files/" + UUID.randomUUID() + ".txt";
        integrator.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503)));
        String event = newId("evt");
        postShopAccepted(shopMessage(event, newId("buyer"), "photo of the label", m -> m.putArray("attachments").addObject()
                .put("name", "label.txt").put("contentType", "text/plain").put("url", TestIntegrator.origin() + path)));
        JsonNode failed = awaitSettled("WEBHOOK", "shop:" + event);
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("reason").asText()).contains("attachment 1 (label.txt)", "HTTP 503");

        integrator.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withBody("label text")));
        assertThat(staffPost("/api/messages/" + failed.path("id").asText() + "/replay").getStatusCode().value()).isEqualTo(202);
        JsonNode replayed = Awaitility.await().atMost(WAIT).until(() -> messageByExternalId("WEBHOOK", "shop:" + event),
                m -> m.path("status").asText().equals("PROCESSED"));
        assertThat(staffGet("/api/tickets/" + replayed.path("ref").asText()).at("/timeline/0/files/0/text").asText())
                .contains("label text");
    }

    @Test
    void aLaterMessageFromTheSameBuyerJoinsTheirOpenTicket() {
        String buyer = newId("buyer");
        String first = newId("evt");
        postShopAccepted(shopMessage(first, buyer, "first question", m -> { }));
        String ref = awaitSettled("WEBHOOK", "shop:" + first).path("ref").asText();
        String second = newId("evt");
        postShopAccepted(shopMessage(second, buyer, "and a second one", m -> { }));
        assertThat(awaitSettled("WEBHOOK", "shop:" + second).path("ref").asText()).isEqualTo(ref);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(2);
    }

    @Test
    void anotherBuyerQuotingATicketsTagDoesNotJoinIt() {
        String owner = newId("evt");
        postShopAccepted(shopMessage(owner, newId("buyer"), "my own matter", m -> { }));
        String ref = awaitSettled("WEBHOOK", "shop:" + owner).path("ref").asText();
        String stranger = newId("evt");
        postShopAccepted(shopMessage(stranger, newId("buyer"), "about [#" + ref + "]: send it to me instead", m -> { }));
        JsonNode other = awaitSettled("WEBHOOK", "shop:" + stranger);
        assertThat(other.path("ref").asText()).isNotEqualTo(ref);
        assertThat(staffGet("/api/tickets/" + ref).path("timeline")).hasSize(1);
    }

    @Test
    void carrierPostsMustCarryASignedTimestampWithinTheTolerance() {
        String body = "{\"id\": \"" + newId("exc") + "\", \"sender\": {\"id\": \"" + newId("acct") + "\"},"
                + " \"text\": \"Consignee not at home, waybill SF1234567890999\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String now = String.valueOf(Instant.now().getEpochSecond());
        String hourAgo = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());

        ResponseEntity<String> stale = post("carrier", body, Map.of("X-Carrier-Timestamp", hourAgo,
                "X-Hub-Signature-256", "sha256=" + hmac(WEBHOOK_CARRIER_SECRET, (hourAgo + "." + body).getBytes(StandardCharsets.UTF_8))));
        assertThat(stale.getStatusCode().value()).isEqualTo(401);
        assertThat(stale.getBody()).contains("X-Carrier-Timestamp", "away from the hub's clock");
        ResponseEntity<String> noTimestamp = post("carrier", body, Map.of("X-Hub-Signature-256",
                "sha256=" + hmac(WEBHOOK_CARRIER_SECRET, bytes)));
        assertThat(noTimestamp.getBody()).contains("missing X-Carrier-Timestamp");
        ResponseEntity<String> timestampNotSigned = post("carrier", body, Map.of("X-Carrier-Timestamp", now,
                "X-Hub-Signature-256", "sha256=" + hmac(WEBHOOK_CARRIER_SECRET, bytes)));
        assertThat(timestampNotSigned.getStatusCode().value()).as("a fresh timestamp on an old signature").isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from inbound_message where raw = ?").param(bytes).query(Long.class).single()).isZero();

        ResponseEntity<String> fresh = post("carrier", body, Map.of("X-Carrier-Timestamp", now,
                "X-Hub-Signature-256", "sha256=" + hmac(WEBHOOK_CARRIER_SECRET, (now + "." + body).getBytes(StandardCharsets.UTF_8))));
        assertThat(fresh.getStatusCode().value()).as(fresh.getBody()).isEqualTo(202);
        JsonNode message = awaitSettled("WEBHOOK", readJson(fresh.getBody()).path("externalId").asText());
        assertThat(staffGet("/api/tickets/" + message.path("ref").asText()).at("/customer/identities").toString())
                .contains("CARRIER_ACCOUNT:acct-");
    }

    @Test
    void consoleQueueListsTheWebhookChannelInItsChannelFilterWithItsLabel() throws Exception {
        FormSession staff = new FormSession(port);
        assertThat(staff.signIn("/login", "admin", ADMIN_PASSWORD)).endsWith("/console");
        assertThat(staff.get("/console?lang=en").body()).containsPattern("<option value=\"WEBHOOK\"[^>]*>Webhook</option>");
        assertThat(staff.get("/console?lang=zh").body()).containsPattern("<option value=\"WEBHOOK\"[^>]*>第三方接入</option>");
        assertThat(staff.get("/css/channels.css").body()).contains(".badge.WEBHOOK");
    }

    // --- helpers ---

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** A post in the shop's own shape ({@code /event/id}, {@code /buyer/id}, {@code /message/content}). */
    private String shopMessage(String event, String buyer, String content, java.util.function.Consumer<ObjectNode> more) {
        ObjectNode message = json.createObjectNode();
        message.putObject("event").put("id", event).put("type", "buyer.message");
        message.putObject("buyer").put("id", buyer);
        message.putObject("message").put("content", content);
        more.accept(message);
        return message.toString();
    }

    private ResponseEntity<String> postShop(String body) {
        return post("shop", body, Map.of("X-Hub-Signature-256", "sha256=" + hmac(WEBHOOK_SHOP_SECRET,
                body.getBytes(StandardCharsets.UTF_8))));
    }

    private void postShopAccepted(String body) {
        ResponseEntity<String> answer = postShop(body);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(202);
    }

    private ResponseEntity<String> post(String source, String body, Map<String, String> headers) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        headers.forEach(h::set);
        return http.exchange("/webhooks/in/" + source, HttpMethod.POST,
                new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), h), String.class);
    }

    /** HMAC-SHA256 as the integrator computes it, independently of the hub's code. */
    private static String hmac(String secret, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private long storedRows(String externalId) {
        return jdbc.sql("select count(*) from inbound_message where channel = 'WEBHOOK' and external_id = ?")
                .param(externalId).query(Long.class).single();
    }

    private String awaitSettledRef(String buyer) {
        return Awaitility.await().atMost(WAIT).until(() -> jdbc.sql("""
                        select t.ref from ticket t join customer_identity i on i.customer_id = t.customer_id
                        where i.kind = 'SHOP_BUYER' and i.value = ?""").param(buyer).query(String.class).optional().orElse(null),
                r -> r != null);
    }

    private static LoggedRequest awaitAnswer(String ref, String template) {
        return Awaitility.await().atMost(WAIT).until(() -> TestIntegrator.repliesMentioning(ref).stream()
                .filter(r -> r.getBodyAsString().contains("\"template\":\"" + template + "\"")).findFirst().orElse(null), r -> r != null);
    }

    private JsonNode notification(String ref, String template) {
        for (JsonNode n : staffGet("/api/tickets/" + ref).path("notifications")) {
            if (n.path("template").asText().equals(template)) {
                return n;
            }
        }
        return null;
    }

    private static String provenance(JsonNode ticket, String kind) {
        for (JsonNode identity : ticket.at("/customer/identityDetails")) {
            if (identity.path("kind").asText().equals(kind)) {
                return identity.path("provenance").asText();
            }
        }
        return null;
    }
}
