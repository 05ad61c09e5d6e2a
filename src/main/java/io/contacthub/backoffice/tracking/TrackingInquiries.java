package io.contacthub.backoffice.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contacthub.backoffice.Handoffs;
import io.contacthub.intake.AfterRecordStep;
import io.contacthub.intake.EarlierResults;
import io.contacthub.intake.RecordedContact;
import java.util.ArrayList;
import java.util.List;
import io.contacthub.ticket.TicketReview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After-record step {@code tracking-lookup}: a TRACKING contact with a waybill number becomes a lookup
 * in the tracking system, recorded in the contact's transaction (keyed by message and waybill, so a
 * rerun adds none twice); the answer goes back to the customer automatically ({@link TrackingHandoff}).
 * A tracking question without a waybill number goes to staff.
 */
@Component
class TrackingInquiries implements AfterRecordStep {

    /** @param waybills the waybills looked up; empty when the question went to staff */
    record LookupsRequested(List<String> waybills) {
    }

    @Override
    public String name() {
        return "tracking-lookup";
    }

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
    public LookupsRequested apply(RecordedContact contact, EarlierResults earlier) {
        if (!contact.onTicket() || !"TRACKING".equals(contact.intent())
                || contact.content().declaredFields().containsKey("trackingAnswered")) {
            return null;
        }
        JsonNode waybills = json.valueToTree(contact.entities() == null || contact.entities().waybillNumbers() == null
                ? java.util.List.of() : contact.entities().waybillNumbers());
        if (waybills.isEmpty()) {
            review.flag(contact.ticketId(), "tracking question without a waybill number: answer it by hand");
            return new LookupsRequested(List.of());
        }
        if (waybills.size() > MAX_WAYBILLS) {
            review.flag(contact.ticketId(), "tracking question about " + waybills.size() + " waybills: answer it by hand");
            return new LookupsRequested(List.of());
        }
        List<String> looked = new ArrayList<>();
        for (JsonNode w : waybills) {
            String waybill = w.asText();
            looked.add(waybill);
            ObjectNode payload = json.createObjectNode();
            payload.put("waybill", waybill);
            payload.put("ticket", contact.ticketRef());
            payload.put("channel", contact.channel());
            payload.put("language", contact.language());
            String key = "tracking:" + contact.channel() + ":" + contact.messageId() + ":" + waybill;
            handoffs.record("TRACKING", TrackingHandoff.OPERATION, key, contact.ticketId(), contact.messageId(), payload)
                    .ifPresent(id -> log.info("waybill {} lookup recorded for {} (hand-off {})", waybill, contact.ticketRef(), id));
        }
        return new LookupsRequested(looked);
    }
}
