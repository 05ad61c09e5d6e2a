package io.contacthub.backoffice.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.backoffice.BackOfficeSettings;
import io.contacthub.backoffice.Handoff;
import io.contacthub.backoffice.HandoffType;
import io.contacthub.notify.CustomerNotifications;
import io.contacthub.ticket.TicketReview;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code GET <tracking system>/waybills/<number>}. 200: the status is sent to the customer on the
 * channel they asked on, in their language (template {@code tracking}), in the transaction that
 * records the answer; 404: the waybill is unknown, staff answer; a lookup that keeps failing
 * ({@code tracking-rules.max-attempts}) also goes to staff rather than leaving the customer waiting.
 */
@Component
class TrackingHandoff implements HandoffType {

    private static final Logger log = LoggerFactory.getLogger(TrackingHandoff.class);
    static final String OPERATION = "lookup-waybill";

    private final BackOfficeSettings.TrackingRules rules;
    private final CustomerNotifications notifications;
    private final TicketReview review;
    private final ObjectMapper json;
    private final io.contacthub.descriptor.ChannelCatalog channels;

    TrackingHandoff(BackOfficeSettings settings, CustomerNotifications notifications, TicketReview review, ObjectMapper json,
                    io.contacthub.descriptor.ChannelCatalog channels) {
        this.channels = channels;
        this.rules = settings.trackingRules();
        this.notifications = notifications;
        this.review = review;
        this.json = json;
    }

    @Override
    public String system() {
        return "TRACKING";
    }

    @Override
    public String operation() {
        return OPERATION;
    }

    @Override
    public Integer maxAttempts() {
        return rules.maxAttempts();
    }

    @Override
    public Request request(Handoff handoff) {
        return new Request("GET", "/waybills/" + URLEncoder.encode(handoff.payload().path("waybill").asText(), StandardCharsets.UTF_8), null);
    }

    @Override
    public Outcome answered(Handoff handoff, int status, String body) {
        String waybill = handoff.payload().path("waybill").asText();
        if (status == 404) {
            return Outcome.rejected("waybill " + waybill + " is unknown to the tracking system");
        }
        if (status != 200) {
            return Outcome.rejected("the tracking system answered HTTP " + status + " for waybill " + waybill);
        }
        JsonNode answer;
        try {
            answer = json.readTree(body == null ? "" : body);
        } catch (Exception e) {
            return Outcome.rejected("the tracking system's answer for " + waybill + " is not JSON");
        }
        String shipmentStatus = answer == null ? "" : answer.at(rules.statusPointer()).asText("");
        if (shipmentStatus.isBlank()) {
            return Outcome.rejected("the tracking system's answer for " + waybill + " has no status at " + rules.statusPointer());
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("waybill", waybill);
        vars.put("status", shipmentStatus);
        vars.put("description", blankToNull(answer.at(rules.descriptionPointer()).asText("")));
        vars.put("location", blankToNull(answer.at(rules.locationPointer()).asText("")));
        vars.put("eta", blankToNull(answer.at(rules.etaPointer()).asText("")));
        // Answered on the channel the customer asked on when it carries answers; else by the usual rules.
        String channel = channels.answerOn(handoff.payload().path("channel").asText(""))
                .map(io.contacthub.descriptor.ChannelDescriptor.Answer::outbound).orElse(null);
        try {
            notifications.notifyCustomer(handoff.ticketRef(), "tracking", vars, "tracking-answer:" + handoff.id(), channel)
                    .ifPresent(q -> log.info("tracking answer for {} ({}) queued on {} to {}", waybill, handoff.ticketRef(),
                            q.channel(), q.recipient()));
        } catch (CustomerNotifications.NotDeliverable e) {
            review.flag(handoff.ticketId(), "waybill " + waybill + " is " + shipmentStatus + ", but the customer could not be told: "
                    + e.getMessage());
        }
        return Outcome.delivered(shipmentStatus);
    }

    @Override
    public void gaveUp(Handoff handoff, String reason) {
        if (handoff.ticketId() != null) {
            review.flag(handoff.ticketId(), "no automatic tracking answer: " + reason);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
