package io.contacthub.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole hub as a user meets it: a real embedded PostgreSQL in a fresh data directory, the
 * mailboxes pointed at a real GreenMail server, HTTP on a random port. All subclasses share one
 * running hub, so tests use their own senders and Message-IDs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics // tests switch metrics export off by default; staff read /actuator/prometheus
@AutoConfigureTestRestTemplate
public abstract class HubIntegrationTest {

    public static final String ADMIN_PASSWORD = "test-hub-sign-in-2026";
    /** Small, so a test can send an oversize mail without building megabytes. */
    public static final int MAX_MESSAGE_BYTES = 300_000;
    /** Twilio credentials of the test hub: tests sign webhooks with the token; media downloads use both. */
    public static final String TWILIO_AUTH_TOKEN = "test-twilio-auth-token";
    public static final String TWILIO_ACCOUNT_SID = "AC00000000000000000000000000000test";
    /** A dialled number configured to greet callers in English (every other number: Chinese, the default). */
    public static final String ENGLISH_VOICE_NUMBER = "+14155550100";
    /** The number the hub texts and calls customers from. */
    public static final String HUB_SMS_NUMBER = "+14155550199";
    /** The order system's API token, checked by its stand-in. */
    public static final String BACKOFFICE_TOKEN = "test-order-system-token";

    @Autowired
    protected TestRestTemplate http;

