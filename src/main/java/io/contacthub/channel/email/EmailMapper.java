package io.contacthub.channel.email;

import io.contacthub.intake.InboundMessage;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A fetched mail to an InboundMessage: the raw RFC 822 bytes exactly as the server holds them,
 * keyed by Message-ID. Parsing happens later, from the stored bytes, so a mail that cannot be
 * parsed is still committed (and then marked FAILED) instead of being fetched forever.
 */
@Component("emailMapper")
public class EmailMapper {

    public static final String CHANNEL = "EMAIL";
    /** Mail from a fax-to-email gateway (hub.fax.email-senders) is a fax: the FAX channel reads its attachment. */
    static final String FAX_CHANNEL = "FAX";

    private final Set<String> faxGatewaySenders;

    public EmailMapper(Environment environment) {
        this.faxGatewaySenders = Binder.get(environment).bind("hub.fax.email-senders", Bindable.listOf(String.class))
                .orElse(List.of()).stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
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
        if (fromFaxGateway(from)) {
            return new InboundMessage(FAX_CHANNEL, "email:" + externalId, mailbox, from.trim(), "message/rfc822", raw);
        }
        return new InboundMessage(CHANNEL, externalId, mailbox, from == null ? null : from.trim(), "message/rfc822", raw);
    }

    private boolean fromFaxGateway(String from) {
        if (from == null || faxGatewaySenders.isEmpty()) {
            return false;
        }
        String address = from.trim().toLowerCase(Locale.ROOT);
        int lt = address.lastIndexOf('<');
        if (lt >= 0) {
            address = address.substring(lt + 1).replace(">", "").trim();
        }
        return faxGatewaySenders.contains(address);
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
