package io.contacthub.channel.email;

import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Locale;

/**
 * A mail over the size limit, recorded without downloading it: its header block only (IMAP
 * {@code BODY.PEEK[HEADER]}, POP3 {@code TOP n 0}), under {@code text/rfc822-headers} (RFC 6522),
 * with the reason in a first header line. It is keyed like the whole mail would be (Message-ID),
 * and parsing it always fails with that reason, so it becomes FAILED — also when replayed, since
 * the body is not here; staff see who sent what and fetch the mail from the mailbox.
 */
final class HeadersOnlyMail {

    static final String CONTENT_TYPE = "text/rfc822-headers";
    static final String REASON_HEADER = "X-Contact-Hub-Not-Downloaded";

    private HeadersOnlyMail() {
    }

    static InboundMessage of(Message message, EmailMapper mapper, String mailbox, long size, long limit, String limitSetting)
            throws MessagingException {
        String reason = "mail of " + size + " bytes (its size on the server) is over the limit of " + limit + " bytes ("
                + limitSetting + "): not downloaded, only its headers are kept; the mail stays in mailbox '" + mailbox + "'";
        StringBuilder headers = new StringBuilder(4096).append(REASON_HEADER).append(": ").append(reason).append("\r\n");
        if (message instanceof MimeMessage mime) {
            Enumeration<String> lines = mime.getAllHeaderLines(); // the lines as the server sent them
            while (lines.hasMoreElements()) {
                headers.append(lines.nextElement()).append("\r\n");
            }
        } else {
            Enumeration<jakarta.mail.Header> all = message.getAllHeaders();
            while (all.hasMoreElements()) {
                jakarta.mail.Header h = all.nextElement();
                headers.append(h.getName()).append(": ").append(h.getValue()).append("\r\n");
            }
        }
        byte[] raw = headers.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        InboundMessage keyed = mapper.toInbound(raw, header(message, "Message-ID"), header(message, "From"),
                header(message, "Date"), header(message, "Subject"), mailbox);
        // Always an e-mail record, even from a fax-to-email gateway: there is no fax here to read.
        String externalId = keyed.channel().equals(EmailMapper.CHANNEL) ? keyed.externalId()
                : keyed.externalId().replaceFirst("^email:", "");
        return new InboundMessage(EmailMapper.CHANNEL, externalId, keyed.source(), keyed.sender(), CONTENT_TYPE, raw);
    }

    /** Parsing a headers-only record fails, with the reason it was not downloaded. */
    static void refuse(StoredMessage message) {
        if (message.contentType() == null || !message.contentType().toLowerCase(Locale.ROOT).startsWith(CONTENT_TYPE)) {
            return;
        }
        String raw = new String(message.raw(), StandardCharsets.UTF_8);
        String prefix = REASON_HEADER + ": ";
        String reason = raw.startsWith(prefix) ? raw.substring(prefix.length(), Math.max(prefix.length(), raw.indexOf("\r\n")))
                : "only the headers of this mail were received";
        throw new UnreadableMessageException(reason);
    }

    private static String header(Message message, String name) throws MessagingException {
        return message instanceof MimeMessage mime ? mime.getHeader(name, null) : first(message.getHeader(name));
    }

    private static String first(String[] values) {
        return values == null || values.length == 0 ? null : values[0];
    }
}
