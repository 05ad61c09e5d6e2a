package io.contacthub.channel.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.intake.MessageParser;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.SenderProof;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads a stored web message back; fields the customer filled in are kept as declared fields. */
@Component
class WebMessageParser implements MessageParser {

    private final ObjectMapper json;

    WebMessageParser(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String channel() {
        return WebMessageMapper.CHANNEL;
    }

    @Override
    public ParsedContent parse(StoredMessage message) {
        WebMessageRequest request;
        SenderProof proof = SenderProof.NOTHING; // what a stranger typed into a form
        try {
            if (WebMessageMapper.MEMBER_MESSAGE_TYPE.equals(message.contentType())) {
                WebMessageMapper.MemberMessage member = json.readValue(message.raw(), WebMessageMapper.MemberMessage.class);
                request = member.message();
                proof = SenderProof.member(member.memberCustomerId());
            } else {
                request = json.readValue(message.raw(), WebMessageRequest.class);
            }
        } catch (IOException e) {
            throw new UnreadableMessageException("stored web message is not valid JSON: " + e.getMessage(), e);
        }
        // The controller validates before storing, but a stored raw is read back as it is (a replay, a
        // message stored by an older version): JSON without a message in it is unreadable, not a crash.
        if (request == null) {
            throw new UnreadableMessageException("stored web message is JSON null, not a message");
        }
        if (request.body() == null) {
            throw new UnreadableMessageException("stored web message has no body");
        }
        Map<String, String> declared = new HashMap<>();
        if (request.orderNumber() != null) {
            declared.put("orderNumber", request.orderNumber());
        }
        if (request.waybillNumber() != null) {
            declared.put("waybillNumber", request.waybillNumber());
        }
        StringBuilder body = new StringBuilder(request.body());
        if (request.fields() != null && !request.fields().isEmpty()) {
            body.append("\n");
            request.fields().forEach((name, value) -> {
                if (value != null && !value.isBlank()) {
                    declared.putIfAbsent(name, value.strip());
                    body.append("\n").append(name).append(": ").append(value.strip());
                }
            });
        }
        // Numbers the customer typed into their own fields count as if written in the text.
        if (request.orderNumber() != null) {
            body.append("\n\nOrder number: ").append(request.orderNumber());
        }
        if (request.waybillNumber() != null) {
            body.append("\n\nWaybill: ").append(request.waybillNumber());
        }
        return new ParsedContent(request.subject(), body.toString(), request.name(), request.email(), request.phone(),
                null, null, null, null, declared).withProof(proof);
    }
}
