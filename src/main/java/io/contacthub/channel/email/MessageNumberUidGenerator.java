package io.contacthub.channel.email;

import jakarta.mail.Message;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailUidGenerator;
import org.springframework.stereotype.Component;

/**
 * Camel's default key for each mail in a poll is its Message-ID, which costs one IMAP round trip
 * per unseen mail on every poll, before any mail is processed: with thousands of unseen mails a
 * poll spends minutes just naming them. The key is only used by an idempotent repository, which
 * the hub does not use (it deduplicates on commit, by Message-ID, in PostgreSQL), so the message
 * number within the poll is enough and costs nothing.
 */
@Component("messageNumberUid")
class MessageNumberUidGenerator implements MailUidGenerator {

    @Override
    public String generateUuid(MailEndpoint mailEndpoint, Message message) {
        return "msn-" + message.getMessageNumber();
    }
}
