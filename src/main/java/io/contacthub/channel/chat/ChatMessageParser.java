package io.contacthub.channel.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.intake.MessageParser;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.SenderProof;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import java.io.IOException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads a stored chat line back. The name, address and number a visitor typed are claims (like the web form's);
 * a member's line is theirs because the portal session proved it. Every line after the first names the first as
 * related, so the conversation is one ticket.
 */
@Component
class ChatMessageParser implements MessageParser {

    /** The ticket's subject: the first line's start. */
    private static final int SUBJECT_CHARS = 60;

    private final ObjectMapper json;

    ChatMessageParser(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String channel() {
        return ChatMapper.CHANNEL;
    }

    @Override
    public ParsedContent parse(StoredMessage message) {
        ChatLine line;
        try {
            line = json.readValue(message.raw(), ChatLine.class);
        } catch (IOException e) {
            throw new UnreadableMessageException("stored chat line is not valid JSON: " + e.getMessage(), e);
        }
        if (line == null || line.text() == null || line.text().isBlank() || line.conversation() == null) {
            throw new UnreadableMessageException("stored chat line has no text or no conversation");
        }
        String text = line.text().strip();
        String subject = line.firstExternalId() == null ? subject(text) : null;
        SenderProof proof = line.memberCustomerId() != null ? SenderProof.member(line.memberCustomerId()) : SenderProof.NOTHING;
        return new ParsedContent(subject, text, line.name(), line.email(), line.phone(), null, null, null, null,
                Map.of(), null, null, line.firstExternalId(), proof);
    }

    static String subject(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        int end = oneLine.offsetByCodePoints(0, Math.min(SUBJECT_CHARS, oneLine.codePointCount(0, oneLine.length())));
        return end < oneLine.length() ? oneLine.substring(0, end) + "…" : oneLine;
    }
}
