package io.contacthub.channel.chat;

import io.contacthub.descriptor.ChannelDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Web chat: visitors type a name and an e-mail address or phone number (claims until proven), members are known
 * by their portal session. Live answers go over the chat itself (this package); once the visitor has left, the hub
 * cannot write to a closed browser, so the descriptor says "answered elsewhere": e-mail, else text, like the web
 * form. No acknowledgement: someone in a chat is told in the chat.
 */
@Configuration(proxyBeanMethods = false)
class ChatChannel {

    @Bean
    ChannelDescriptor chatChannelDescriptor() {
        return ChannelDescriptor.builder(ChatMapper.CHANNEL)
                .labels("在线聊天", "Web chat")
                .colour("#5b2a86", "#f1e8fb")
                .identityKinds("EMAIL", "PHONE")
                .answeredElsewhere()
                .acknowledged(false)
                .build();
    }
}
