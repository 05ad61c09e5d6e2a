package io.contacthub.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The back-office circuit breaker (resilience4j, around the {@code direct:backoffice-<system>}
 * route): repeated failures open it, an open circuit refuses calls without reaching the peer and is
 * never read as an answer, each system has its own, and one trial call after the pause closes it.
 */
class BackOfficeClientTest {

    private static final HandoffType.Request CREATE = new HandoffType.Request("POST", "/orders", "{\"a\":1}");

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate producer = mock(ProducerTemplate.class);
    private final BackOfficeSettings settings = new BackOfficeSettings(
            new BackOfficeSettings.Peer("http://order.test", null, null, "token"),
            new BackOfficeSettings.Peer("http://tracking.test", null, null, null),
            null, null, null, null, null, null, null);

    @AfterEach
    void stopCamel() throws IOException {
        camel.close();
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndAnOpenCircuitIsNeverAnAnswer() {
        when(producer.send(eq("direct:backoffice-order"), any(Processor.class))).thenAnswer(i -> failed(500));
        BackOfficeClient client = new BackOfficeClient(producer, settings, 30);

        for (int i = 0; i < 5; i++) {
            BackOfficeClient.Response response = client.call("ORDER", CREATE, "key-" + i);
            assertThat(response.answered()).isFalse();
            assertThat(response.circuitOpen()).isFalse();
            assertThat(response.error()).contains("HTTP 500 from the order system");
        }
        BackOfficeClient.Response refused = client.call("ORDER", CREATE, "key-6");
        assertThat(refused.answered()).as("an open circuit is no answer").isFalse();
        assertThat(refused.circuitOpen()).isTrue();
        assertThat(refused.status()).isZero();
        assertThat(refused.error()).contains("circuit breaker open");
        verify(producer, times(5)).send(eq("direct:backoffice-order"), any(Processor.class));
    }

    @Test
    void anOpenCircuitOfOneSystemDoesNotPauseAnother() {
        when(producer.send(eq("direct:backoffice-order"), any(Processor.class))).thenAnswer(i -> failed(503));
        when(producer.send(eq("direct:backoffice-tracking"), any(Processor.class))).thenAnswer(i -> answered(200, "{}"));
        BackOfficeClient client = new BackOfficeClient(producer, settings, 30);
        for (int i = 0; i < 6; i++) {
            client.call("ORDER", CREATE, null);
        }
        assertThat(client.call("ORDER", CREATE, null).circuitOpen()).isTrue();

        BackOfficeClient.Response tracking = client.call("TRACKING", new HandoffType.Request("GET", "/waybills/1", null), null);
        assertThat(tracking.answered()).isTrue();
        assertThat(tracking.status()).isEqualTo(200);
    }

    @Test
    void afterThePauseOneTrialCallThatSucceedsClosesTheCircuit() throws InterruptedException {
        boolean[] up = {false};
        when(producer.send(eq("direct:backoffice-order"), any(Processor.class)))
                .thenAnswer(i -> up[0] ? answered(201, "{\"orderNumber\":\"SO-1\"}") : failed(500));
        BackOfficeClient client = new BackOfficeClient(producer, settings, 1);
        for (int i = 0; i < 5; i++) {
            client.call("ORDER", CREATE, null);
        }
        assertThat(client.call("ORDER", CREATE, null).circuitOpen()).isTrue();

        Thread.sleep(1200);
        up[0] = true;
        BackOfficeClient.Response trial = client.call("ORDER", CREATE, null);
        assertThat(trial.answered()).isTrue();
        assertThat(trial.status()).isEqualTo(201);
        assertThat(client.call("ORDER", CREATE, null).status()).as("closed again").isEqualTo(201);
    }

    @Test
    void noStatusIsNoAnswerAndAnUnconfiguredSystemIsNeverCalled() {
        when(producer.send(eq("direct:backoffice-order"), any(Processor.class))).thenAnswer(i -> new DefaultExchange(camel));
        BackOfficeClient client = new BackOfficeClient(producer, settings, 30);
        assertThat(client.call("ORDER", CREATE, null).answered()).isFalse();

        BackOfficeClient.Response complaint = client.call("COMPLAINT", CREATE, null);
        assertThat(complaint.answered()).isFalse();
        assertThat(complaint.error()).contains("hub.backoffice.complaint.url is not set");
        verify(producer, never()).send(eq("direct:backoffice-complaint"), any(Processor.class));
    }

    private Exchange failed(int status) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setException(new IOException("HTTP " + status + " from the order system"));
        return exchange;
    }

    private Exchange answered(int status, String body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
        return exchange;
    }
}
