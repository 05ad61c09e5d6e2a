package io.contacthub.backoffice.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contacthub.backoffice.Handoffs;
import io.contacthub.intake.ContactRecorded;
import io.contacthub.ticket.TicketReview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A TRACKING contact with a waybill number becomes a lookup in the tracking system, recorded in
 * the contact's transaction; the answer goes back to the customer automatically
 * ({@link TrackingHandoff}). A tracking question without a waybill number goes to staff.
 */
@Component
class TrackingInquiries implements ContactRecorded {

    private static final Logger log = LoggerFactory.getLogger(TrackingInquiries.class);
    /** A customer asking about many parcels at once is better served by a person. */
    private static final int MAX_WAYBILLS = 3;

    private final Handoffs handoffs;
    private final TicketReview review;
    private final ObjectMapper json;

    TrackingInquiries(Handoffs handoffs, TicketReview review, ObjectMapper json) {
        this.handoffs = handoffs;
        this.review = review;
        this.json = json;
    }

    @Override
    public void recorded(RecordedContact contact) {
        if (contact.ignored() || contact.ticketId() == null) {
            return;
        }
        // Intent and waybill numbers as recorded, carried by the event rather than read back from the row.
        if (!"TRACKING".equals(contact.intent())
                || contact.content().declaredFields().containsKey("trackingAnswered")) {
            return;
        }
        JsonNode waybills = json.valueToTree(contact.entities() == null || contact.entities().waybillNumbers() == null
                ? java.util.List.of() : contact.entities().waybillNumbers());
        if (waybills.isEmpty()) {
            review.flag(contact.ticketId(), "tracking question without a waybill number: answer it by hand");
            return;
        }
        if (waybills.size() > MAX_WAYBILLS) {
            review.flag(contact.ticketId(), "tracking question about " + waybills.size() + " waybills: answer it by hand");
            return;
        }
        for (JsonNode w : waybills) {
            String waybill = w.asText();
            ObjectNode payload = json.createObjectNode();
            payload.put("waybill", waybill);
            payload.put("ticket", contact.ticketRef());
            payload.put("channel", contact.channel());
            payload.put("language", contact.language());
            String key = "tracking:" + contact.channel() + ":" + contact.messageId() + ":" + waybill;
            handoffs.record("TRACKING", TrackingHandoff.OPERATION, key, contact.ticketId(), contact.messageId(), payload)
                    .ifPresent(id -> log.info("waybill {} lookup recorded for {} (hand-off {})", waybill, contact.ticketRef(), id));
        }
    }
}
