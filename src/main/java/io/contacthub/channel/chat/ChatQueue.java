package io.contacthub.channel.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Chats waiting for an agent, for a supervisor's view (bean {@code chatQueue}; in templates
 * {@code ${@chatQueue.waiting()}}): conversations whose visitor wrote and no agent has answered since, longest
 * waiting first, with how long.
 */
@Component("chatQueue")
public class ChatQueue {

    /**
     * @param ticketRef      the conversation's ticket
     * @param customerName   the name the visitor gave (a member's login)
     * @param waitingSince   the visitor's oldest line no agent has answered
     * @param waited         how long that is now
     * @param visitorPresent whether the visitor still has the chat open (on this node)
     */
    public record WaitingChat(String ticketRef, String customerName, OffsetDateTime waitingSince, Duration waited,
                              boolean visitorPresent) {
    }

    private final ChatConversations store;
    private final ChatRelay relay;
    private final Clock clock;

    ChatQueue(ChatConversations store, ChatRelay relay) {
        this.store = store;
        this.relay = relay;
        this.clock = Clock.systemUTC();
    }

    public List<WaitingChat> waiting() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return store.waiting(200).stream().filter(c -> c.ticketRef() != null)
                .map(c -> new WaitingChat(c.ticketRef(), c.name(), c.waitingSince(), Duration.between(c.waitingSince(), now),
                        relay.customerPresent(c.id())))
                .toList();
    }

    /** How many staff have the agent side of the chat open now. */
    public int agentsOnChat() {
        return relay.agentsPresent().size();
    }
}
