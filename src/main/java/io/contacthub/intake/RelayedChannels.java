package io.contacthub.intake;

import java.util.Optional;

/**
 * Senders that relay another channel over one channel's transport: a fax-to-email gateway mails the faxes it
 * receives, so its mail is the FAX channel's to read. The channel that reads such messages knows who relays for it
 * (fax: {@code hub.fax.email-senders}) and implements this; the transport's mapper asks every implementation
 * (e-mail: EmailMapper). So neither channel knows the other, and each keeps its own settings.
 */
public interface RelayedChannels {

    /**
     * @param transport the channel whose transport the message came over, e.g. {@code EMAIL}
     * @param address   the sender's bare address as that transport names it (an e-mail address: no display name)
     * @return the channel that reads what this sender sent, or empty when it is an ordinary sender of the transport
     */
    Optional<String> channelRelayedBy(String transport, String address);
}
