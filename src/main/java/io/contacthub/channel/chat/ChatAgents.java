package io.contacthub.channel.chat;

/**
 * Whether someone can answer a chat now. The chat tells a visitor "no agent is available; we will answer by
 * e-mail" when this says no. The default ({@link ConnectedChatAgents}) counts staff with the agent side of the
 * chat open; a hub with agent presence (available / busy / away) provides its own bean, marked {@code @Primary}.
 */
public interface ChatAgents {

    boolean anyoneAvailable();
}
