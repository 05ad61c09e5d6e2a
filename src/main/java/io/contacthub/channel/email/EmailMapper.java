package io.contacthub.channel.email;

import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.RelayedChannels;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A fetched mail to an InboundMessage: the raw RFC 822 bytes exactly as the server holds them,
 * keyed by Message-ID. Parsing happens later, from the stored bytes, so a mail that cannot be
 * parsed is still committed (and then marked FAILED) instead of being fetched forever.
 */
@Component("emailMapper")
public class EmailMapper {

    public static final String CHANNEL = "EMAIL";

    /**
     * Channels whose messages come by mail from relaying senders: mail from a fax-to-email gateway is a fax
     * (hub.fax.email-senders, the fax channel's setting), which the FAX channel reads from its attachment.
     */
    private final List<RelayedChannels> relays;

    @Autowired
    EmailMapper(ObjectProvider<RelayedChannels> relays) {
        this(relays.orderedStream().toList());
    }

    EmailMapper(List<RelayedChannels> relays) {
        this.relays = List.copyOf(relays);
    }

    public InboundMessage toInbound(Message message, String mailbox) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        message.writeTo(out);
        byte[] raw = out.toByteArray();
        // Headers are read from the fetched bytes, not asked of the server (each ask is a round trip).
        InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
        return toInbound(raw, headers.getHeader("Message-ID", null), headers.getHeader("From", null),
                headers.getHeader("Date", null), headers.getHeader("Subject", null), mailbox);
    }

    /**
     * The key is the Message-ID plus a short fingerprint of From, Date and Subject: a redelivered
     * mail keeps its key, while two different mails that carry the same Message-ID (broken
     * generators do this) are both kept. Mail without a Message-ID is keyed by a hash of its bytes.
     */
    InboundMessage toInbound(byte[] raw, String messageId, String from, String date, String subject, String mailbox) {
        String externalId = messageId != null && !messageId.isBlank()
                ? messageId.trim() + " " + sha256(String.join("\n", nz(from), nz(date), nz(subject)).getBytes(StandardCharsets.UTF_8)).substring(0, 12)
                : "sha256:" + sha256(raw);
        Optional<String> relayed = relayedChannel(from);
        if (relayed.isPresent()) {
            return new InboundMessage(relayed.get(), "email:" + externalId, mailbox, from.trim(), "message/rfc822", raw);
        }
        return new InboundMessage(CHANNEL, externalId, mailbox, from == null ? null : from.trim(), "message/rfc822", raw);
    }

    private Optional<String> relayedChannel(String from) {
        if (from == null || relays.isEmpty()) {
            return Optional.empty();
        }
        String address = from.trim().toLowerCase(Locale.ROOT);
        int lt = address.lastIndexOf('<');
        if (lt >= 0) {
            address = address.substring(lt + 1).replace(">", "").trim();
        }
        for (RelayedChannels relay : relays) {
            Optional<String> channel = relay.channelRelayedBy(CHANNEL, address);
            if (channel.isPresent()) {
                return channel;
            }
        }
        return Optional.empty();
    }

    private static String nz(String s) {
        return s == null ? "" : s.trim();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