    @Autowired
    protected ObjectMapper json;

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        TestMailServer.shared();
        registry.add("hub.data-dir", () -> Path.of("target", "test-data", UUID.randomUUID().toString()).toString());
        registry.add("hub.admin-password", () -> ADMIN_PASSWORD);
        registry.add("hub.mail.poll-delay", () -> "300ms");
        registry.add("hub.mail.mailboxes[0].name", () -> "support");
        registry.add("hub.mail.mailboxes[0].url", TestMailServer::imapUrl);
        registry.add("hub.mail.mailboxes[1].name", () -> "orders");
        registry.add("hub.mail.mailboxes[1].url", TestMailServer::pop3Url);
        // A mailbox whose server is down (nothing listens on port 1): health must say so.
        registry.add("hub.mail.mailboxes[2].name", () -> "unreachable");
        registry.add("hub.mail.mailboxes[2].url", () -> "imap://nobody:nothing@localhost:1/INBOX");
        registry.add("hub.web.rate-limit-per-minute", () -> "100000");
        registry.add("hub.intake.max-message-bytes", () -> String.valueOf(MAX_MESSAGE_BYTES));
        registry.add("hub.twilio.auth-token", () -> TWILIO_AUTH_TOKEN);
        registry.add("hub.twilio.account-sid", () -> TWILIO_ACCOUNT_SID);
        registry.add("hub.twilio.media-timeout", () -> "5s");
        // Twilio's REST API (recordings) is a WireMock server; one dialled number greets callers in English.
        registry.add("hub.twilio.api-url", TestTwilioApi::baseUrl);
        registry.add("hub.voice.numbers[+14155550100]", () -> "en");
        // Notifications go out over GreenMail's SMTP; GreenMail keeps each recipient's mail in an
        // auto-created mailbox (never support/orders: the hub's own addresses are not acknowledged).
        registry.add("hub.notify.smtp-url", () -> TestMailServer.smtpUrl());
        registry.add("hub.notify.from", () -> TestMailServer.IMAP_USER + "@localhost");
        registry.add("hub.notify.own-addresses[0]", () -> TestMailServer.POP3_USER + "@localhost");
        registry.add("hub.notify.poll-delay", () -> "200ms");
        // Texts and calls go to the Twilio stand-in; the order, tracking and complaint systems are
        // WireMock too (they are outside the hub). Short back-off and timeouts keep fault tests quick.
        registry.add("hub.notify.twilio.sms-from", () -> HUB_SMS_NUMBER);
        registry.add("hub.notify.twilio.voice-from", () -> HUB_SMS_NUMBER);
        registry.add("hub.notify.rate-limit.per-second.twilio", () -> "50");
        registry.add("hub.backoffice.order.url", () -> TestBackOffice.url(TestBackOffice.ORDER));
        registry.add("hub.backoffice.order.token", () -> BACKOFFICE_TOKEN);
        registry.add("hub.backoffice.tracking.url", () -> TestBackOffice.url(TestBackOffice.TRACKING));
        registry.add("hub.backoffice.complaint.url", () -> TestBackOffice.url(TestBackOffice.COMPLAINT));
        registry.add("hub.backoffice.poll-delay", () -> "200ms");
        registry.add("hub.backoffice.max-backoff", () -> "1s");
        registry.add("hub.backoffice.circuit-open-seconds", () -> "2");
        registry.add("camel.component.http.response-timeout", () -> "1500");
        // The order system stand-in answers new orders with their value and the customer's credit grade.
        registry.add("hub.standing.order-value-pointer", () -> "/orderValue");
        registry.add("hub.standing.order-credit-pointer", () -> "/customerCredit");
        // The reports' hourly rollup takes contacts in at once and often, so tests read figures from both halves.
        registry.add("hub.reports.rollup-settled", () -> "0s");
        registry.add("hub.reports.rollup-delay", () -> "2s");
        // The portal's live waybill/order status: kept 1 s, so a test sees the stand-in's new answer on the next page.
        registry.add("hub.backoffice.status-lookups.cache-ttl", () -> "1s");
        // Following a ticket: every test comes from 127.0.0.1; the per-client budget itself is FollowLimitsTest's.
        registry.add("hub.portal.follow.per-client-per-minute", () -> "500");
        // Faxes: a spool folder of this run, and a fax-to-email gateway whose mail is read as faxes.
        registry.add("hub.fax.spool-dir", () -> FAX_SPOOL.toString());
        registry.add("hub.fax.spool-poll-delay", () -> "300ms");
        registry.add("hub.fax.email-senders[0]", () -> FAX_GATEWAY);
        registry.add("hub.fax.max-file-bytes", () -> String.valueOf(MAX_FAX_FILE_BYTES));
        // Mail and MMS attachments: a small OCR allowance, so a test can go over it with a few photos.
        registry.add("hub.ocr.max-attachment-pages-per-message", () -> "3");
        // The generic webhook channel: a marketplace ("shop": its own field mapping, a reply-url, attachments from the
        // integrator's stand-in only, 64 KiB posts) and a carrier feed that signs a timestamp too.
        registry.add("hub.webhook-in.sources.shop.secret", () -> WEBHOOK_SHOP_SECRET);
        registry.add("hub.webhook-in.sources.shop.identity-kind", () -> "SHOP_BUYER");
        registry.add("hub.webhook-in.sources.shop.identity-labels.zh", () -> "商城买家");
        registry.add("hub.webhook-in.sources.shop.identity-labels.en", () -> "Shop buyer");
        registry.add("hub.webhook-in.sources.shop.fields.id", () -> "/event/id");
        registry.add("hub.webhook-in.sources.shop.fields.sender-id", () -> "/buyer/id");
        registry.add("hub.webhook-in.sources.shop.fields.sender-name", () -> "/buyer/name");
        registry.add("hub.webhook-in.sources.shop.fields.email", () -> "/buyer/email");
        registry.add("hub.webhook-in.sources.shop.fields.text", () -> "/message/content");
        registry.add("hub.webhook-in.sources.shop.reply-url", TestIntegrator::replyUrl);
        registry.add("hub.webhook-in.sources.shop.attachment-hosts[0]", TestIntegrator::origin);
        registry.add("hub.webhook-in.sources.shop.max-body-bytes", () -> "64KB");
        registry.add("hub.webhook-in.sources.carrier.secret", () -> WEBHOOK_CARRIER_SECRET);
        registry.add("hub.webhook-in.sources.carrier.identity-kind", () -> "CARRIER_ACCOUNT");
        registry.add("hub.webhook-in.sources.carrier.identity-labels.zh", () -> "承运商账户");
        registry.add("hub.webhook-in.sources.carrier.identity-labels.en", () -> "Carrier account");
        registry.add("hub.webhook-in.sources.carrier.timestamp-header", () -> "X-Carrier-Timestamp");
    }

    /** The secrets the test hub's webhook sources (channel/webhook) sign with. */
    public static final String WEBHOOK_SHOP_SECRET = "test-webhook-shop-secret-0123456789";
    public static final String WEBHOOK_CARRIER_SECRET = "test-webhook-carrier-secret-9876543210";

    /** Small, so a test can drop an oversize fax without writing megabytes. */
    public static final int MAX_FAX_FILE_BYTES = 250_000;
    /** The spool folder a local fax server would write to. */
    public static final Path FAX_SPOOL = Path.of("target", "test-data", "fax-spool-" + UUID.randomUUID()).toAbsolutePath();
    /** Mail from this address is a fax delivered by e-mail. */
    public static final String FAX_GATEWAY = "fax-gateway@faxprovider.test";

    /** A staff GET with the admin's Basic credentials, parsed as JSON. */
    protected JsonNode staffGet(String path) {
        ResponseEntity<String> response = http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity(path, String.class);
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("GET " + path + " answered " + response.getStatusCode() + ": " + response.getBody());
        }
        return readJson(response.getBody());
    }

    protected ResponseEntity<String> staffPost(String path) {
        return http.withBasicAuth("admin", ADMIN_PASSWORD).exchange(path, HttpMethod.POST, HttpEntity.EMPTY, String.class);
    }

    /** A staff POST of a JSON body with the admin's Basic credentials. */
    protected ResponseEntity<String> staffPostJson(String path, String jsonBody) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("admin", ADMIN_PASSWORD).exchange(path, HttpMethod.POST, new HttpEntity<>(jsonBody, headers),
                String.class);
    }

    /**
     * A web message, answered once processed ({@code Prefer: wait}), as most tests want to look at
     * what became of it; {@link #postMessageAnsweredAtReceive} is the API's default answer.
     */
    protected ResponseEntity<String> postMessage(String jsonBody, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("Prefer", "wait=10");
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.exchange("/api/messages", HttpMethod.POST, new HttpEntity<>(jsonBody, headers), String.class);
    }

    /** A web message as a client that sends no preference gets it answered: at commit, with the reserved reference. */
    protected ResponseEntity<String> postMessageAnsweredAtReceive(String jsonBody, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.exchange("/api/messages", HttpMethod.POST, new HttpEntity<>(jsonBody, headers), String.class);
    }

    /** The inbound message whose external id starts with the given key (a Message-ID), or null. */
    protected JsonNode messageByExternalId(String channel, String externalIdPrefix) {
        for (JsonNode message : staffGet("/api/messages?channel=" + channel + "&limit=500")) {
            if (message.path("externalId").asText().startsWith(externalIdPrefix)) {
                return message;
            }
        }
        return null;
    }

    /** Waits until the message the source knows by this id has left RECEIVED, and returns it. */
    protected JsonNode awaitSettled(String channel, String externalIdPrefix) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> messageByExternalId(channel, externalIdPrefix),
                        m -> m != null && !m.path("status").asText().equals("RECEIVED"));
    }

    /** A webhook request to {@code path} (query included) signed with the hub's Twilio token, as Twilio sends it. */
    protected ResponseEntity<String> postTwilioSigned(String path, java.util.Map<String, String> params) {
        String form = TwilioRequests.form(params);
        String signature = io.contacthub.twilio.TwilioSignature.compute(TWILIO_AUTH_TOKEN, http.getRootUri() + path,
                io.contacthub.twilio.FormBody.parse(form.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.set(io.contacthub.twilio.TwilioSignature.HEADER, signature);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(form.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers),
                String.class);
    }

    protected JsonNode readJson(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
