package io.contacthub.channel.web;

import io.contacthub.descriptor.ChannelDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Web form, portal and API messages: senders type an e-mail address or a phone number (claims until
 * proven). The hub cannot write back to a browser, so the customer is answered by mail or text.
 */
@Configuration(proxyBeanMethods = false)
class WebChannel {

    @Bean
    ChannelDescriptor webChannelDescriptor() {
        return ChannelDescriptor.builder(WebMessageMapper.CHANNEL)
                .labels("网站留言", "Web")
                .colour("#9a4b00", "#fff1e0")
                .identityKinds("EMAIL", "PHONE")
                .answeredElsewhere()
                .acknowledged(true)
                .build();
    }
}
