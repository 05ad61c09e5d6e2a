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
    /** Stored type of a message a signed-in member sent; only the portal writes it, never a client. */
    static final String MEMBER_MESSAGE_TYPE = "application/vnd.contacthub.member-message+json";

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

    /**
     * A message from a signed-in member: the session proved who wrote it, so the stored envelope
     * names the member's customer. Clients of {@code POST /api/messages} cannot produce this type.
     */
    public InboundMessage toMemberInbound(WebMessageRequest request, String idempotencyKey, String clientAddress,
                                          long memberCustomerId) {
        InboundMessage plain = toInbound(request, idempotencyKey, clientAddress);
        try {
            return new InboundMessage(plain.channel(), plain.externalId(), plain.source(), plain.sender(), MEMBER_MESSAGE_TYPE,
                    json.writeValueAsBytes(new MemberMessage(memberCustomerId, request)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    record MemberMessage(long memberCustomerId, WebMessageRequest message) {
    }
}
