package io.contacthub.backoffice;

import io.contacthub.http.ApiProblem;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff API for the back office: what the hub handed to which system and how it went
 * ({@code /api/handoffs}), replay of FAILED or REJECTED hand-offs, and an order's status straight
 * from the order system.
 */
@RestController
class HandoffController {

    private final Handoffs handoffs;
    private final BackOfficeClient client;

    HandoffController(Handoffs handoffs, BackOfficeClient client) {
        this.handoffs = handoffs;
        this.client = client;
    }

    @GetMapping("/api/handoffs")
    Object list(@RequestParam(required = false) String system, @RequestParam(required = false) String status,
                @RequestParam(defaultValue = "100") int limit) {
        return handoffs.list(system, status, null, Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping("/api/handoffs/{id}")
    ResponseEntity<?> one(@PathVariable long id) {
        return handoffs.find(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "no hand-off " + id));
    }

    @PostMapping("/api/handoffs/{id}/replay")
    ResponseEntity<?> replay(@PathVariable long id) {
        if (handoffs.replay(id)) {
            return ResponseEntity.accepted().body(handoffs.find(id).orElseThrow());
        }
        throw handoffs.find(id).map(h -> ApiProblem.of(HttpStatus.CONFLICT,
                        "hand-off " + id + " is " + h.status() + "; only FAILED or REJECTED ones are replayed"))
                .orElseGet(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "no hand-off " + id));
    }

    /** The order system's answer for one order, passed through; 502/503 when it cannot be asked. */
    @GetMapping("/api/orders/{orderNumber}")
    ResponseEntity<?> orderStatus(@PathVariable String orderNumber) {
        if (!orderNumber.matches("[A-Za-z0-9-]{1,40}")) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "an order number is 1-40 letters, digits or dashes");
        }
        if (!client.configured("ORDER")) {
            throw ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "no order system is configured (hub.backoffice.order.url)");
        }
        BackOfficeClient.Response response = client.call("ORDER",
                new HandoffType.Request("GET", "/orders/" + URLEncoder.encode(orderNumber, StandardCharsets.UTF_8), null), null);
        if (!response.answered()) {
            throw ApiProblem.of(HttpStatus.BAD_GATEWAY, "order system: " + response.error());
        }
        if (response.status() == 404) {
            throw ApiProblem.of(HttpStatus.NOT_FOUND, "the order system has no order " + orderNumber);
        }
        if (response.status() != 200) {
            throw ApiProblem.of(HttpStatus.BAD_GATEWAY, "order system answered HTTP " + response.status());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response.body());
    }
}
