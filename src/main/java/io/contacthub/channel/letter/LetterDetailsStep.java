package io.contacthub.channel.letter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contacthub.customer.CustomerDirectory;
import io.contacthub.intake.AfterRecordStep;
import io.contacthub.intake.EarlierResults;
import io.contacthub.intake.RecordedContact;
import io.contacthub.understand.forms.ReadForm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * After-record step {@code letter-details}, in the transaction that records a logged letter:
 * <ul>
 *   <li>puts what staff said about the contact into its entities ({@code letter}: kind, logged by, and when
 *       they checked who it is, whom they vouched for, by which identity and how), where the ticket page and
 *       {@code /api/tickets/{ref}} show it;</li>
 *   <li>records the staff member as the identity's verifier ({@code customer_identity.verified_by}) when their
 *       check is what made it VERIFIED (it was only typed in before); an identity the channel proved or someone
 *       verified earlier keeps its provenance and verifier;</li>
 *   <li>passes the form read from the scan to the order request ({@link ReadForm}, with its OCR confidences), and
 *       stores it in the entities, when the scan is a recognised form or the contact is an order.</li>
 * </ul>
 * Keyed by the message (entities are overwritten, the verifier set once), so a rerun after late OCR adds only
 * what is new.
 */
@Component
class LetterDetailsStep implements AfterRecordStep {

    private static final Logger log = LoggerFactory.getLogger(LetterDetailsStep.class);

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final CustomerDirectory customers;

    LetterDetailsStep(JdbcClient jdbc, ObjectMapper json, CustomerDirectory customers) {
        this.jdbc = jdbc;
        this.json = json;
        this.customers = customers;
    }

    @Override
    public String name() {
        return "letter-details";
    }

    @Override
    public ReadForm apply(RecordedContact contact, EarlierResults earlier) {
        LetterDetails details = contact.content().extension(LetterDetails.class).orElse(null);
        if (details == null) {
            return null;
        }
        ObjectNode patch = json.createObjectNode();
        ObjectNode letter = patch.putObject("letter");
        letter.put("kind", details.kind().name());
        letter.put("loggedBy", details.loggedBy());
        LetterEnvelope.Vouch vouch = details.vouch();
        if (vouch != null) {
            letter.put("vouchedBy", vouch.by());
            letter.put("checked", vouch.checked());
            letter.put("identity", vouch.kind() + ":" + vouch.value());
            letter.put("customer", vouch.customerId());
            stampVerifier(contact, vouch);
        }
        ReadForm form = details.form();
        boolean passForm = form != null && (details.recognised() || "ORDER".equals(contact.intent()));
        if (passForm) {
            patch.set("form", json.valueToTree(form.form()));
            patch.put("needsReview", form.needsReview());
        }
        jdbc.sql("update contact_record set entities = coalesce(entities, '{}'::jsonb) || cast(? as jsonb) where message_id = ?")
                .params(patch.toString(), contact.messageId()).update();
        return passForm ? form : null;
    }

    /** Staff's check made the identity VERIFIED (identify upgraded a typed-in one): say who vouched, once. */
    private void stampVerifier(RecordedContact contact, LetterEnvelope.Vouch vouch) {
        if (contact.customerId() == null || contact.customerId() != vouch.customerId() || vouch.by() == null) {
            return; // the identity is someone else's by now (a merge): nothing to vouch for on this record
        }
        boolean unstamped = jdbc.sql("""
                        select exists (select 1 from customer_identity where customer_id = ? and kind = ? and value = ?
                                       and provenance = 'VERIFIED' and verified_by is null)""")
                .params(vouch.customerId(), vouch.kind(), vouch.value()).query(Boolean.class).single();
        if (unstamped && customers.markVerified(vouch.customerId(), vouch.kind(), vouch.value(), vouch.by())) {
            log.info("message {}: {} {} of customer {} verified by {} ({})", contact.messageId(), vouch.kind(), vouch.value(),
                    vouch.customerId(), vouch.by(), vouch.checked());
        }
    }
}
