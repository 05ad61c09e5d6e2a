package io.contacthub.channel.email;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.mail}: the mailboxes to read. {@code url} (HUB_MAIL_URL) gives one mailbox in a
 * line; {@code mailboxes} lists several with their own settings.
 */
@ConfigurationProperties("hub.mail")
public record MailSettings(String url, Duration pollDelay, Integer fetchSize, List<Mailbox> mailboxes) {

    public MailSettings {
        pollDelay = pollDelay == null ? Duration.ofSeconds(10) : pollDelay;
        fetchSize = fetchSize == null ? 200 : fetchSize;
        mailboxes = mailboxes == null ? List.of() : mailboxes;
    }

    /** Every configured mailbox, the HUB_MAIL_URL one first (named "default"). */
    public List<Mailbox> all() {
        List<Mailbox> all = new ArrayList<>();
        if (url != null && !url.isBlank()) {
            all.add(new Mailbox("default", url, null, null, null, null));
        }
        all.addAll(mailboxes);
        return all;
    }

    /**
     * @param password          overrides the URL's password; put it in an environment variable
     * @param moveTo            IMAP folder to move mail to after commit (default: flag it seen)
     * @param deleteAfterCommit delete from the server after commit; POP3 defaults to true because
     *                          POP3 has no "seen" flag
     */
    public record Mailbox(String name, String url, String username, String password, String moveTo,
                          Boolean deleteAfterCommit) {
    }
}
