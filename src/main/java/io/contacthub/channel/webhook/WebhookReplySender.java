package io.contacthub.channel.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.notify.ChannelSender;
import io.contacthub.ticket.TicketReference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Answers on the webhook channel (outbox channel {@code WEBHOOK}, routes/outbound/notify-webhook.camel.yaml): the
 * recipient's identity kind names the source, and the answer is POSTed as JSON to that source's {@code reply-url},
 * signed like the source's own posts ({@code <signature-header>: sha256=<hex>} over the exact body, with the
 * timestamp header when the source uses one), with an {@code Idempotency-Key} that stays the same for every attempt
 * so the integrator can drop a repeat. Redirects are not followed.
 * <pre>
 * {"source": "shop", "notificationId": 42, "ticket": "CH-000042", "reference": "[#CH-000042]",
 *  "recipient": {"kind": "SHOP_BUYER", "id": "buyer-7"}, "template": "reply", "language": "zh",
 *  "subject": null, "text": "..."}
 * </pre>
 * 2xx is sent (the provider id is the answer's {@code id} when it has one); 408, 429, 5xx and network errors are
 * retried by the outbox; any other answer is a refusal (FAILED at once).
 */
@Component
class WebhookReplySender implements ChannelSender {

    private static final int MAX_PROVIDER_ID = 200;
    private static final int MAX_ANSWER_BYTES = 8192;

    private final WebhookSettings settings;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    @Autowired
    WebhookReplySender(WebhookSettings settings, ObjectMapper json) {
        this(settings, json, Clock.systemUTC());
    }

    WebhookReplySender(WebhookSettings settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.timeout = settings.replyTimeout();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String channel() {
        return WebhookMapper.CHANNEL;
    }

    @Override
    public String notConfiguredReason() {
        return settings.sources().values().stream().anyMatch(WebhookSettings.Source::answersByPost) ? null
                : "no hub.webhook-in source has a reply-url (with a secret and an identity kind of its own)";
    }

    @Override
    public String describe() {
        return "POST to " + settings.sources().entrySet().stream().filter(e -> e.getValue().answersByPost())
                .map(e -> e.getKey() + " " + URI.create(e.getValue().replyUrl()).getHost())
                .collect(Collectors.joining(", "));
    }

    @Override
    public String send(PendingNotification n) throws SendFailure {
        Map.Entry<String, WebhookSettings.Source> found = settings.sourceOfKind(n.recipientKind())
                .filter(e -> e.getValue().answersByPost())
                .orElseThrow(() -> new SendFailure("no webhook source with a reply-url answers identity kind " + n.recipientKind()
                        + " (hub.webhook-in.sources.*.identity-kind, reply-url)", false, null));
        String sourceName = found.getKey();
        WebhookSettings.Source source = found.getValue();
        byte[] body = body(sourceName, n);
        String timestamp = source.timestampHeader() == null ? null : String.valueOf(clock.instant().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(source.replyUrl()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "contact-hub")
                .header("Idempotency-Key", "contact-hub-notification-" + n.id())
                .header(source.signatureHeader(), WebhookSignature.sign(source.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (timestamp != null) {
            request.header(source.timestampHeader(), timestamp);
        }
        HttpResponse<String> response;
        var answer = http.sendAsync(request.build(), info -> new FirstBytes(MAX_ANSWER_BYTES));
        try {
            // The request timeout covers the wait for the headers only; this covers the answer's body too.
            response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new SendFailure("no answer from " + sourceName + "'s reply-url within " + timeout.toSeconds() + " s", true, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SendFailure(sourceName + "'s reply-url: " + (cause instanceof HttpTimeoutException
                    ? "no answer within " + timeout.toSeconds() + " s" : describe(cause)), true, cause);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new SendFailure("interrupted while posting to " + sourceName, true, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return providerId(sourceName, status, response.body());
        }
        boolean retryable = status >= 500 || status == 408 || status == 429;
        throw new SendFailure(sourceName + "'s reply-url answered HTTP " + status, retryable, null);
    }

    /** A network failure as staff read it: each cause's type and message ("ConnectException: Connection refused"). */
    private static String describe(Throwable failure) {
        List<String> parts = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
            String part = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            if (!parts.contains(part)) {
                parts.add(part);
            }
        }
        return String.join(", caused by ", parts);
    }

    private byte[] body(String sourceName, PendingNotification n) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("source", sourceName);
        payload.put("notificationId", n.id());
        payload.put("ticket", n.ticketRef());
        payload.put("reference", n.ticketRef() == null ? null : TicketReference.tag(n.ticketRef()));
        payload.put("recipient", Map.of("kind", n.recipientKind(), "id", n.recipient()));
        payload.put("template", n.template());
        payload.put("language", n.language());
        payload.put("subject", n.subject());
        payload.put("text", n.body());
        try {
            return json.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The integrator's own id for what it accepted ({@code {"id": ...}}), else the status it answered. */
    private String providerId(String sourceName, int status, String answer) {
        try {
            JsonNode node = answer == null || answer.isBlank() ? null : json.readTree(answer);
            JsonNode id = node == null ? null : node.path("id");
            if (id != null && (id.isTextual() || id.isIntegralNumber()) && !id.asText().isBlank()) {
                String value = id.asText().strip();
                return value.length() <= MAX_PROVIDER_ID ? value : value.substring(0, MAX_PROVIDER_ID);
            }
        } catch (IOException e) {
            // not JSON: the status says enough
        }
        return sourceName + ": HTTP " + status;
    }

    /** The first bytes of an answer as text (all the hub reads of it is an id); the rest is not waited for. */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<String> {
        private final int max;
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;

        FirstBytes(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (result.isDone()) {
                    return;
                }
                byte[] chunk = new byte[Math.min(item.remaining(), max - bytes.size())];
                item.get(chunk);
                bytes.writeBytes(chunk);
                if (bytes.size() >= max) {
                    subscription.cancel();
                    onComplete();
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
