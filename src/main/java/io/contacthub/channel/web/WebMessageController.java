package io.contacthub.channel.web;

import io.contacthub.http.ApiProblem;
import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.MessageQueries;
import io.contacthub.intake.Receipt;
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
 * {@code POST /api/messages}: the public web form and API. Answers 202 as soon as the message is
 * committed, with the ticket reference reserved for it then, which the customer can quote at once;
 * the message is processed on the queue (at a peak the answer does not wait for the backlog). A
 * client that sends {@code Prefer: wait=N} (RFC 7240) is answered after processing instead, with
 * the settled status. Sending the same Idempotency-Key again returns the first answer and creates nothing.
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
                                             @RequestHeader(name = "Prefer", required = false) String prefer,
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
        if (!waitsForProcessing(prefer)) {
            Object result = producer.requestBodyAndHeaders("direct:web-in", inbound,
                    Map.of("hubReserveTicket", true, "hubAnswerAtReceive", true));
            if (result instanceof Receipt receipt && !receipt.duplicate() && receipt.reservedRef() != null) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("messageId", receipt.messageId());
                answer.put("status", receipt.status().name());
                answer.put("ticket", receipt.reservedRef());
                answer.put("reference", TicketReference.tag(receipt.reservedRef()));
                return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
            }
            return answered(inbound, result instanceof Receipt receipt ? receipt.reservedRef() : null);
        }
        producer.sendBodyAndHeader("direct:web-in", inbound, "hubProcessInline", true);
        return answered(inbound, null);
    }

    /** {@code Prefer: wait=N}: the client would rather wait for the processed answer. */
    static boolean waitsForProcessing(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            String name = preference.split("[=;]", 2)[0].strip();
            if (name.equalsIgnoreCase("wait")) {
                return true;
            }
        }
        return false;
    }

    /** The answer from what is stored: a repeated Idempotency-Key, or a message processed in the request. */
    private ResponseEntity<Map<String, Object>> answered(InboundMessage inbound, String reservedRef) {
        MessageQueries.MessageView stored = messages.findByExternalId(inbound.channel(), inbound.externalId()).orElseThrow();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messageId", stored.id());
        answer.put("status", stored.status());
        // The reference the first answer gave stays the one to quote (it finds the ticket the message joined).
        String ref = reservedRef != null ? reservedRef : stored.ref();
        if (ref != null) {
            answer.put("ticket", ref);
            answer.put("reference", TicketReference.tag(ref));
        }
        if (stored.reason() != null) {
            // A failure's own text can be an exception's (SQL and all): staff read it, the public does not.
            answer.put("reason", "FAILED".equals(String.valueOf(stored.status()))
                    ? "kept; staff will look at it" : stored.reason());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }
}
