package io.contacthub.channel.webhook;

import io.contacthub.descriptor.ChannelCatalog;
import io.contacthub.descriptor.IdentityKind;
import io.contacthub.http.BoundedBody;
import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.MessageQueries;
import io.contacthub.intake.WebhookIntake;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/in/<source>}: an integrator's system posts a JSON message. In this order, each before any
 * further work: an unknown source 404; a source without a secret 503 (never open); a body over the limit 413; a
 * missing or wrong signature (or timestamp, when the source uses one) 401 — all checked on the raw bytes, before any
 * JSON is parsed, and nothing is stored; a body that is not a message of the source (no id, no sender id) 400. Then
 * the raw post is committed through {@code direct:webhook-in} under {@code (WEBHOOK, <source>:<id>)} and only then
 * answered 202; the same id posted again changes nothing and gets the same answer. Processing (text, attachment
 * downloads, threading) follows on the processing queue.
 * <p>
 * The handler reads the body itself rather than having Spring bind it, so every spelling of the path that reaches it
 * meets the same checks, and a request that is not signed costs one bounded read and one HMAC.
 */
@RestController
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
    static final String PATH = "/webhooks/in/{source}";

    private final WebhookSettings settings;
    private final WebhookMapper mapper;
    private final WebhookIntake intake;
    private final MessageQueries messages;
    private final ChannelCatalog channels;
    private final Clock clock;

    @Autowired
    WebhookController(WebhookSettings settings, WebhookMapper mapper, WebhookIntake intake, MessageQueries messages,
                      ChannelCatalog channels) {
        this(settings, mapper, intake, messages, channels, Clock.systemUTC());
    }

    WebhookController(WebhookSettings settings, WebhookMapper mapper, WebhookIntake intake, MessageQueries messages,
                      ChannelCatalog channels, Clock clock) {
        this.settings = settings;
        this.mapper = mapper;
        this.intake = intake;
        this.messages = messages;
        this.channels = channels;
        this.clock = clock;
        if (settings.sources().isEmpty()) {
            log.info("Generic webhooks (/webhooks/in/<source>) have no sources (hub.webhook-in.sources): every post answers 404");
        }
        settings.sources().forEach((name, source) -> {
            if (source.secret() == null) {
                log.warn("webhook source {} is OFF: it has no secret (hub.webhook-in.sources.{}.secret), so it answers 503"
                        + " and accepts nothing", name, name);
            } else {
                log.info("webhook source {} is on: POST /webhooks/in/{}, signed in {}{}, senders {}, answers {}", name, name,
                        source.signatureHeader(), source.timestampHeader() == null ? "" : " with " + source.timestampHeader(),
                        source.identityKind(), source.answersByPost() ? "POSTed to " + java.net.URI.create(source.replyUrl()).getHost()
                                : "by e-mail or text (no reply-url)");
            }
        });
    }

    @PostMapping(PATH)
    ResponseEntity<Map<String, Object>> receive(@PathVariable("source") String source, HttpServletRequest request)
            throws IOException {
        String name = source.trim().toLowerCase(Locale.ROOT);
        WebhookSettings.Source configured = settings.source(name).orElse(null);
        if (configured == null) {
            return answer(HttpStatus.NOT_FOUND, "no such webhook source");
        }
        if (configured.secret() == null) {
            return answer(HttpStatus.SERVICE_UNAVAILABLE, "webhook source " + name + " has no secret configured, so it cannot"
                    + " check signatures and accepts nothing");
        }
        long limit = settings.maxBodyBytes(configured);
        byte[] body = BoundedBody.read(request, Math.toIntExact(limit));
        if (body == null) {
            return answer(HttpStatus.CONTENT_TOO_LARGE, "request body is larger than " + limit + " bytes");
        }
        String refusal = WebhookSignature.refusal(configured, body, request.getHeader(configured.signatureHeader()),
                configured.timestampHeader() == null ? null : request.getHeader(configured.timestampHeader()), clock.instant());
        if (refusal != null) {
            log.warn("webhook source {} refused a post from {}: {}", name, request.getRemoteAddr(), refusal);
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header("WWW-Authenticate", "HMAC-SHA256 header=\"" + configured.signatureHeader() + "\"")
                    .body(Map.of("message", refusal));
        }
        IdentityKind kind = channels.kind(configured.identityKind()).orElseThrow(); // the catalog checked it at start-up
        InboundMessage inbound;
        try {
            inbound = mapper.toInbound(name, configured, kind, body);
        } catch (IllegalArgumentException e) {
            log.info("webhook source {}: signed post refused: {}", name, e.getMessage());
            return answer(HttpStatus.BAD_REQUEST, "not a message: " + e.getMessage());
        }
        intake.commit("direct:webhook-in", inbound); // committed before the answer, also while the node starts or stops
        MessageQueries.MessageView stored = messages.findByExternalId(inbound.channel(), inbound.externalId()).orElseThrow();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messageId", stored.id());
        answer.put("externalId", inbound.externalId());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("message", message));
    }
}
