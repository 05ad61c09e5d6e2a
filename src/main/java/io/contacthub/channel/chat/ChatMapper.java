package io.contacthub.channel.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.intake.InboundMessage;
import org.springframework.stereotype.Component;

/**
 * A visitor's chat line to an InboundMessage. The idempotency key is the conversation's public id and the id the
 * browser gave the line ({@code chat:<conversation>:<messageId>}): a line resent after a dropped connection is the
 * same message, never a second one.
 */
@Component
class ChatMapper {

    static final String CHANNEL = "CHAT";
    static final String CONTENT_TYPE = "application/vnd.contacthub.chat-line+json";

    private final ObjectMapper json;

    ChatMapper(ObjectMapper json) {
        this.json = json;
    }

    static String externalId(String conversation, String messageId) {
        return "chat:" + conversation + ":" + messageId;
    }

    InboundMessage toInbound(ChatLine line, String clientAddress) {
        try {
            String sender = line.email() != null ? line.email() : line.phone();
            return new InboundMessage(CHANNEL, externalId(line.conversation(), line.messageId()),
                    clientAddress == null ? "chat" : "chat:" + clientAddress, sender, CONTENT_TYPE, json.writeValueAsBytes(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
