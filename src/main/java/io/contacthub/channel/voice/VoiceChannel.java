package io.contacthub.channel.voice;

import io.contacthub.descriptor.ChannelDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Calls via Twilio: callers are phone numbers, answered by a call (text-to-speech). Not acknowledged:
 * the voice menu already told the caller their reference.
 */
@Configuration(proxyBeanMethods = false)
class VoiceChannel {

    @Bean
    ChannelDescriptor voiceChannelDescriptor() {
        return ChannelDescriptor.builder(VoiceMapper.CHANNEL)
                .labels("语音电话", "Voice call")
                .colour("#6b21a8", "#f3e8ff")
                .identityKinds("PHONE")
                .answeredOn("VOICE", "PHONE")
                .acknowledged(false)
                .work(ChannelDescriptor.Work.SPEECH)
                .build();
    }
}
