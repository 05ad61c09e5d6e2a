package io.contacthub.channel.web;

import io.contacthub.intake.InboundMessage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private final JdbcClient jdbc;
    private final CamelContext camel;

    WebMessageController(WebMessageMapper mapper, ProducerTemplate producer, JdbcClient jdbc, CamelContext camel) {
        this.camel = camel;
        this.mapper = mapper;
        this.producer = producer;
        this.jdbc = jdbc;
    }

    @PostMapping(path = "/api/messages", consumes = "application/json")
    ResponseEntity<Map<String, Object>> post(@Valid @RequestBody WebMessageRequest request,
                                             @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                             HttpServletRequest http) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            return ResponseEntity.badRequest().body(Map.of("message", "invalid input",
                    "errors", Map.of("Idempotency-Key", "must be 1-200 characters")));
        }
        if (!camel.getStatus().isStarted()) {
            // The web server opens a moment before the routes start (and stays open while they
            // stop): tell the client to come back rather than fail.
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .body(Map.of("message", "the hub is starting or stopping; please retry in a few seconds"));
        }
        InboundMessage inbound = mapper.toInbound(request, idempotencyKey, http.getRemoteAddr());
        producer.sendBody("direct:web-in", inbound);
        Map<String, Object> answer = jdbc.sql("""
                        select m.id, m.status, m.reason, t.ref from inbound_message m
                        left join contact_record c on c.message_id = m.id left join ticket t on t.id = c.ticket_id
                        where m.channel = ? and m.external_id = ?""")
                .params(inbound.channel(), inbound.externalId())
                .query((rs, n) -> {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("messageId", rs.getLong("id"));
                    a.put("status", rs.getString("status"));
                    if (rs.getString("ref") != null) {
                        a.put("ticket", rs.getString("ref"));
                        a.put("reference", "[#" + rs.getString("ref") + "]");
                    }
                    if (rs.getString("reason") != null) {
                        a.put("reason", rs.getString("reason"));
                    }
                    return a;
                })
                .single();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }
}
