package io.contacthub.channel.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * Who is connected to which chat on this node, and the pushing of what happens to them: visitors' sockets by
 * conversation, agents' sockets by ticket, every agent socket (the chat page's too) for presence and the waiting
 * list, and the HTTP fallback's waiting polls. Memory only: what was said is in the database, and a browser that
 * reconnects (here or on another node) asks for the lines after the last one it saw, so a push that reached nobody
 * loses nothing.
 */
@Component
class ChatRelay {

    private static final Logger log = LoggerFactory.getLogger(ChatRelay.class);
    /** A slow browser gets this long and this much buffered before its socket is closed (it reconnects and catches up). */
    private static final int SEND_TIME_LIMIT_MS = 5000;
    private static final int BUFFER_LIMIT_BYTES = 256 * 1024;

    private final ObjectMapper json;
    private final ChatSettings settings;
    private final Clock clock;

    private final Map<Long, Set<WebSocketSession>> customers = new ConcurrentHashMap<>();
    private final Map<String, Set<WebSocketSession>> agentsByTicket = new ConcurrentHashMap<>();
    private final Set<WebSocketSession> agents = new CopyOnWriteArraySet<>();
    private final Map<Long, Instant> customerPolls = new ConcurrentHashMap<>();
    private final Map<String, Instant> agentPolls = new ConcurrentHashMap<>();
    private final Map<Long, Set<Runnable>> customerWaiters = new ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    ChatRelay(ObjectMapper json, ChatSettings settings) {
        this(json, settings, Clock.systemUTC());
    }

    ChatRelay(ObjectMapper json, ChatSettings settings, Clock clock) {
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /** Who can answer (presence decides, not only open sockets); asked lazily: {@link ChatAgents} uses this relay. */
    private org.springframework.beans.factory.ObjectProvider<ChatAgents> answerers;

    @org.springframework.beans.factory.annotation.Autowired
    void answeredBy(org.springframework.beans.factory.ObjectProvider<ChatAgents> answerers) {
        this.answerers = answerers;
    }

    private boolean anyoneAnswers() {
        ChatAgents agents = answerers == null ? null : answerers.getIfAvailable();
        return agents != null ? agents.anyoneAvailable() : !agentsPresent().isEmpty();
    }

    static WebSocketSession concurrent(WebSocketSession session) {
        return new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES);
    }

    // ---- visitors

    void customerJoined(long conversationId, WebSocketSession session) {
        boolean first = customers.computeIfAbsent(conversationId, k -> new CopyOnWriteArraySet<>()).isEmpty();
        customers.get(conversationId).add(session);
        if (first) {
            toAgentsOfConversation(conversationId, Map.of("type", "customer", "conversation", conversationId, "online", true));
        }
    }

    void customerLeft(long conversationId, WebSocketSession session) {
        Set<WebSocketSession> set = customers.get(conversationId);
        if (set != null && set.remove(session) && set.isEmpty()) {
            toAgentsOfConversation(conversationId, Map.of("type", "customer", "conversation", conversationId, "online", false));
        }
    }

    void customerPolled(long conversationId) {
        customerPolls.put(conversationId, clock.instant());
    }

    /** The visitor has the chat open: a socket, or a fallback poll within {@code hub.chat.customer-seen-within}. */
    boolean customerPresent(long conversationId) {
        Set<WebSocketSession> set = customers.get(conversationId);
        if (set != null && set.stream().anyMatch(WebSocketSession::isOpen)) {
            return true;
        }
        Instant polled = customerPolls.get(conversationId);
        return polled != null && polled.plus(settings.customerSeenWithin()).isAfter(clock.instant());
    }

    /** Wakes this conversation's waiting fallback polls (they read what is new themselves). */
    void awaitCustomerNews(long conversationId, Runnable wake) {
        customerWaiters.computeIfAbsent(conversationId, k -> ConcurrentHashMap.newKeySet()).add(wake);
    }

    void stopAwaiting(long conversationId, Runnable wake) {
        Set<Runnable> set = customerWaiters.get(conversationId);
        if (set != null) {
            set.remove(wake);
        }
    }

    void toCustomer(long conversationId, Object frame) {
        send(customers.getOrDefault(conversationId, Set.of()), frame);
        Set<Runnable> waiting = customerWaiters.remove(conversationId);
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }

    // ---- agents

    void agentJoined(String ticketRef, WebSocketSession session) {
        boolean before = anyoneAnswers();
        agents.add(session);
        if (ticketRef != null) {
            agentsByTicket.computeIfAbsent(ticketRef, k -> new CopyOnWriteArraySet<>()).add(session);
        }
        if (!before && anyoneAnswers()) {
            toAllCustomers(Map.of("type", "agents", "available", true));
        }
    }

    void agentLeft(String ticketRef, WebSocketSession session) {
        boolean before = anyoneAnswers();
        agents.remove(session);
        if (ticketRef != null) {
            Set<WebSocketSession> set = agentsByTicket.get(ticketRef);
            if (set != null) {
                set.remove(session);
            }
        }
        if (before && !anyoneAnswers()) {
            toAllCustomers(Map.of("type", "agents", "available", false));
        }
    }

    void agentPolled(String username) {
        agentPolls.put(username, clock.instant());
    }

    /** The staff who have the agent side of the chat open now, by user name. */
    Set<String> agentsPresent() {
        Set<String> present = new TreeSet<>();
        for (WebSocketSession s : agents) {
            if (s.isOpen() && s.getPrincipal() != null) {
                present.add(s.getPrincipal().getName());
            }
        }
        Instant since = clock.instant().minus(settings.agentSeenWithin());
        agentPolls.forEach((user, at) -> {
            if (at.isAfter(since)) {
                present.add(user);
            }
        });
        return present;
    }

    void toTicket(String ticketRef, Object frame) {
        if (ticketRef != null) {
            send(agentsByTicket.getOrDefault(ticketRef, Set.of()), frame);
        }
    }

    void toAllAgents(Object frame) {
        send(agents, frame);
    }

    private final Map<Long, String> tickets = new ConcurrentHashMap<>();

    String ticketOf(long conversationId) {
        return tickets.get(conversationId);
    }

    /** Which ticket a conversation is on, so the agents watching that ticket hear of it. */
    void onTicket(long conversationId, String ticketRef) {
        if (ticketRef != null) {
            tickets.put(conversationId, ticketRef);
        }
    }

    private void toAgentsOfConversation(long conversationId, Object frame) {
        toTicket(tickets.get(conversationId), frame);
    }

    private void toAllCustomers(Object frame) {
        List<WebSocketSession> all = new ArrayList<>();
        customers.values().forEach(all::addAll);
        send(all, frame);
    }

    private void send(Iterable<WebSocketSession> sessions, Object frame) {
        String text;
        try {
            text = json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (WebSocketSession s : sessions) {
            if (!s.isOpen()) {
                continue;
            }
            try {
                s.sendMessage(new TextMessage(text));
            } catch (IOException | RuntimeException e) {
                // The browser reconnects and asks for what it missed; nothing is lost by giving up on this socket.
                log.debug("chat socket {} could not be written to ({}); closing it", s.getId(), e.toString());
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
    }
}
