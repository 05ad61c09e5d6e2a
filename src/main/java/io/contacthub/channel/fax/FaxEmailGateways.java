package io.contacthub.channel.fax;

import io.contacthub.intake.RelayedChannels;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Mail from a fax-to-email gateway ({@code hub.fax.email-senders}) is a fax: the e-mail channel hands it to the FAX
 * channel, which reads its attachment. Addresses compare without regard to case.
 */
@Component
class FaxEmailGateways implements RelayedChannels {

    /** The e-mail channel's name, as its InboundMessages carry it. */
    static final String EMAIL_TRANSPORT = "EMAIL";

    private final Set<String> senders;

    FaxEmailGateways(FaxSettings settings) {
        this.senders = settings.emailSenders().stream().map(a -> a.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Optional<String> channelRelayedBy(String transport, String address) {
        return EMAIL_TRANSPORT.equals(transport) && address != null && senders.contains(address.toLowerCase(Locale.ROOT))
                ? Optional.of(FaxMapper.CHANNEL) : Optional.empty();
    }
}
