package io.contacthub.channel.webhook;

import io.contacthub.descriptor.ChannelCatalog;
import io.contacthub.descriptor.IdentityKind;
import io.contacthub.http.ApiProblem;
import io.contacthub.http.BoundedBody;
import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.MessageQueries;
import io.contacthub.intake.WebhookIntake;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
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
@SecurityScheme(name = WebhookController.SIGNATURE, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        paramName = "X-Hub-Signature-256", description = "sha256=<hex>: HMAC-SHA256 of the exact raw body with the source's"
        + " secret (the header's name is the source's signature-header; with a timestamp-header, the signature covers"
        + " <timestamp>.<raw body>)")
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
    static final String PATH = "/webhooks/in/{source}";
    static final String SIGNATURE = "webhookSignature";
    /** The hub's RFC 9457 problem, as the API description names it. */
    static final String PROBLEM = "#/components/schemas/Problem";

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
    @Operation(operationId = "postWebhookMessage", summary = "A message from an integrator's system (generic webhook channel)",
            description = "A JSON message of a configured source (hub.webhook-in.sources.<source>), signed with the source's"
                    + " secret. Its id and sender id are found by the source's field mapping (JSON Pointers); the raw body is"
                    + " committed under (WEBHOOK, <source>:<id>) before the answer, and the same id again changes nothing.",
            security = @SecurityRequirement(name = SIGNATURE),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "the source's own JSON; by default {id, sender: {id, name, email, phone}, subject, text,"
                            + " attachments: [{name, contentType, url | base64}]}",
                    content = @Content(mediaType = "application/json", schema = @Schema(type = "object"))),
            responses = {
                    @ApiResponse(responseCode = "202", description = "committed (or already known by this id)",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class))),
                    @ApiResponse(responseCode = "400", description = "not a JSON object, or no id or usable sender id",
                            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM))),
                    @ApiResponse(responseCode = "401", description = "missing or wrong signature, or a timestamp outside the"
                            + " tolerance; nothing stored", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM))),
                    @ApiResponse(responseCode = "404", description = "no such source",
                            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM))),
                    @ApiResponse(responseCode = "413", description = "body over the source's limit",
                            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM))),
                    @ApiResponse(responseCode = "503", description = "the source has no secret configured and accepts nothing",
                            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))})
    ResponseEntity<Receipt> receive(
            @Parameter(in = ParameterIn.PATH, description = "the source's name, e.g. shop") @PathVariable("source") String source,
            @Parameter(hidden = true) HttpServletRequest request) throws IOException {
        String name = source.trim().toLowerCase(Locale.ROOT);
        WebhookSettings.Source configured = settings.source(name).orElse(null);
        if (configured == null) {
            throw ApiProblem.of(HttpStatus.NOT_FOUND, "no such webhook source");
        }
        if (configured.secret() == null) {
            throw ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "webhook source " + name + " has no secret configured, so it"
                    + " cannot check signatures and accepts nothing");
        }
        long limit = settings.maxBodyBytes(configured);
        byte[] body = BoundedBody.read(request, Math.toIntExact(limit));
        if (body == null) {
            throw ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "request body is larger than " + limit + " bytes");
        }
        String refusal = WebhookSignature.refusal(configured, body, request.getHeader(configured.signatureHeader()),
                configured.timestampHeader() == null ? null : request.getHeader(configured.timestampHeader()), clock.instant());
        if (refusal != null) {
            log.warn("webhook source {} refused a post from {}: {}", name, request.getRemoteAddr(), refusal);
            throw ApiProblem.of(HttpStatus.UNAUTHORIZED, refusal)
                    .header("WWW-Authenticate", "HMAC-SHA256 header=\"" + configured.signatureHeader() + "\"");
        }
        IdentityKind kind = channels.kind(configured.identityKind()).orElseThrow(); // the catalog checked it at start-up
        InboundMessage inbound;
        try {
            inbound = mapper.toInbound(name, configured, kind, body);
        } catch (IllegalArgumentException e) {
            log.info("webhook source {}: signed post refused: {}", name, e.getMessage());
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "not a message: " + e.getMessage());
        }
        intake.commit("direct:webhook-in", inbound); // committed before the answer, also while the node starts or stops
        MessageQueries.MessageView stored = messages.findByExternalId(inbound.channel(), inbound.externalId()).orElseThrow();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Receipt(stored.id(), inbound.externalId()));
    }

    /** The answer to a committed post: the same for every post of the same id. */
    record Receipt(long messageId, String externalId) {
    }
}
