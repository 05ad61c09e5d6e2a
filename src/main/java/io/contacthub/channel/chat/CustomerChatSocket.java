package io.contacthub.channel.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.channel.chat.ChatConversations.Conversation;
import java.io.IOException;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /chat/socket}: the visitor's side. The browser proves its conversation with the token in its first frame
 * ({@code hello}, never in the URL, which lands in access logs) and names the last line it saw; it gets the state
 * (is anyone there?) and every line after that one. Then {@code send} (a line with the browser's own id, answered
 * {@code ack} once committed), {@code typing} and {@code end}.
 */
@Component
class CustomerChatSocket extends TextWebSocketHandler {

    private static final String CONVERSATION = "chat.conversation";

    private final ChatDesk desk;
    private final ObjectMapper json;

    CustomerChatSocket(ChatDesk desk, ObjectMapper json) {
        this.desk = desk;
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.getAttributes().put(ChatSocketFrames.OUT, ChatRelay.concurrent(session));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        JsonNode frame = ChatSocketFrames.read(json, message);
        if (frame == null) {
            ChatSocketFrames.send(json, session, ChatSocketFrames.error(
                    new ChatRefused(ChatRefused.Code.INVALID, "frames are JSON objects with a type"), null));
            return;
        }
        String type = frame.get("type").asText();
        Conversation conversation = (Conversation) session.getAttributes().get(CONVERSATION);
        if ("hello".equals(type)) {
            hello(session, frame);
            return;
        }
        if (conversation == null) {
            ChatSocketFrames.send(json, session, ChatSocketFrames.error(
                    new ChatRefused(ChatRefused.Code.UNAUTHORIZED, "say hello with the conversation's token first"), null));
            return;
        }
        String clientId = ChatSocketFrames.text(frame, "clientId");
        try {
            switch (type) {
                case "send" -> ChatSocketFrames.send(json, session, desk.customerSays(conversation, clientId,
                        ChatSocketFrames.text(frame, "text"), (String) session.getAttributes().get(ChatSocketFrames.CLIENT)));
                case "typing" -> desk.customerTyping(conversation);
                case "end" -> desk.end(conversation);
                default -> throw new ChatRefused(ChatRefused.Code.INVALID, "unknown frame type");
            }
        } catch (ChatRefused refused) {
            ChatSocketFrames.send(json, session, ChatSocketFrames.error(refused, clientId));
        }
    }

    private void hello(WebSocketSession session, JsonNode frame) throws IOException {
        Conversation conversation = desk.byToken(ChatSocketFrames.text(frame, "token")).orElse(null);
        if (conversation == null) {
            ChatSocketFrames.send(json, session, ChatSocketFrames.error(
                    new ChatRefused(ChatRefused.Code.UNAUTHORIZED, "unknown conversation"), null));
            session.close(CloseStatus.POLICY_VIOLATION);
            return;
        }
        session.getAttributes().put(CONVERSATION, conversation);
        desk.customerConnected(conversation, (WebSocketSession) session.getAttributes().get(ChatSocketFrames.OUT));
        ChatSocketFrames.send(json, session, desk.state(conversation));
        for (Map<String, Object> line : desk.linesAfter(conversation, frame.path("after").asLong(0), false)) {
            ChatSocketFrames.send(json, session, line);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Conversation conversation = (Conversation) session.getAttributes().get(CONVERSATION);
        if (conversation != null) {
            desk.customerDisconnected(conversation, (WebSocketSession) session.getAttributes().get(ChatSocketFrames.OUT));
        }
    }
}
