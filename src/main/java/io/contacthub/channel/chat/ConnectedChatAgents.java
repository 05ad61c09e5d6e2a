package io.contacthub.channel.chat;

import org.springframework.stereotype.Component;

/**
 * The default {@link ChatAgents}: an agent is there while their console has a chat socket open (the chat page or a
 * chat ticket's panel) or polled the chat over the HTTP fallback within {@code hub.chat.agent-seen-within}.
 */
@Component
class ConnectedChatAgents implements ChatAgents {

    private final ChatRelay relay;

    ConnectedChatAgents(ChatRelay relay) {
        this.relay = relay;
    }

    @Override
    public boolean anyoneAvailable() {
        return !relay.agentsPresent().isEmpty();
    }
}
