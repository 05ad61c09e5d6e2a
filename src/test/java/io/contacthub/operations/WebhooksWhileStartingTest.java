package io.contacthub.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contacthub.intake.MessageQueries;
import io.contacthub.testsupport.HubProcess;
import io.contacthub.testsupport.TwilioRequests;
import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Twilio gives up on a webhook that fails (unless its URL asks for retries): a text that arrives
 * while the node is starting must be committed and answered 200, then processed once routes run.
 */
class WebhooksWhileStartingTest {

    private static final String TOKEN = "starting-test-token";

    @Test
    void aSignedTextPostedWhileCamelIsStillStartingIsCommittedAndProcessedOnceRoutesRun() throws Exception {
        CountDownLatch camelMayStart = new CountDownLatch(1);
        CountDownLatch camelWaiting = new CountDownLatch(1);
        HubProcess hub = new HubProcess().set("hub.twilio.auth-token", TOKEN)
                .set("hub.twilio.account-sid", "AC00000000000000000000000000000test");
        hub.bean("holdCamelBack", new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                camelWaiting.countDown();
                try {
                    camelMayStart.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
            }
        });
        CompletableFuture<?> started = hub.startInBackground();
        try {
            assertThat(camelWaiting.await(120, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.port() > 0);

            String sid = TwilioRequests.newSid("SM");
            HttpResponse<String> answer = postSignedSms(hub.port(), sid, TwilioRequests.newMobile(), "我的快递到哪了？运单号 SF1234567890123");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            MessageQueries messages = hub.context().getBeanFactory().getBean(MessageQueries.class);
            assertThat(messages.findByExternalId("SMS", sid)).hasValueSatisfying(m -> assertThat(m.status()).isEqualTo("RECEIVED"));
            // Twilio's retry of the same text, still during the start, changes nothing.
            assertThat(postSignedSms(hub.port(), sid, "+8613900000000", "again").statusCode()).isEqualTo(200);

            camelMayStart.countDown();
            started.get(120, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> messages.findByExternalId("SMS", sid)
                    .map(m -> m.status().equals("PROCESSED") && m.ref() != null).orElse(false));
        } finally {
            camelMayStart.countDown();
            hub.close();
        }
    }

    private static HttpResponse<String> postSignedSms(int port, String sid, String from, String body) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("AccountSid", "AC00000000000000000000000000000test");
        params.put("From", from);
        params.put("To", "+8610950000");
        params.put("Body", body);
        params.put("NumMedia", "0");
        String form = TwilioRequests.form(params);
        String url = "http://localhost:" + port + "/twilio/sms";
        String signature = TwilioSignature.compute(TOKEN, url, FormBody.parse(form.getBytes(StandardCharsets.UTF_8)));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded").header(TwilioSignature.HEADER, signature)
                        .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
