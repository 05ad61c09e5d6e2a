package io.contacthub.channel.email;

import io.contacthub.descriptor.ChannelDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mail from IMAP/POP3 mailboxes: senders are e-mail addresses, answered by mail in the same thread. */
@Configuration(proxyBeanMethods = false)
class EmailChannel {

    @Bean
    ChannelDescriptor emailChannelDescriptor() {
        return ChannelDescriptor.builder(EmailMapper.CHANNEL)
                .labels("电子邮件", "E-mail")
                .colour("#1f4fbf", "#e6efff")
                .identityKinds("EMAIL")
                .answeredOn("EMAIL", "EMAIL")
                .acknowledged(true)
                .build();
    }
}
