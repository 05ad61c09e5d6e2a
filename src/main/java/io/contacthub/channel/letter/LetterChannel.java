package io.contacthub.channel.letter;

import io.contacthub.descriptor.ChannelDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Letters and other offline contacts (信件, walk-ins, phone calls outside Twilio, notes) that staff log
 * from the console. Senders are known by what staff type (an e-mail or phone, claims) or by an
 * identity of an existing customer staff checked (verified, {@link LetterMessageParser}); a fax
 * number can be that identity (a letterhead, a fax customer at the counter). The hub cannot post a
 * letter: answers go by e-mail or text, as far as the customer can be reached. A logged contact is
 * not acknowledged automatically: staff were talking to the customer, or will answer themselves.
 * No same-sender window: staff name the ticket a contact continues.
 */
@Configuration(proxyBeanMethods = false)
class LetterChannel {

    @Bean
    ChannelDescriptor letterChannelDescriptor() {
        return ChannelDescriptor.builder(LetterMapper.CHANNEL)
                .labels("信件/线下", "Letter / offline")
                .colour("#7a4a12", "#f7eedf")
                .identityKinds("EMAIL", "PHONE", "FAX")
                .answeredElsewhere()
                .acknowledged(false)
                .work(ChannelDescriptor.Work.OCR)
                .build();
    }
}
