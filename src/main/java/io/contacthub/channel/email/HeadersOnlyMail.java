package io.contacthub.channel.email;

import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Locale;
import org.eclipse.angus.mail.pop3.POP3Message;

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
        byte[] marker = (REASON_HEADER + ": " + reason + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] block = headerBlock(message);
        byte[] raw = new byte[marker.length + block.length];
        System.arraycopy(marker, 0, raw, 0, marker.length);
        System.arraycopy(block, 0, raw, marker.length, block.length);
        InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(block));
        InboundMessage keyed = mapper.toInbound(raw, headers.getHeader("Message-ID", null), headers.getHeader("From", null),
                headers.getHeader("Date", null), headers.getHeader("Subject", null), mailbox);
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

    /**
     * The mail's header block and the blank line after it. POP3: {@code TOP n 0}, asked even when
     * the server leaves TOP out of its CAPA list (Jakarta Mail would then download the whole mail);
     * IMAP: {@code BODY.PEEK[HEADER]}.
     */
    private static byte[] headerBlock(Message message) throws MessagingException {
        if (message instanceof POP3Message pop3) {
            try (InputStream top = pop3.top(0)) {
                if (top != null) {
                    return top.readAllBytes();
                }
            } catch (IOException e) {
                throw new MessagingException("cannot read the headers: " + e.getMessage(), e);
            }
        }
        StringBuilder headers = new StringBuilder(4096);
        if (message instanceof MimeMessage mime) {
            Enumeration<String> lines = mime.getAllHeaderLines(); // the lines as the server sent them
            while (lines.hasMoreElements()) {
                headers.append(lines.nextElement()).append("\r\n");
            }
        } else {
            Enumeration<Header> all = message.getAllHeaders();
            while (all.hasMoreElements()) {
                Header h = all.nextElement();
                headers.append(h.getName()).append(": ").append(h.getValue()).append("\r\n");
            }
        }
        return headers.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
