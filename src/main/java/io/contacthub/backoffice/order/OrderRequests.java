package io.contacthub.backoffice.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contacthub.backoffice.BackOfficeSettings;
import io.contacthub.backoffice.Handoffs;
import io.contacthub.intake.ContactRecorded;
import io.contacthub.ticket.TicketReview;
import io.contacthub.understand.forms.FormFieldExtractor;
import io.contacthub.understand.forms.FormFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns an ORDER contact (any channel) into an order request for the order system, recorded in the
 * contact's transaction and delivered by the hand-off dispatcher. A contact that lacks a required
 * field (or has one only as an uncertain OCR reading) is not sent: its ticket is flagged for
 * review with the missing fields named, so staff complete it instead of the order system
 * receiving a guess.
 */
@Component
@org.springframework.core.annotation.Order(100) // after listeners that add to the contact (fax forms)
class OrderRequests implements ContactRecorded {

    private static final Logger log = LoggerFactory.getLogger(OrderRequests.class);

    private final JdbcClient jdbc;
    private final Handoffs handoffs;
    private final TicketReview review;
    private final BackOfficeSettings.OrderRules rules;
    private final ObjectMapper json;

    private final FormFieldExtractor forms;

    OrderRequests(JdbcClient jdbc, Handoffs handoffs, TicketReview review, BackOfficeSettings settings, ObjectMapper json,
                  FormFieldExtractor forms) {
        this.forms = forms;
        this.jdbc = jdbc;
        this.handoffs = handoffs;
        this.review = review;
        this.rules = settings.orderRules();
        this.json = json;
    }

    @Override
    public void recorded(RecordedContact contact) {
        if (contact.ignored() || contact.ticketId() == null || !"ORDER".equals(contact.intent())) {
            return; // only ORDER contacts read their row back (a fax's form is added to it by FaxRecorder)
        }
        record Row(String intent, String entities, String body, String subject) {
        }
        Row row = jdbc.sql("select intent, entities::text, body, subject from contact_record where message_id = ?")
                .param(contact.messageId())
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional().orElse(null);
        if (row == null || !"ORDER".equals(row.intent())) {
            return;
        }
        JsonNode entities = readJson(row.entities());
        // A fax brings the form read by OCR (entities.form, with OCR-aware confidences); any other
        // contact's text is read for labelled fields here ("取件地址：…", "Pickup address: …"), and
        // what was read is kept on the contact so staff see it.
        JsonNode form = entities.path("form");
        if (form.isMissingNode() || form.isNull()) {
            FormFields read = forms.extract(row.body(), null);
            form = json.valueToTree(read);
            ObjectNode patch = json.createObjectNode();
            patch.set("form", form);
            jdbc.sql("update contact_record set entities = entities || cast(? as jsonb) where message_id = ?")
                    .params(patch.toString(), contact.messageId()).update();
        }
        OrderFields fields = OrderFields.of(contact.content().declaredFields(), form.path("fields"), rules.minConfidence());
        String email = contact.content().senderEmail();
        String phone = contact.content().senderPhone();
        List<String> missing = new ArrayList<>();
        for (String required : rules.requiredFields()) {
            boolean present = "contact".equals(required)
                    ? (email != null && !email.isBlank()) || (phone != null && !phone.isBlank()) || fields.has("phone")
                    : fields.has(required);
            if (!present) {
                missing.add(fields.unsure().containsKey(required) ? required + " (unsure: \"" + fields.unsure().get(required) + "\")" : required);
            }
        }
        if (!missing.isEmpty()) {
            review.flag(contact.ticketId(), "order request not sent to the order system: missing " + String.join(", ", missing));
            log.info("order contact {} on {} needs staff: missing {}", contact.messageId(), contact.ticketRef(), missing);
            return;
        }
        if (entities.path("needsReview").asBoolean(false)) {
            // The fax reader itself is unsure (poor OCR, page count mismatch): a person checks first.
            review.flag(contact.ticketId(), "order request not sent to the order system: the fax needs checking ("
                    + String.join("; ", json.convertValue(form.path("reviewReasons"), String[].class)) + ")");
            return;
        }
        String key = "order:" + contact.channel() + ":" + contact.messageId();
        ObjectNode payload = json.createObjectNode();
        payload.put("requestId", key);
        payload.put("ticket", contact.ticketRef());
        payload.put("channel", contact.channel());
        payload.put("language", contact.language());
        ObjectNode customer = payload.putObject("customer");
        customer.put("name", contact.content().senderName());
        customer.put("email", email);
        customer.put("phone", phone);
        JsonNode orderNumbers = entities.path("orderNumbers");
        if (orderNumbers.isArray() && !orderNumbers.isEmpty()) {
            payload.put("customerReference", orderNumbers.get(0).asText());
        }
        ObjectNode out = payload.putObject("fields");
        for (Map.Entry<String, String> f : fields.values().entrySet()) {
            out.put(rules.fieldNames().getOrDefault(f.getKey(), f.getKey()), f.getValue());
        }
        payload.put("subject", row.subject());
        String text = row.body() == null ? "" : row.body();
        payload.put("text", text.length() > 4000 ? text.substring(0, 4000) : text);
        handoffs.record("ORDER", OrderHandoff.OPERATION, key, contact.ticketId(), contact.messageId(), payload)
                .ifPresent(id -> log.info("order request {} recorded for {} (hand-off {})", key, contact.ticketRef(), id));
    }

    private JsonNode readJson(String s) {
        try {
            return s == null ? json.createObjectNode() : json.readTree(s);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }
}
