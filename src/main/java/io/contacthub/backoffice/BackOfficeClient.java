package io.contacthub.backoffice;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * One HTTP call to a back-office system through its Camel route ({@code direct:backoffice-<system>},
 * under routes/outbound, where the circuit breaker lives), with the system's credentials.
 */
@Component
public class BackOfficeClient {

    private final ProducerTemplate producer;
    private final BackOfficeSettings settings;

    BackOfficeClient(ProducerTemplate producer, BackOfficeSettings settings) {
        this.producer = producer;
        this.settings = settings;
    }

    /**
     * What came back. {@code error} is set when there was no usable answer (5xx, timeout, refused
     * connection, open circuit); then {@code status} is 0.
     */
    public record Response(int status, String body, String error, boolean circuitOpen) {
        public boolean answered() {
            return error == null;
        }
    }

    public boolean configured(String system) {
        return settings.peer(system).configured();
    }

    public Response call(String system, HandoffType.Request request, String idempotencyKey) {
        BackOfficeSettings.Peer peer = settings.peer(system);
        if (!peer.configured()) {
            return new Response(0, null, "hub.backoffice." + system.toLowerCase() + ".url is not set", false);
        }
        Exchange result = producer.send("direct:backoffice-" + system.toLowerCase(), exchange -> {
            exchange.setProperty("hubUrl", peer.url() + request.path());
            var message = exchange.getMessage();
            message.setHeader(Exchange.HTTP_METHOD, request.method());
            message.setHeader("Accept", "application/json");
            if (idempotencyKey != null) {
                message.setHeader("Idempotency-Key", idempotencyKey);
            }
            authorization(peer).ifPresent(a -> message.setHeader("Authorization", a));
            if (request.jsonBody() != null) {
                message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
                message.setBody(request.jsonBody().getBytes(StandardCharsets.UTF_8));
            } else {
                message.setBody(null);
            }
        });
        Exception error = result.getException();
        // An open circuit refuses the call without an exception: Camel only marks the exchange.
        if (error == null && Boolean.TRUE.equals(result.getProperty(ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_SHORT_CIRCUITED))) {
            return new Response(0, null, "circuit breaker open: the " + system.toLowerCase()
                    + " system failed repeatedly, calls are paused", true);
        }
        if (error == null) {
            Integer status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (status == null) {
                // Never take "no answer" for success: that would mark an undelivered order DELIVERED.
                return new Response(0, null, "no HTTP status from the " + system.toLowerCase() + " system", false);
            }
            return new Response(status, result.getMessage().getBody(String.class), null, false);
        }
        // 5xx (raised by the route inside the circuit breaker), timeouts, refused or reset connections.
        Throwable cause = rootCause(error);
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("HTTP ")) {
                cause = t;
                break;
            }
        }
        return new Response(0, null, cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                false);
    }

    private static Optional<String> authorization(BackOfficeSettings.Peer peer) {
        if (peer.token() != null) {
            return Optional.of("Bearer " + peer.token());
        }
        if (peer.username() != null) {
            String pair = peer.username() + ":" + (peer.password() == null ? "" : peer.password());
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
