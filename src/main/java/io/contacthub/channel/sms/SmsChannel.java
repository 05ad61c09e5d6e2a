package io.contacthub.channel.sms;

import io.contacthub.descriptor.ChannelDescriptor;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Texts via Twilio: senders are phone numbers, answered by text; a conversation is one ticket within the window. */
@Configuration(proxyBeanMethods = false)
class SmsChannel {

    @Bean
    ChannelDescriptor smsChannelDescriptor(SmsSettings settings) {
        return ChannelDescriptor.builder(SmsMapper.CHANNEL)
                .labels("短信", "SMS")
                .colour("#11643f", "#e7f8ef")
                .identityKinds("PHONE")
                .answeredOn("SMS", "PHONE")
                .sameSenderWindow(settings.threadWindowHours() > 0 ? Duration.ofHours(settings.threadWindowHours()) : null)
                .acknowledged(true)
                .build();
    }
}
