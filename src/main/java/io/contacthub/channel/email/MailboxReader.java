package io.contacthub.channel.email;

import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.IntakeProperties;
import io.contacthub.intake.Receipt;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mail.MailConsumer;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The e-mail route's steps around the commit (routes/channels/email-in.camel.yaml): a mail to an
 * InboundMessage — whole, or only its headers when the server says it is over the size limit —
 * and, once committed, the note for its mailbox cursor.
 */
@Component("mailboxReader")
class MailboxReader {

    private static final Logger log = LoggerFactory.getLogger(MailboxReader.class);
    static final String OVERSIZE_PROPERTY = "hubMailOversize";

    private final EmailMapper mapper;
    private final MailboxUids uids;
    private final long intakeLimit;
    private final Map<String, Long> mailboxLimits = new HashMap<>();

    MailboxReader(EmailMapper mapper, MailboxUids uids, MailSettings settings, IntakeProperties intake) {
        this.mapper = mapper;
        this.uids = uids;
        this.intakeLimit = intake.maxMessageBytes().toBytes();
        for (MailSettings.Mailbox mailbox : settings.all()) {
            if (mailbox.maxMessageBytes() != null) {
                mailboxLimits.put(mailbox.name(), mailbox.maxMessageBytes());
            }
        }
    }

    /**
     * The mail is taken from camel-mail's message as it came, never through the body: turning the
     * body into content downloads a POP3 mail whole (and costs IMAP a BODYSTRUCTURE fetch).
     */
    public InboundMessage toInbound(Exchange exchange, String mailbox) throws MessagingException, IOException {
        Message message = exchange.getIn(MailMessage.class).getOriginalMessage();
        // From here on a plain Camel message: camel-mail's own one copies every mail header into
        // Camel headers the first time any header is read (also by its commit step), which asks
        // the server for them and, on POP3 servers that do not announce TOP, downloads the mail.
        DefaultMessage plain = new DefaultMessage(exchange);
        exchange.setIn(plain);
        String key = exchange.getProperty(MailConsumer.MAIL_MESSAGE_UID, String.class);
        Optional<MailboxCursor> cursor = uids.cursor(mailbox);
        long size = cursor.map(c -> c.sizeOf(key)).orElse(-1L);
        if (size < 0) {
            size = message.getSize();
        }
        Long own = mailboxLimits.get(mailbox);
        long limit = own != null ? Math.min(own, intakeLimit) : intakeLimit;
        if (size > limit) {
            String setting = own != null && own < intakeLimit
                    ? "hub.mail.mailboxes[].max-message-bytes of mailbox " + mailbox : "hub.intake.max-message-bytes";
            log.warn("mailbox {}: mail {} is {} bytes, over the limit of {} ({}): recording it FAILED from its headers, "
                     + "without downloading it; it stays on the server", mailbox, key, size, limit, setting);
            // Only the headers are kept here, so the mail itself is never deleted from the server.
            plain.setHeader(MailConstants.MAIL_DELETE, false);
            exchange.setProperty(OVERSIZE_PROPERTY, true);
            return HeadersOnlyMail.of(message, mapper, mailbox, size, limit, setting);
        }
        return mapper.toInbound(message, mailbox);
    }

    /** After direct:receive has committed: remembered until camel-mail confirms the mail. */
    public void committed(String key, Receipt receipt, String mailbox, Boolean oversize) {
        uids.cursor(mailbox).ifPresent(c -> c.committed(key, receipt.messageId(), Boolean.TRUE.equals(oversize)));
    }
}
