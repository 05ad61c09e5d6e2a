package io.contacthub.channel.fax;

import io.contacthub.descriptor.ChannelDescriptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Faxes (Twilio callback, fax-to-email gateway, spool folder): senders are fax numbers, a kind of their
 * own. The hub cannot fax back, so the customer is answered by mail or text when they gave one, and is
 * not acknowledged automatically.
 */
@Configuration(proxyBeanMethods = false)
class FaxChannel {

    /** The identity kind of a fax number (built in, {@code customer.BuiltInIdentityKinds}). */
    static final String FAX_NUMBER = "FAX";

    @Bean
    ChannelDescriptor faxChannelDescriptor() {
        return ChannelDescriptor.builder(FaxMapper.CHANNEL)
                .labels("传真", "Fax")
                .colour("#364152", "#eceff3")
                .identityKinds(FAX_NUMBER)
                .answeredElsewhere()
                .acknowledged(false)
                .work(ChannelDescriptor.Work.OCR)
                .build();
    }
}
