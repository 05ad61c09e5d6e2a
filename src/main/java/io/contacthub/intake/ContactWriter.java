package io.contacthub.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.customer.CustomerDirectory;
import io.contacthub.ticket.ThreadingRequest;
import io.contacthub.ticket.TicketThreading;
import io.contacthub.understand.Understanding;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the outcome of processing in one transaction: customer, ticket, contact, files and the
 * message's final status. Either all of it is committed or none, so a crash never leaves a
 * message half-processed and a retry never makes a second contact.
 */
@Component
class ContactWriter {

    private final JdbcClient jdbc;
    private final CustomerDirectory customers;
    private final TicketThreading threading;
    private final ObjectMapper json;
    private final AfterRecordChain chain;
    private final io.contacthub.descriptor.ChannelCatalog channels;

    ContactWriter(JdbcClient jdbc, CustomerDirectory customers, TicketThreading threading, ObjectMapper json,
                  AfterRecordChain chain, io.contacthub.descriptor.ChannelCatalog channels) {
        this.chain = chain;
        this.channels = channels;
        this.jdbc = jdbc;
        this.customers = customers;
        this.threading = threading;
        this.json = json;
    }

    /** @return the outcome, or empty if another worker already settled this message */
    @Transactional
    public Optional<Outcome> write(StoredMessage message, ParsedContent content, Understanding understanding,
                                   Optional<String> ignoreReason) {
        record Row(String status, Long reservedTicketId) {
        }
        Row row = jdbc.sql("select status, reserved_ticket_id from inbound_message where id = ? for update")
                .param(message.id()).query((rs, n) -> new Row(rs.getString(1), (Long) rs.getObject(2))).single();
        if (!MessageStatus.RECEIVED.name().equals(row.status())) {
            return Optional.empty();
        }
        Long customerId = null;
        CustomerDirectory.Identified sender = null;
        TicketThreading.ThreadedTicket ticket = null;
        // Machines (bounces, auto-replies, lists) are not customers: register nobody for them.
        if (ignoreReason.isEmpty()) {
            SenderProof proof = content.proof();
            sender = customers.identify(new CustomerDirectory.Sender(content.senderEmail(), proof.email(), content.senderPhone(),
                    proof.phone(), content.senderName(), understanding.language(), proof.memberCustomerId(), content.identities()));
            java.time.Duration window = content.sameCustomerWindow() != null ? content.sameCustomerWindow()
                    : channels.find(message.channel()).map(d -> d.sameSenderWindow()).orElse(null);
            customerId = sender.customerId();
            ticket = threading.thread(new ThreadingRequest(message.channel(), customerId, sender.proven(),
                    sender.provenIdentities(), content.subject(), content.body(),
                    content.references(), understanding.entities().orderNumbers(), understanding.entities().waybillNumbers(),
                    understanding.intent().name(), understanding.urgent(), window,
                    content.relatedExternalId()), row.reservedTicketId(), message.id());
        }
        jdbc.sql("""
                        insert into contact_record (message_id, ticket_id, customer_id, channel, subject, body, language,
                                                    intent, urgency, entities, rfc_message_id, sender_proven, foreign_claims)
                        values (:message, :ticket, :customer, :channel, :subject, :body, :language, :intent, :urgency,
                                cast(:entities as jsonb), :rfcId, :proven, cast(:claims as jsonb))""")
                .param("message", message.id())
                .param("ticket", ticket == null ? null : ticket.id())
                .param("customer", customerId)
                .param("channel", message.channel())
                .param("subject", content.subject())
                .param("body", content.body())
                .param("language", understanding.language())
                .param("intent", understanding.intent().name())
                .param("urgency", understanding.urgent() ? "URGENT" : "NORMAL")
                .param("entities", toJson(understanding))
                .param("rfcId", content.rfcMessageId())
                .param("proven", sender != null && sender.proven())
                .param("claims", writeJson(sender == null ? List.of() : sender.foreignClaims()))
                .update();
        for (ExtractedFile file : content.files()) {
            jdbc.sql("""
                            insert into attachment (message_id, file_name, content_type, size, sha256, inline, content,
                                                    extracted_text, extracted_by, extraction_error)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(message.id(), file.fileName(), file.contentType(), file.content().length, file.sha256(),
                            file.inline(), file.content(), file.extractedText(), file.extractedBy(), file.extractionError())
                    .update();
        }
        var recorded = new RecordedContact(message.id(), message.channel(),
                ticket == null ? null : ticket.id(), ticket == null ? null : ticket.ref(), ticket != null && ticket.opened(),
                customerId, ignoreReason.orElse(null), understanding.language(), content,
                understanding.intent().name(), understanding.urgent(), understanding.entities(), sender != null && sender.proven(),
                false);
        chain.run(recorded); // same transaction: an outbox row or a hand-off commits with the contact
        MessageStatus finalStatus = ignoreReason.isPresent() ? MessageStatus.IGNORED : MessageStatus.PROCESSED;
        jdbc.sql("""
                update inbound_message set status = ?, reason = ?, alive_at = null, processed_at = now()
                where id = ?""").params(finalStatus.name(), ignoreReason.orElse(null), message.id()).update();
        return Optional.of(new Outcome(message.id(), finalStatus, ticket == null ? null : ticket.ref(),
                ticket != null && ticket.opened(), ignoreReason.orElse(ticket == null ? null : ticket.how())));
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(Understanding understanding) {
        return entitiesJson(json, understanding);
    }

    /** The contact's {@code entities} column: what understanding found, and how much of the text it read. */
    static String entitiesJson(ObjectMapper json, Understanding understanding) {
        try {
            var node = json.valueToTree(understanding.entities());
            var entities = (com.fasterxml.jackson.databind.node.ObjectNode) node;
            entities.put("intentReason", understanding.intentReason());
            if (understanding.truncated()) {
                // For staff: numbers and keywords past this point were not looked for.
                entities.put("scanTruncated", true);
                entities.put("scannedChars", understanding.scannedChars());
                entities.put("textChars", understanding.textChars());
            }
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
