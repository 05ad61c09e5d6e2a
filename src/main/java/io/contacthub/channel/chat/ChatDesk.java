package io.contacthub.channel.chat;

import io.contacthub.channel.chat.ChatConversations.Conversation;
import io.contacthub.channel.chat.ChatConversations.Line;
import io.contacthub.customer.MemberAccounts;
import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.MessageQueries;
import io.contacthub.notify.StaffReplies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the chat does, whatever carries it (socket or HTTP fallback): open a conversation, take a visitor's line
 * through the receive stage onto the conversation's ticket, take an agent's line, pass typing signals on, and say
 * whether anyone can answer.
 * <p>
 * A visitor line is committed as an inbound message keyed {@code chat:<conversation>:<browser's id>} before the
 * browser is told "received"; a resend of the same id (the browser resends what was not acknowledged after a
 * reconnect) finds the stored line and changes nothing. The lines of one conversation are taken one at a time (on
 * this node), so the first line's ticket exists before the second threads to it.
 */
@Component
class ChatDesk {

    private static final Logger log = LoggerFactory.getLogger(ChatDesk.class);
    static final String CUSTOMER = "CUSTOMER";
    static final String AGENT = "AGENT";
    private static final int HISTORY_LIMIT = 500;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s.]{1,63}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{5,40}");

    private final ChatConversations store;
    private final ChatRelay relay;
    private final ChatLimits limits;
    private final ChatAgents agents;
    private final ChatMapper mapper;
    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final MessageQueries messages;
    private final StaffReplies replies;
    private final MemberAccounts members;
    private final Object[] stripes = new Object[64];

    ChatDesk(ChatConversations store, ChatRelay relay, ChatLimits limits, ChatAgents agents, ChatMapper mapper,
             ProducerTemplate producer, CamelContext camel, MessageQueries messages, StaffReplies replies,
             MemberAccounts members) {
        this.store = store;
        this.relay = relay;
        this.limits = limits;
        this.agents = agents;
        this.mapper = mapper;
        this.producer = producer;
        this.camel = camel;
        this.messages = messages;
        this.replies = replies;
        this.members = members;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** What the visitor typed to open a chat; members type nothing (their session says who they are). */
    record StartRequest(String name, String email, String phone, String language) {
    }

    record Started(String token, Map<String, Object> state) {
    }

    /**
     * Opens a conversation. A member ({@code memberLogin} from the portal session) is known; anyone else gives a
     * name and an e-mail address or phone number, kept as claims.
     */
    Started start(StartRequest request, String memberLogin, String openedFrom, String clientAddress) {
        limits.takeConversation(clientAddress);
        String language = "en".equals(request.language()) ? "en" : "zh";
        String name = clean(request.name(), 100);
        String email = clean(request.email(), 254);
        String phone = clean(request.phone(), 40);
        Long member = null;
        if (memberLogin != null) {
            MemberAccounts.Account account = members.find(memberLogin)
                    .orElseThrow(() -> new ChatRefused(ChatRefused.Code.UNAUTHORIZED, "unknown member"));
            member = account.customerId();
            name = name == null ? account.login() : name;
            email = members.emailOf(member).orElse(null);
            phone = email == null ? members.phoneOf(member).orElse(null) : null;
        } else {
            if (name == null) {
                throw new ChatRefused(ChatRefused.Code.INVALID, "give your name");
            }
            if (email != null && !EMAIL.matcher(email).matches()) {
                throw new ChatRefused(ChatRefused.Code.INVALID, "the e-mail address is not valid");
            }
            if (phone != null && !PHONE.matcher(phone).matches()) {
                throw new ChatRefused(ChatRefused.Code.INVALID, "the phone number is not valid");
            }
            if (email == null && phone == null) {
                throw new ChatRefused(ChatRefused.Code.INVALID, "give an e-mail address or a phone number so we can answer you");
            }
        }
        ChatConversations.Opened opened = store.open(name, email == null ? null : email.toLowerCase(Locale.ROOT), phone, member,
                language, openedFrom, clientAddress);
        log.info("chat conversation {} opened from {} ({})", opened.conversation().publicId(), openedFrom,
                member != null ? "member customer " + member : "general customer");
        return new Started(opened.token(), state(opened.conversation()));
    }

    Optional<Conversation> byToken(String token) {
        return store.byToken(token);
    }

    /** What the visitor's chat box shows besides the lines: whether anyone can answer, and how we answer otherwise. */
    Map<String, Object> state(Conversation c) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("type", "state");
        state.put("agentsAvailable", agents.anyoneAvailable());
        state.put("answerBy", c.email() != null ? "EMAIL" : c.phone() != null ? "PHONE" : "EMAIL");
        state.put("address", c.email() != null ? c.email() : c.phone());
        state.put("name", c.name());
        state.put("ticket", c.ticketRef());
        state.put("maxChars", limits.maxChars());
        return state;
    }

    /** The visitor's line: on the ticket (through the receive stage) once, however often it is sent. */
    Map<String, Object> customerSays(Conversation conversation, String clientMessageId, String text, String clientAddress) {
        String body = limits.checkLine(clientMessageId, text);
        synchronized (stripes[(int) (conversation.id() & (stripes.length - 1))]) {
            Optional<Line> known = store.line(conversation.id(), CUSTOMER, clientMessageId);
            if (known.isPresent()) {
                return ack(known.get(), true);
            }
            limits.takeLine(conversation.id());
            if (!camel.getStatus().isStarted()) {
                throw new ChatRefused(ChatRefused.Code.RETRY, "the hub is starting or stopping; the message is sent again shortly", 5);
            }
            Conversation c = store.find(conversation.id()).orElseThrow();
            ChatLine line = new ChatLine(c.publicId(), clientMessageId, c.firstExternalId(), c.name(), c.email(), c.phone(),
                    c.memberCustomerId(), c.language(), body);
            InboundMessage inbound = mapper.toInbound(line, clientAddress);
            producer.sendBody("direct:chat-in", inbound); // returns once committed (and processed: hubProcessInline)
            MessageQueries.MessageView stored = messages.findByExternalId(inbound.channel(), inbound.externalId()).orElseThrow();
            if (c.ticketRef() == null && stored.ref() != null) {
                store.setTicket(c.id(), inbound.externalId(), stored.ref());
            }
            ChatConversations.Stored added = store.addLine(c.id(), CUSTOMER, clientMessageId, null, body, stored.id());
            store.customerWrote(c.id());
            String ref = c.ticketRef() != null ? c.ticketRef() : stored.ref();
            relay.onTicket(c.id(), ref);
            log.info("chat {} line {}: message {} ({}) on {}", c.publicId(), added.line().id(), stored.id(), stored.status(), ref);
            if (added.created()) {
                relay.toCustomer(c.id(), lineFrame(c, added.line(), false));
                relay.toTicket(ref, lineFrame(c, added.line(), true));
                relay.toAllAgents(waitingFrame());
            }
            Map<String, Object> ack = ack(added.line(), !added.created());
            ack.put("ticket", ref);
            ack.put("agentsAvailable", agents.anyoneAvailable());
            return ack;
        }
    }

    /** Lines after the one the browser saw last: what a reconnecting visitor or agent missed. */
    List<Map<String, Object>> linesAfter(Conversation c, long afterId, boolean forAgent) {
        List<Map<String, Object>> frames = new ArrayList<>();
        for (Line l : store.linesAfter(c.id(), Math.max(0, afterId), HISTORY_LIMIT)) {
            frames.add(lineFrame(c, l, forAgent));
        }
        return frames;
    }

    void customerTyping(Conversation c) {
        String ref = relay.ticketOf(c.id()) != null ? relay.ticketOf(c.id()) : c.ticketRef();
        if (ref != null && limits.typingAllowed("c" + c.id())) {
            relay.toTicket(ref, Map.of("type", "typing", "from", "customer", "conversation", c.id()));
        }
    }

    void customerDisconnected(Conversation c, org.springframework.web.socket.WebSocketSession session) {
        relay.customerLeft(c.id(), session);
    }

    /** A visitor's socket: the agents on the ticket see them come and go. */
    void customerConnected(Conversation c, org.springframework.web.socket.WebSocketSession session) {
        relay.onTicket(c.id(), c.ticketRef());
        relay.customerJoined(c.id(), session);
    }

    void end(Conversation c) {
        store.end(c.id());
        relay.toTicket(c.ticketRef(), Map.of("type", "ended", "conversation", c.id()));
        relay.toAllAgents(waitingFrame());
    }

    // ---- the agent's side

    /** The conversation an agent on this ticket answers: the newest. */
    Optional<Conversation> conversationOf(String ticketRef) {
        return store.forTicket(ticketRef).stream().findFirst();
    }

    /**
     * The agent's line: shown to the visitor at once when they are in the chat; when they are not, it also goes out
     * as a staff reply on the ticket (e-mail, else text, by the customer's channel rules), so it is not lost on a
     * closed browser.
     */
    Map<String, Object> agentSays(String ticketRef, String username, String clientMessageId, String text) {
        String body = limits.checkLine(clientMessageId, text);
        Conversation c = conversationOf(ticketRef)
                .orElseThrow(() -> new ChatRefused(ChatRefused.Code.NOT_FOUND, "ticket " + ticketRef + " has no chat"));
        synchronized (stripes[(int) (c.id() & (stripes.length - 1))]) {
            ChatConversations.Stored added = store.addLine(c.id(), AGENT, clientMessageId, username, body, null);
            Map<String, Object> ack = ack(added.line(), !added.created());
            if (!added.created()) {
                return ack;
            }
            store.agentAnswered(c.id());
            relay.onTicket(c.id(), ticketRef);
            if (relay.customerPresent(c.id())) {
                ack.put("delivered", "CHAT");
            } else {
                try {
                    StaffReplies.Queued queued = replies.reply(ticketRef, body, null);
                    store.noteNotification(added.line().id(), queued.notificationId());
                    ack.put("delivered", queued.channel());
                    ack.put("recipient", queued.recipient());
                    log.info("chat {} line {}: the visitor has left; sent as notification {} on {}", c.publicId(),
                            added.line().id(), queued.notificationId(), queued.channel());
                } catch (StaffReplies.ReplyRejected e) {
                    ack.put("delivered", "NONE");
                    ack.put("reason", e.getMessage());
                }
            }
            Line line = store.line(c.id(), AGENT, clientMessageId).orElseThrow();
            relay.toCustomer(c.id(), lineFrame(c, line, false));
            relay.toTicket(ticketRef, lineFrame(c, line, true));
            relay.toAllAgents(waitingFrame());
            return ack;
        }
    }

    void agentTyping(String ticketRef, String username) {
        conversationOf(ticketRef).ifPresent(c -> {
            if (limits.typingAllowed("a" + c.id())) {
                relay.toCustomer(c.id(), Map.of("type", "typing", "from", "agent"));
            }
        });
    }

    boolean customerPresent(Conversation c) {
        return relay.customerPresent(c.id());
    }

    /** For the agents' chat page: the conversations waiting for an answer. */
    Map<String, Object> waitingFrame() {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "waiting");
        frame.put("chats", store.waiting(100).stream().filter(c -> c.ticketRef() != null).map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ticket", c.ticketRef());
            m.put("name", c.name());
            m.put("since", c.waitingSince().toString());
            return m;
        }).toList());
        return frame;
    }

    private Map<String, Object> lineFrame(Conversation c, Line l, boolean forAgent) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "line");
        frame.put("id", l.id());
        frame.put("author", l.fromCustomer() ? "customer" : "agent");
        frame.put("name", l.fromCustomer() ? c.name() : l.staffName());
        frame.put("text", l.body());
        frame.put("clientId", l.clientMessageId());
        frame.put("at", l.createdAt().toString());
        if (forAgent) {
            frame.put("conversation", c.id());
            frame.put("emailed", l.notificationId() != null);
        }
        return frame;
    }

    private static Map<String, Object> ack(Line line, boolean duplicate) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("type", "ack");
        ack.put("clientId", line.clientMessageId());
        ack.put("id", line.id());
        ack.put("duplicate", duplicate);
        return ack;
    }

    private static String clean(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max || v.codePoints().anyMatch(Character::isISOControl)) {
            throw new ChatRefused(ChatRefused.Code.INVALID, "a field is too long or holds control characters");
        }
        return v;
    }
}
