package io.contacthub.backoffice.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.backoffice.BackOfficeSettings;
import io.contacthub.backoffice.Handoff;
import io.contacthub.backoffice.HandoffType;
import io.contacthub.ticket.TicketReview;
import org.springframework.stereotype.Component;

/**
 * {@code POST <order system>/orders} with the order request as JSON. 2xx: delivered, and the order
 * number from the answer is kept; 409: the order system already has this request (an earlier
 * attempt got through but its answer was lost), also delivered; any other 4xx: refused, the ticket
 * goes to staff with the order system's words.
 */
@Component
class OrderHandoff implements HandoffType {

    static final String OPERATION = "create-order";

    private final BackOfficeSettings.OrderRules rules;
    private final TicketReview review;
    private final ObjectMapper json;

    OrderHandoff(BackOfficeSettings settings, TicketReview review, ObjectMapper json) {
        this.rules = settings.orderRules();
        this.review = review;
        this.json = json;
    }

    @Override
    public String system() {
        return "ORDER";
    }

    @Override
    public String operation() {
        return OPERATION;
    }

    @Override
    public Request request(Handoff handoff) {
        return new Request("POST", "/orders", handoff.payload().toString());
    }

    @Override
    public Outcome answered(Handoff handoff, int status, String body) {
        if (status / 100 == 2 || status == 409) {
            return Outcome.delivered(orderNumber(body));
        }
        return Outcome.rejected("the order system refused the request (HTTP " + status + "): " + abbreviate(body));
    }

    @Override
    public void gaveUp(Handoff handoff, String reason) {
        if (handoff.ticketId() != null) {
            review.flag(handoff.ticketId(), "order request " + handoff.idempotencyKey() + " not accepted: " + reason);
        }
    }

    private String orderNumber(String body) {
        try {
            JsonNode answer = body == null || body.isBlank() ? null : json.readTree(body);
            String number = answer == null ? "" : answer.at(rules.orderNumberPointer()).asText("");
            return number.isBlank() ? null : number;
        } catch (Exception e) {
            return null;
        }
    }

    static String abbreviate(String s) {
        if (s == null || s.isBlank()) {
            return "(no details)";
        }
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
