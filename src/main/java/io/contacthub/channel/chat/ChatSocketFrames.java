package io.contacthub.channel.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.HandshakeInterceptor;

/** What both chat sockets share: reading a frame, answering one, and the client address of the handshake. */
final class ChatSocketFrames {

    static final String OUT = "chat.out";
    static final String CLIENT = "chat.client";

    private ChatSocketFrames() {
    }

    /** The frame as JSON, or null when it is not a JSON object with a {@code type}. */
    static JsonNode read(ObjectMapper json, TextMessage message) {
        try {
            JsonNode node = json.readTree(message.getPayload());
            return node != null && node.isObject() && node.path("type").isTextual() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    static void send(ObjectMapper json, WebSocketSession session, Object frame) throws IOException {
        WebSocketSession out = (WebSocketSession) session.getAttributes().getOrDefault(OUT, session);
        if (out.isOpen()) {
            out.sendMessage(new TextMessage(json.writeValueAsString(frame)));
        }
    }

    static Map<String, Object> error(ChatRefused refused, String clientId) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("code", refused.code().name());
        frame.put("message", refused.getMessage());
        if (clientId != null) {
            frame.put("clientId", clientId);
        }
        if (refused.retryAfterSeconds() > 0) {
            frame.put("retryAfter", refused.retryAfterSeconds());
        }
        return frame;
    }

    static String text(JsonNode frame, String field) {
        JsonNode v = frame.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** Keeps the handshake's client address (after the hub's trusted-proxy handling) for the rate limits and logs. */
    static final class ClientAddress implements HandshakeInterceptor {
        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                       Map<String, Object> attributes) {
            if (request instanceof ServletServerHttpRequest servlet) {
                attributes.put(CLIENT, servlet.getServletRequest().getRemoteAddr());
                String ref = servlet.getServletRequest().getParameter("ref");
                if (ref != null) {
                    attributes.put("chat.ref", ref);
                }
            }
            return true;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Exception exception) {
        }
    }
}
