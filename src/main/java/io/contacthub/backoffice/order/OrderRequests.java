package io.contacthub.backoffice.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contacthub.backoffice.BackOfficeSettings;
import io.contacthub.backoffice.Handoffs;
import io.contacthub.customer.BuiltInIdentityKinds;
import io.contacthub.customer.CustomerMasterData;
import io.contacthub.customer.GivenIdentity;
import io.contacthub.intake.AfterRecordStep;
import io.contacthub.intake.EarlierResults;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.RecordedContact;
import io.contacthub.understand.forms.ReadForm;
import io.contacthub.ticket.TicketReview;
import io.contacthub.understand.forms.FormFieldExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * After-record step {@code order-request}: turns an ORDER contact (any channel) into an order request
 * for the order system, recorded in the contact's transaction and delivered by the hand-off
 * dispatcher. The form comes from the step that read scanned pages ({@link ReadForm}, a fax's fields
 * with OCR confidences); any other contact's text is read for labelled fields here. A contact that
 * lacks a required field (or has one only as an uncertain OCR reading) is not sent: its ticket is
 * flagged for review with the missing fields named, so staff complete it instead of the order
 * system receiving a guess. The request is keyed by the message, so a rerun records it once.
 */
@Component
class OrderRequests implements AfterRecordStep {

    private static final Logger log = LoggerFactory.getLogger(OrderRequests.class);

    private final JdbcClient jdbc;
    private final Handoffs handoffs;
    private final TicketReview review;
    private final BackOfficeSettings.OrderRules rules;
    private final ObjectMapper json;

    private final FormFieldExtractor forms;

    private final CustomerMasterData masterData;

    OrderRequests(JdbcClient jdbc, Handoffs handoffs, TicketReview review, BackOfficeSettings settings, ObjectMapper json,
                  FormFieldExtractor forms, CustomerMasterData masterData) {
        this.masterData = masterData;
        this.forms = forms;
        this.jdbc = jdbc;
        this.handoffs = handoffs;
        this.review = review;
        this.rules = settings.orderRules();
        this.json = json;
    }

    /** @param handoffId the request recorded for the order system, null when staff must complete it */
    record OrderRequested(String requestId, Long handoffId, List<String> missing) {
    }

    @Override
    public String name() {
        return "order-request";
    }

    @Override
    public OrderRequested apply(RecordedContact contact, EarlierResults earlier) {
        if (!contact.onTicket() || !"ORDER".equals(contact.intent())) {
            return null;
        }
        ParsedContent content = contact.content();
        Optional<ReadForm> scanned = earlier.get(ReadForm.class);
        JsonNode form;
        if (scanned.isPresent()) {
            form = json.valueToTree(scanned.get().form());
        } else {
            // Labelled fields in the text ("取件地址：…", "Pickup address: …"), kept on the contact so staff see them.
            form = json.valueToTree(forms.extract(content.body(), null));
            ObjectNode patch = json.createObjectNode();
            patch.set("form", form);
            jdbc.sql("update contact_record set entities = entities || cast(? as jsonb) where message_id = ?")
                    .params(patch.toString(), contact.messageId()).update();
        }
        OrderFields fields = OrderFields.of(content.declaredFields(), form.path("fields"), rules.minConfidence());
        String email = content.senderEmail();
        String phone = content.senderPhone();
        String fax = content.identities().stream().filter(i -> BuiltInIdentityKinds.FAX.equals(i.kind()))
                .map(GivenIdentity::value).findFirst().orElse(null);
        String key = "order:" + contact.channel() + ":" + contact.messageId();
        List<String> missing = new ArrayList<>();
        for (String required : rules.requiredFields()) {
            boolean present = "contact".equals(required)
                    ? !blank(email) || !blank(phone) || !blank(fax) || fields.has("phone")
                    || !content.identities().isEmpty()
                    : fields.has(required);
            if (!present) {
                missing.add(fields.unsure().containsKey(required) ? required + " (unsure: \"" + fields.unsure().get(required) + "\")" : required);
            }
        }
        if (!missing.isEmpty()) {
            review.flag(contact.ticketId(), "order request not sent to the order system: missing " + String.join(", ", missing));
            log.info("order contact {} on {} needs staff: missing {}", contact.messageId(), contact.ticketRef(), missing);
            return new OrderRequested(key, null, missing);
        }
        if (scanned.isPresent() && scanned.get().needsReview()) {
            // The fax reader itself is unsure (poor OCR, page count mismatch): a person checks first.
            review.flag(contact.ticketId(), "order request not sent to the order system: the fax needs checking ("
                    + String.join("; ", scanned.get().form().reviewReasons()) + ")");
            return new OrderRequested(key, null, List.of("review"));
        }
        ObjectNode payload = json.createObjectNode();
        payload.put("requestId", key);
        payload.put("ticket", contact.ticketRef());
        payload.put("channel", contact.channel());
        payload.put("language", contact.language());
        ObjectNode customer = payload.putObject("customer");
        customer.put("name", content.senderName());
        customer.put("email", email);
        // A fax-only sender's number is the number they can be reached on.
        customer.put("phone", blank(phone) ? fax : phone);
        if (!blank(fax)) {
            customer.put("fax", fax);
        }
        List<String> orderNumbers = contact.entities() == null || contact.entities().orderNumbers() == null
                ? List.of() : contact.entities().orderNumbers();
        if (!orderNumbers.isEmpty()) {
            payload.put("customerReference", orderNumbers.get(0));
        }
        ObjectNode out = payload.putObject("fields");
        for (Map.Entry<String, String> f : fields.values().entrySet()) {
            out.put(rules.fieldNames().getOrDefault(f.getKey(), f.getKey()), f.getValue());
        }
        payload.put("subject", content.subject());
        String text = content.body() == null ? "" : content.body();
        payload.put("text", text.length() > 4000 ? text.substring(0, 4000) : text);
        Optional<Long> id = handoffs.record("ORDER", OrderHandoff.OPERATION, key, contact.ticketId(), contact.messageId(), payload);
        if (contact.customerId() != null && fields.has("pickupAddress")) {
            // Where the customer ships from is their address, as far as the hub knows (customer master data).
            masterData.addressRead(contact.customerId(), fields.values().get("pickupAddress"),
                    "FAX".equals(contact.channel()) ? "FAX" : "ORDER", contact.ticketRef());
        }
        id.ifPresent(h -> log.info("order request {} recorded for {} (hand-off {})", key, contact.ticketRef(), h));
        return new OrderRequested(key, id.orElse(null), List.of());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
