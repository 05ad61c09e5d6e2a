package io.contacthub.backoffice.complaint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.backoffice.Handoff;
import io.contacthub.backoffice.HandoffType;
import io.contacthub.ticket.TicketReview;
import org.springframework.stereotype.Component;

/**
 * {@code POST <complaint system>/complaints}: a complaint case forwarded to an external complaint
 * system (the complaint module records the hand-off when {@code hub.complaint.forward} is on), with
 * the same guarantees as orders. The external case number ({@code caseNumber} or {@code id} in the
 * answer) is kept on the hand-off.
 */
@Component
class ComplaintForwarding implements HandoffType {

    private final TicketReview review;
    private final ObjectMapper json;

    ComplaintForwarding(TicketReview review, ObjectMapper json) {
        this.review = review;
        this.json = json;
    }

    @Override
    public String system() {
        return "COMPLAINT";
    }

    @Override
    public String operation() {
        return "forward-complaint";
    }

    @Override
    public Request request(Handoff handoff) {
        return new Request("POST", "/complaints", handoff.payload().toString());
    }

    @Override
    public Outcome answered(Handoff handoff, int status, String body) {
        if (status / 100 == 2 || status == 409) {
            try {
                JsonNode answer = body == null || body.isBlank() ? null : json.readTree(body);
                String ref = answer == null ? "" : answer.path("caseNumber").asText(answer.path("id").asText(""));
                return Outcome.delivered(ref.isBlank() ? null : ref);
            } catch (Exception e) {
                return Outcome.delivered(null);
            }
        }
        return Outcome.rejected("the complaint system refused the case (HTTP " + status + "): "
                + (body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body));
    }

    @Override
    public void gaveUp(Handoff handoff, String reason) {
        if (handoff.ticketId() != null) {
            review.flag(handoff.ticketId(), "complaint not forwarded to the complaint system: " + reason);
        }
    }
}
