package io.contacthub.channel.chat;

import io.contacthub.presence.AgentPresence;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Who can answer a chat, by agent presence: anyone AVAILABLE (with a console open) can, BUSY and AWAY agents
 * cannot even with the chat page open, and an agent who never chose a presence counts while their console has the
 * chat open (as {@link ConnectedChatAgents} counts), so a hub whose staff do not use presence still chats.
 * Presence knows nothing of chat; this channel asks it.
 */
@Primary
@Component
class PresentChatAgents implements ChatAgents {

    private final ChatRelay relay;
    private final AgentPresence presence;

    PresentChatAgents(ChatRelay relay, AgentPresence presence) {
        this.relay = relay;
        this.presence = presence;
    }

    @Override
    public boolean anyoneAvailable() {
        if (presence.anyoneAvailable()) {
            return true;
        }
        return relay.agentsPresent().stream()
                .anyMatch(agent -> presence.of(agent).map(a -> a.changedAt() == null).orElse(false));
    }
}
