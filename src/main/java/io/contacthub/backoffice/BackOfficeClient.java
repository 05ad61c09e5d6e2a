package io.contacthub.backoffice;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * One HTTP call to a back-office system through its Camel route ({@code direct:backoffice-<system>},
 * under routes/outbound), with the system's credentials, behind that system's circuit breaker.
 */
@Component
public class BackOfficeClient {

    private final ProducerTemplate producer;
    private final BackOfficeSettings settings;
    /** One breaker per system: an outage of the order system does not pause tracking lookups. */
    private final CircuitBreakerRegistry breakers;

    @Autowired
    BackOfficeClient(ProducerTemplate producer, BackOfficeSettings settings, CircuitSettings circuit) {
        this(producer, settings, circuit.circuitOpenSeconds());
    }

    BackOfficeClient(ProducerTemplate producer, BackOfficeSettings settings, int circuitOpenSeconds) {
        this.producer = producer;
        this.settings = settings;
        // Open after half of the last 10 calls (at least 5) failed; stay open this long, then let
        // one trial call through (half-open) that closes or re-opens it.
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(circuitOpenSeconds))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
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
        CircuitBreaker breaker = breakers.circuitBreaker(system);
        // An open circuit refuses the call before it is made: never read that as an answer.
        if (!breaker.tryAcquirePermission()) {
            return new Response(0, null, "circuit breaker open: the " + system.toLowerCase()
                    + " system failed repeatedly, calls are paused", true);
        }
        long start = breaker.getCurrentTimestamp();
        Exchange result;
        try {
            result = send(system, peer, request, idempotencyKey);
        } catch (RuntimeException | Error e) {
            breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
            throw e;
        }
        Exception error = result.getException();
        if (error == null) {
            breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
            Integer status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (status == null) {
                // Never take "no answer" for success: that would mark an undelivered order DELIVERED.
                return new Response(0, null, "no HTTP status from the " + system.toLowerCase() + " system", false);
            }
            return new Response(status, result.getMessage().getBody(String.class), null, false);
        }
        // 5xx (raised by the route), timeouts, refused or reset connections: failures for the breaker.
        breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), error);
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

    private Exchange send(String system, BackOfficeSettings.Peer peer, HandoffType.Request request, String idempotencyKey) {
        return producer.send("direct:backoffice-" + system.toLowerCase(), exchange -> {
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
