package io.contacthub.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.contacthub.customer.SmsOptOuts;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.TestTwilioApi;
import io.contacthub.testsupport.TwilioRequests;
import io.contacthub.twilio.TwilioRestApi;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Texts and calls to customers through Twilio's API (a WireMock stand-in): opted-out numbers are
 * never texted, calls read the message with {@code <Say>}, delivery reports are recorded, and a
 * stop in the middle of a send never leads to a second text.
 */
class SmsAndVoiceNotificationTest extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    SmsOptOuts optOuts;
    @Autowired
    TwilioRestApi twilio;

    @Test
    void afterStopTheCustomerIsNeverTextedAndStaffSeeWhy() {
        String phone = TwilioRequests.newMobile();
        postTwilioSigned("/twilio/sms", sms(phone, "你好，我想改一下送货时间"));
        String ref = awaitTicketRef(phone);
        awaitSms(phone, 1); // the acknowledgement

        postTwilioSigned("/twilio/sms", sms(phone, "TD"));
        Awaitility.await().atMost(WAIT).until(() -> optOuts.isOptedOut(phone));

        ResponseEntity<String> reply = staffReply(ref, "{\"body\": \"已为您改到周五下午\"}");
        assertThat(reply.getStatusCode().value()).isEqualTo(202);
        JsonNode queued = readJson(reply.getBody());
        assertThat(queued.path("status").asText()).isEqualTo("SUPPRESSED");
        assertThat(queued.path("channel").asText()).isEqualTo("SMS");
        sleep(Duration.ofSeconds(2));
        assertThat(TestTwilioApi.textsTo(phone)).as("no text after STOP").hasSize(1);
        JsonNode note = lastNotification(ref);
        assertThat(note.path("status").asText()).isEqualTo("SUPPRESSED");
        assertThat(note.path("lastError").asText()).contains("opted out");
    }

    @Test
    void aTextQueuedBeforeStopIsSuppressedWhenItsTurnComes() {
        String phone = TwilioRequests.newMobile();
        long id = insertSms(phone, "queued before the customer opted out", Instant.now().plusSeconds(4));
        postTwilioSigned("/twilio/sms", sms(phone, "STOP"));
        Awaitility.await().atMost(WAIT).until(() -> optOuts.isOptedOut(phone));
        assertThat(status(id)).isEqualTo("QUEUED");
        Awaitility.await().atMost(WAIT).until(() -> status(id).equals("SUPPRESSED"));
        assertThat(TestTwilioApi.textsTo(phone)).isEmpty();
    }

    @Test
    void aStaffReplyByVoiceCallsTheCustomerAndReadsItInChinese() {
        String phone = TwilioRequests.newMobile();
        postTwilioSigned("/twilio/sms", sms(phone, "请给我回电话，关于运单的问题"));
        String ref = awaitTicketRef(phone);

        ResponseEntity<String> reply = staffReply(ref, "{\"body\": \"您的包裹明天上午送达\", \"channel\": \"VOICE\"}");
        assertThat(reply.getStatusCode().value()).as(reply.getBody()).isEqualTo(202);
        LoggedRequest call = Awaitility.await().atMost(WAIT).until(() -> TestTwilioApi.callsTo(phone).stream().findFirst().orElse(null),
                r -> r != null);
        String twiml = TestTwilioApi.formValue(call, "Twiml");
        assertThat(twiml).contains("<Say language=\"zh-CN\">").contains("您的包裹明天上午送达");
        assertThat(TestTwilioApi.formValue(call, "From")).isEqualTo(HUB_SMS_NUMBER);
        Awaitility.await().atMost(WAIT).until(() -> lastNotification(ref).path("status").asText().equals("SENT"));
        assertThat(lastNotification(ref).path("providerId").asText()).startsWith("CA");
    }

    @Test
    void deliveryReportsAreRecordedOnTheNotification() {
        String phone = TwilioRequests.newMobile();
        postTwilioSigned("/twilio/sms", sms(phone, "hello, is anyone there?"));
        String ref = awaitTicketRef(phone);
        Awaitility.await().atMost(WAIT).until(() -> lastNotification(ref).path("status").asText().equals("SENT"));
        String sid = lastNotification(ref).path("providerId").asText();

        Map<String, String> report = new LinkedHashMap<>();
        report.put("MessageSid", sid);
        report.put("MessageStatus", "delivered");
        report.put("AccountSid", TWILIO_ACCOUNT_SID);
        assertThat(postTwilioSigned("/twilio/sms-status", report).getStatusCode().value()).isEqualTo(204);
        assertThat(lastNotification(ref).path("deliveryStatus").asText()).isEqualTo("delivered");

        report.put("MessageStatus", "undelivered");
        report.put("ErrorCode", "30003");
        postTwilioSigned("/twilio/sms-status", report);
        assertThat(lastNotification(ref).path("deliveryStatus").asText()).isEqualTo("undelivered (error 30003)");

        // Unsigned reports are refused and change nothing.
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> forged = http.exchange("/twilio/sms-status", HttpMethod.POST,
                new HttpEntity<>("MessageSid=" + sid + "&MessageStatus=delivered", headers), String.class);
        assertThat(forged.getStatusCode().value()).isEqualTo(403);
        assertThat(lastNotification(ref).path("deliveryStatus").asText()).isEqualTo("undelivered (error 30003)");
    }

    @Test
    void aTextCutOffByAStopIsNotSentAgainAfterTheRestartButSettledByItsDeliveryReport() {
        String channel = "TEST-SMS";
        String phone = TwilioRequests.newMobile();
        long id = insertRow(channel, phone, "您的工单已处理", Instant.parse("2100-01-01T00:00:00Z"));
        NotificationDispatcherTest.MutableClock clock = new NotificationDispatcherTest.MutableClock(Instant.parse("2100-01-01T00:00:01Z"));

        // The first hub hands the text to Twilio and stops before it can record that Twilio took it.
        ChannelSender crashingAfterSend = new TestChannelSender(channel, n -> {
            twilio.createMessage(HUB_SMS_NUMBER, n.recipient(), n.body(), null);
            throw new SimulatedStop();
        });
        try {
            dispatcher(clock, crashingAfterSend).dispatchDue(channel);
        } catch (SimulatedStop expected) {
            // the process is gone
        }
        assertThat(status(id)).isEqualTo("SENDING");
        assertThat(TestTwilioApi.textsTo(phone)).hasSize(1);

        // The restarted hub, three minutes later: the row is UNCERTAIN, never sent a second time.
        clock.set(Instant.parse("2100-01-01T00:03:01Z"));
        ChannelSender working = new TestChannelSender(channel, n -> twilio.createMessage(HUB_SMS_NUMBER, n.recipient(), n.body(), null));
        NotificationDispatcher restarted = dispatcher(clock, working);
        assertThat(restarted.dispatchDue(channel)).isZero();
        assertThat(status(id)).isEqualTo("UNCERTAIN");
        clock.set(Instant.parse("2100-01-02T00:00:00Z"));
        restarted.dispatchDue(channel);
        assertThat(TestTwilioApi.textsTo(phone)).as("sent once").hasSize(1);

        // Twilio's delivery report names the row (the callback URL carries its id): it is SENT after all.
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> report = new LinkedHashMap<>();
        report.put("MessageSid", sid);
        report.put("MessageStatus", "delivered");
        assertThat(postTwilioSigned("/twilio/sms-status?n=" + id, report).getStatusCode().value()).isEqualTo(204);
        assertThat(status(id)).isEqualTo("SENT");
        assertThat(jdbc.sql("select provider_id from notification where id = ?").param(id).query(String.class).single())
                .isEqualTo(sid);
    }

    @Test
    void twilioRefusingANumberFailsTheTextAtOnceInsteadOfRetrying() {
        String phone = TwilioRequests.newMobile();
        TestTwilioApi.shared().stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json"))
                .withRequestBody(containing("To=" + phone.replace("+", "%2B"))).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": 21211, \"message\": \"The 'To' number is not a valid phone number.\"}")));
        long id = insertSms(phone, "a text Twilio refuses", Instant.now());
        Awaitility.await().atMost(WAIT).until(() -> status(id).equals("FAILED"));
        String error = jdbc.sql("select last_error from notification where id = ?").param(id).query(String.class).single();
        assertThat(error).contains("21211").contains("not a valid phone number");
        assertThat(TestTwilioApi.textsTo(phone)).hasSize(1);
    }

    @Test
    void theProviderRateLimitSpreadsSendsOut() {
        ProviderRateLimits limits = new ProviderRateLimits(new ProviderRateLimits.Settings(Map.of("twilio", 1.0, "slow", 0.5)));
        assertThat(limits.tryAcquire("twilio")).isTrue();
        assertThat(limits.tryAcquire("twilio")).as("one per second").isFalse();
        assertThat(limits.tryAcquire("smtp")).as("unlisted: no limit").isTrue();
        assertThat(limits.tryAcquire("slow")).isTrue();
        assertThat(limits.tryAcquire("slow")).isFalse();
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> limits.tryAcquire("twilio"));
    }

    // --- helpers

    private NotificationDispatcher dispatcher(Clock clock, ChannelSender sender) {
        NotifySettings settings = new NotifySettings("", "support@localhost", null, List.of(), Duration.ofSeconds(1), 10, null,
                Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofHours(24));
        return new NotificationDispatcher(jdbc, transactions, settings, List.of(sender),
                new ProviderRateLimits(new ProviderRateLimits.Settings(null)), optOuts, clock);
    }

    /** The process dying mid-send: an Error, so no catch block of the dispatcher runs, as with kill -9. */
    private static final class SimulatedStop extends Error {
    }

    interface Send {
        String send(ChannelSender.PendingNotification n) throws Exception;
    }

    private record TestChannelSender(String channel, Send how) implements ChannelSender {
        @Override
        public String notConfiguredReason() {
            return null;
        }

        @Override
        public String describe() {
            return "test";
        }

        @Override
        public String send(PendingNotification n) throws SendFailure {
            try {
                return how.send(n);
            } catch (SimulatedStop e) {
                throw e;
            } catch (Exception e) {
                throw new SendFailure(e.getMessage(), true, e);
            }
        }
    }

    private long insertSms(String phone, String body, Instant due) {
        return insertRow("SMS", phone, body, due);
    }

    private long insertRow(String channel, String phone, String body, Instant due) {
        return jdbc.sql("""
                        insert into notification (channel, recipient, template, language, body, next_attempt_at, idempotency_key)
                        values (?, ?, 'reply', 'zh', ?, ?, ?) returning id""")
                .params(channel, phone, body, due.atOffset(ZoneOffset.UTC), "test:" + UUID.randomUUID())
                .query(Long.class).single();
    }

    private String status(long id) {
        return jdbc.sql("select status from notification where id = ?").param(id).query(String.class).single();
    }

    private String awaitTicketRef(String phone) {
        return Awaitility.await().atMost(WAIT).until(() -> jdbc.sql("""
                        select t.ref from ticket t join customer_identity i on i.customer_id = t.customer_id
                        where i.kind = 'PHONE' and i.value = ? order by t.id desc limit 1""")
                .param(phone).query(String.class).optional().orElse(null), r -> r != null);
    }

    private JsonNode lastNotification(String ref) {
        JsonNode all = staffGet("/api/tickets/" + ref).path("notifications");
        return all.get(all.size() - 1);
    }

    private ResponseEntity<String> staffReply(String ref, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("admin", ADMIN_PASSWORD).exchange("/api/tickets/" + ref + "/replies", HttpMethod.POST,
                new HttpEntity<>(json, headers), String.class);
    }

    private static Map<String, String> sms(String from, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", TwilioRequests.newSid("SM"));
        params.put("AccountSid", TWILIO_ACCOUNT_SID);
        params.put("From", from);
        params.put("To", HUB_SMS_NUMBER);
        params.put("Body", body);
        params.put("NumMedia", "0");
        return params;
    }



    private static void awaitSms(String phone, int count) {
        Awaitility.await().atMost(WAIT).until(() -> TestTwilioApi.textsTo(phone).size() >= count);
    }


    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
