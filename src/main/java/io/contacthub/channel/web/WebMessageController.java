package io.contacthub.channel.web;

import io.contacthub.http.ApiProblem;
import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.MessageQueries;
import io.contacthub.ticket.TicketReference;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/messages}: the public web form and API. Answers 202 once the message is
 * committed, with the ticket reference the customer can quote. Sending the same Idempotency-Key
 * again returns the first answer and creates nothing.
 */
@RestController
class WebMessageController {

    private final WebMessageMapper mapper;
    private final ProducerTemplate producer;
    private final MessageQueries messages;
    private final CamelContext camel;

    WebMessageController(WebMessageMapper mapper, ProducerTemplate producer, MessageQueries messages, CamelContext camel) {
        this.messages = messages;
        this.camel = camel;
        this.mapper = mapper;
        this.producer = producer;
    }

    @PostMapping(path = "/api/messages", consumes = "application/json")
    ResponseEntity<Map<String, Object>> post(@Valid @RequestBody WebMessageRequest request,
                                             @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                             HttpServletRequest http) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ApiProblem.invalid("Idempotency-Key", "must be 1-200 characters");
        }
        if (!camel.getStatus().isStarted()) {
            // The web server opens a moment before the routes start (and stays open while they
            // stop): tell the client to come back rather than fail.
            throw ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "the hub is starting or stopping; please retry in a few seconds")
                    .header("Retry-After", "5");
        }
        InboundMessage inbound = mapper.toInbound(request, idempotencyKey, http.getRemoteAddr());
        producer.sendBody("direct:web-in", inbound);
        MessageQueries.MessageView stored = messages.findByExternalId(inbound.channel(), inbound.externalId()).orElseThrow();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messageId", stored.id());
        answer.put("status", stored.status());
        if (stored.ref() != null) {
            answer.put("ticket", stored.ref());
            answer.put("reference", TicketReference.tag(stored.ref()));
        }
        if (stored.reason() != null) {
            // A failure's own text can be an exception's (SQL and all): staff read it, the public does not.
            answer.put("reason", "FAILED".equals(String.valueOf(stored.status()))
                    ? "kept; staff will look at it" : stored.reason());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }
}
