package io.contacthub.channel.chat;

import io.contacthub.channel.chat.ChatConversations.Conversation;
import io.contacthub.channel.chat.ChatConversations.Line;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the ticket page's chat panel shows (bean {@code chatPanel}, read by templates/chat/ticket-panel.html): the
 * ticket's chat transcripts, both sides, oldest conversation first; empty when the ticket has no chat.
 */
@Component("chatPanel")
public class ChatPanel {

    public record Transcript(long conversationId, String customerName, String contact, boolean ended, List<Said> lines) {
    }

    /** One line: who said it (the visitor's name, or the agent's), what, when, and whether it also went out by e-mail. */
    public record Said(long id, boolean fromCustomer, String who, String text, java.time.OffsetDateTime at, boolean emailed) {
    }

    public record View(List<Transcript> transcripts, long lastLineId, boolean customerPresent, int maxChars) {
        public boolean hasChat() {
            return !transcripts.isEmpty();
        }
    }

    private final ChatConversations store;
    private final ChatRelay relay;
    private final ChatLimits limits;

    ChatPanel(ChatConversations store, ChatRelay relay, ChatLimits limits) {
        this.store = store;
        this.relay = relay;
        this.limits = limits;
    }

    /** The longest line the chat takes ({@code hub.chat.max-message-chars}). */
    public int maxChars() {
        return limits.maxChars();
    }

    public View of(String ticketRef) {
        List<Conversation> conversations = new ArrayList<>(store.forTicket(ticketRef));
        java.util.Collections.reverse(conversations);
        List<Transcript> transcripts = new ArrayList<>();
        long last = 0;
        boolean present = false;
        for (Conversation c : conversations) {
            List<Line> lines = store.linesAfter(c.id(), 0, 2000);
            transcripts.add(new Transcript(c.id(), c.name(), c.email() != null ? c.email() : c.phone(), c.ended(),
                    lines.stream().map(l -> new Said(l.id(), l.fromCustomer(), l.fromCustomer() ? c.name() : l.staffName(), l.body(),
                            l.createdAt(), l.notificationId() != null)).toList()));
            present = relay.customerPresent(c.id()); // the newest conversation's, which answers go to
            if (!lines.isEmpty()) {
                last = lines.get(lines.size() - 1).id();
            }
        }
        return new View(transcripts, last, present, limits.maxChars());
    }
}
