package io.contacthub.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.customer.GivenIdentity;
import io.contacthub.customer.Provenance;
import io.contacthub.understand.UnderstandStage;
import io.contacthub.understand.Understanding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Work done after a contact was recorded added text to it (a fax OCR'd once Tesseract appeared, a
 * voicemail transcribed once a model was set): the contact is understood again from its text now,
 * its intent, urgency and entities are updated (what else its entities hold, such as a fax's form,
 * stays; so does its language, which a caller chose in the voice menu), a ticket still GENERAL takes the new intent, and the after-record chain runs again as a
 * rerun, so the contact gets its order hand-off, complaint case or tracking lookup like one that came
 * in readable. Runs in the caller's transaction, after the caller stored the new text.
 */
@Component
public class LateExtraction {

    private static final Logger log = LoggerFactory.getLogger(LateExtraction.class);

    private final JdbcClient jdbc;
    private final UnderstandStage understand;
    private final AfterRecordChain chain;
    private final ObjectMapper json;

    LateExtraction(JdbcClient jdbc, UnderstandStage understand, AfterRecordChain chain, ObjectMapper json) {
        this.jdbc = jdbc;
        this.understand = understand;
        this.chain = chain;
        this.json = json;
    }

    private record Row(String channel, Long ticketId, String ticketRef, Long customerId, String subject, String body,
                       String ignoreReason, boolean senderProven, String customerName, String language) {
    }

    /**
     * @param declaredFields fields the late work read with confidence (a fax form's order number), as a parser declares them
     * @param extensions     what the late work hands the steps (a fax's pages), as a parser's content would
     * @return what the steps passed on, or empty when the message has no contact (yet) to redo
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<EarlierResults> textAdded(long messageId, Map<String, String> declaredFields,
                                              Map<Class<?>, Object> extensions) {
        Optional<Row> found = jdbc.sql("""
                        select cr.channel, cr.ticket_id, t.ref, cr.customer_id, cr.subject, cr.body,
                               case when m.status = 'IGNORED' then m.reason end, cr.sender_proven, c.display_name,
                               cr.language
                        from contact_record cr join inbound_message m on m.id = cr.message_id
                        left join ticket t on t.id = cr.ticket_id left join customer c on c.id = cr.customer_id
                        where cr.message_id = ? for update of cr""")
                .param(messageId)
                .query((rs, n) -> new Row(rs.getString(1), (Long) rs.getObject(2, Long.class), rs.getString(3),
                        (Long) rs.getObject(4, Long.class), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getBoolean(8), rs.getString(9),
                        rs.getString(10)))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Row row = found.get();
        List<String> fileTexts = jdbc.sql("select extracted_text from attachment where message_id = ? and extracted_text is not null"
                + " order by id").param(messageId).query(String.class).list();
        StringBuilder text = new StringBuilder();
        for (String s : new String[] {row.subject(), row.body()}) {
            if (s != null) {
                text.append(s).append('\n');
            }
        }
        // The body already holds the new text (callers append it); files' text that is not in it yet is read too.
        for (String t : fileTexts) {
            if (row.body() == null || !row.body().contains(t)) {
                text.append(t).append('\n');
            }
        }
        Understanding understanding = understand.understand(text.toString(), declaredFields);
        jdbc.sql("""
                        update contact_record set intent = ?, urgency = ?, language = coalesce(language, ?),
                               entities = coalesce(entities, '{}'::jsonb) || cast(? as jsonb)
                        where message_id = ?""")
                .params(understanding.intent().name(), understanding.urgent() ? "URGENT" : "NORMAL", understanding.language(),
                        ContactWriter.entitiesJson(json, understanding), messageId)
                .update();
        if (row.ticketId() != null) {
            jdbc.sql("""
                            update ticket set intent = case when intent = 'GENERAL' then ? else intent end,
                                              priority = case when ? then 'URGENT' else priority end
                            where id = ?""")
                    .params(understanding.intent().name(), understanding.urgent(), row.ticketId()).update();
        }
        ParsedContent content = contentOf(row, declaredFields, extensions);
        RecordedContact again = new RecordedContact(messageId, row.channel(), row.ticketId(), row.ticketRef(), false,
                row.customerId(), row.ignoreReason(), row.language() != null ? row.language() : understanding.language(), content, understanding.intent().name(),
                understanding.urgent(), understanding.entities(), row.senderProven(), true);
        log.info("message {} ({}) understood again after late text: {} on {}", messageId, row.channel(),
                understanding.intent(), row.ticketRef() == null ? "no ticket" : row.ticketRef());
        return Optional.of(chain.run(again));
    }

    /** The contact as the steps need it: its text, and its customer's identities (the message is not parsed again). */
    private ParsedContent contentOf(Row row, Map<String, String> declaredFields, Map<Class<?>, Object> extensions) {
        String email = null;
        String phone = null;
        List<GivenIdentity> others = new ArrayList<>();
        if (row.customerId() != null) {
            record Id(String kind, String value, String provenance) {
            }
            List<Id> ids = jdbc.sql("select kind, value, provenance from customer_identity where customer_id = ? order by id")
                    .param(row.customerId()).query((rs, n) -> new Id(rs.getString(1), rs.getString(2), rs.getString(3))).list();
            for (Id id : ids) {
                if ("EMAIL".equals(id.kind()) && email == null) {
                    email = id.value();
                } else if ("PHONE".equals(id.kind()) && phone == null) {
                    phone = id.value();
                } else if (!"EMAIL".equals(id.kind()) && !"PHONE".equals(id.kind())) {
                    others.add(new GivenIdentity(id.kind(), id.value(), Provenance.valueOf(id.provenance())));
                }
            }
        }
        return new ParsedContent(row.subject(), row.body(), row.customerName(), email, phone, null, List.of(), List.of(), null,
                declaredFields, null, null, null, SenderProof.NOTHING, others, extensions);
    }
}
