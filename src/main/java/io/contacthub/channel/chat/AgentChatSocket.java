package io.contacthub.channel.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /console/chat/socket[?ref=CH-…]}: the agent's side, behind the console's sign-in (the handshake is a
 * console request: session, staff roles, same origin only). Without {@code ref} it is the agents' chat page: it
 * counts the agent as there and gets the waiting list as it changes. With {@code ref} it is a ticket's chat panel:
 * {@code hello} (with the last line seen) is answered with the lines after it and whether the visitor is in the
 * chat; then {@code send} and {@code typing}.
 */
@Component
class AgentChatSocket extends TextWebSocketHandler {

    private static final Pattern REF = Pattern.compile("[A-Z]{1,8}-[0-9]{1,12}");
    private static final String REF_ATTRIBUTE = "chat.ref";

    private final ChatDesk desk;
    private final ChatRelay relay;
    private final ObjectMapper json;

    AgentChatSocket(ChatDesk desk, ChatRelay relay, ObjectMapper json) {
        this.desk = desk;
        this.relay = relay;
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        if (session.getPrincipal() == null) {
            session.close(CloseStatus.POLICY_VIOLATION);
            return;
        }
        String ref = ref(session);
        if (session.getAttributes().get(REF_ATTRIBUTE) != null && ref == null) {
            session.close(CloseStatus.BAD_DATA);
            return;
        }
        WebSocketSession out = ChatRelay.concurrent(session);
        session.getAttributes().put(ChatSocketFrames.OUT, out);
        relay.agentJoined(ref, out);
        ChatSocketFrames.send(json, session, desk.waitingFrame());
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        JsonNode frame = ChatSocketFrames.read(json, message);
        String ref = ref(session);
        if (frame == null || ref == null) {
            ChatSocketFrames.send(json, session, ChatSocketFrames.error(
                    new ChatRefused(ChatRefused.Code.INVALID, "frames are JSON objects with a type, on a ticket's socket"), null));
            return;
        }
        String clientId = ChatSocketFrames.text(frame, "clientId");
        String user = session.getPrincipal().getName();
        try {
            switch (frame.get("type").asText()) {
                case "hello" -> desk.conversationOf(ref).ifPresent(c -> {
                    try {
                        for (Map<String, Object> line : desk.linesAfter(c, frame.path("after").asLong(0), true)) {
                            ChatSocketFrames.send(json, session, line);
                        }
                        ChatSocketFrames.send(json, session,
                                Map.of("type", "customer", "conversation", c.id(), "online", desk.customerPresent(c)));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                case "send" -> ChatSocketFrames.send(json, session,
                        desk.agentSays(ref, user, clientId, ChatSocketFrames.text(frame, "text")));
                case "typing" -> desk.agentTyping(ref, user);
                default -> throw new ChatRefused(ChatRefused.Code.INVALID, "unknown frame type");
            }
        } catch (ChatRefused refused) {
            ChatSocketFrames.send(json, session, ChatSocketFrames.error(refused, clientId));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Object out = session.getAttributes().get(ChatSocketFrames.OUT);
        if (out instanceof WebSocketSession decorated) {
            relay.agentLeft(ref(session), decorated);
        }
    }

    private static String ref(WebSocketSession session) {
        Object ref = session.getAttributes().get(REF_ATTRIBUTE);
        return ref instanceof String s && REF.matcher(s).matches() ? s : null;
    }
}
