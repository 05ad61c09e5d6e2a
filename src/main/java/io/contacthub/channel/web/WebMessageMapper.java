package io.contacthub.channel.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.intake.InboundMessage;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A validated web message to an InboundMessage; the raw original is the request as JSON. */
@Component
public class WebMessageMapper {

    static final String CHANNEL = "WEB";

    private final ObjectMapper json;

    WebMessageMapper(ObjectMapper json) {
        this.json = json;
    }

    /** @param idempotencyKey the client's Idempotency-Key header, or null for a fresh message */
    public InboundMessage toInbound(WebMessageRequest request, String idempotencyKey, String clientAddress) {
        try {
            String externalId = idempotencyKey == null || idempotencyKey.isBlank()
                    ? "web:" + UUID.randomUUID()
                    : "key:" + idempotencyKey.trim();
            String sender = request.email() != null && !request.email().isBlank() ? request.email() : request.phone();
            return new InboundMessage(CHANNEL, externalId, clientAddress, sender, "application/json",
                    json.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
