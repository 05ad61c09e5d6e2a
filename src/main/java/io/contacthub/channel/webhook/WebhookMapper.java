package io.contacthub.channel.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.descriptor.IdentityKind;
import io.contacthub.intake.InboundMessage;
import org.springframework.stereotype.Component;

/**
 * A verified webhook post to an InboundMessage: keyed {@code <source>:<the payload's id>}, sent by the sender id the
 * source's field mapping points at, the raw original being the body exactly as posted. Only what the key and the
 * sender need is read here; the rest (text, attachments) is read by {@link WebhookMessageParser} on the processing
 * queue, from the stored original.
 */
@Component
class WebhookMapper {

    static final String CHANNEL = "WEBHOOK";
    static final String CONTENT_TYPE = "application/json";
    static final int MAX_ID_CHARS = 200;

    private final ObjectMapper json;

    WebhookMapper(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param kind the identity kind of the source's senders, to tell a usable sender id
     * @throws IllegalArgumentException when the body is not a message of this source (not a JSON object, no id, no
     *                                  usable sender id): the caller answers 400 and stores nothing
     */
    InboundMessage toInbound(String sourceName, WebhookSettings.Source source, IdentityKind kind, byte[] raw) {
        JsonNode root = read(json, raw);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        WebhookSettings.Fields fields = source.fields();
        String id = scalar(root, fields.id());
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("no message id at " + fields.id() + " (a string or an integer)");
        }
        id = id.strip();
        if (id.length() > MAX_ID_CHARS || id.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the message id at " + fields.id() + " must be at most " + MAX_ID_CHARS
                    + " characters without control characters");
        }
        String senderId = scalar(root, fields.senderId());
        String sender = senderId == null ? null : kind.normalize(senderId).orElse(null);
        if (sender == null) {
            throw new IllegalArgumentException("no usable " + kind.label(false) + " (" + kind.name() + ") at " + fields.senderId());
        }
        return new InboundMessage(CHANNEL, sourceName + ":" + id, "webhook:" + sourceName, sender, CONTENT_TYPE, raw);
    }

    /** The JSON in {@code raw}, or null when it is not JSON. */
    static JsonNode read(ObjectMapper json, byte[] raw) {
        try {
            return json.readTree(raw);
        } catch (java.io.IOException e) { // Jackson's parse errors included
            return null;
        }
    }

    /** The string or integer at {@code pointer} as text; null when it is missing, null, or anything else. */
    static String scalar(JsonNode root, String pointer) {
        JsonNode node = root.at(pointer);
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        return null;
    }
}
