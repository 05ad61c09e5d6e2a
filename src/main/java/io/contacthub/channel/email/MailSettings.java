package io.contacthub.channel.email;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.mail}: the mailboxes to read. {@code url} (HUB_MAIL_URL) gives one mailbox in a
 * line; {@code mailboxes} lists several with their own settings. Defaults in application.yml; a bad value
 * stops the start with the property's name.
 *
 * @param url       one mailbox (HUB_MAIL_URL), e.g. imaps://user:secret@mail.example.com/INBOX; blank: none
 * @param pollDelay how often every mailbox is read
 * @param fetchSize at most this many new mails per poll
 * @param mailboxes further mailboxes with their own settings (config/application-mail.example.yml)
 */
@Validated
@ConfigurationProperties("hub.mail")
public record MailSettings(String url, @PositiveAmount Duration pollDelay, @NotNull @Positive Integer fetchSize,
                           List<Mailbox> mailboxes) {

    public MailSettings {
        mailboxes = mailboxes == null ? List.of() : mailboxes; // none listed
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
     * @param maxMessageBytes   mail larger than this (the server's size) is not downloaded: it is
     *                          recorded FAILED with its headers. Default and upper bound:
     *                          {@code hub.intake.max-message-bytes}
     * @param onFirstPoll       what to do with mail already marked read when the hub first reads
     *                          this IMAP folder (or the server renumbers it): {@code ingest} it
     *                          (default) or {@code skip-read} (noted, not ingested), e.g. when
     *                          connecting a mailbox people have worked in by hand for years
     */
    public record Mailbox(String name, String url, String username, String password, String moveTo,
                          Boolean deleteAfterCommit, Long maxMessageBytes, FirstPoll onFirstPoll) {

        @ConstructorBinding
        public Mailbox {
            onFirstPoll = onFirstPoll == null ? FirstPoll.INGEST : onFirstPoll;
        }

        public Mailbox(String name, String url, String username, String password, String moveTo, Boolean deleteAfterCommit) {
            this(name, url, username, password, moveTo, deleteAfterCommit, null, null);
        }
    }

    /** {@code hub.mail.mailboxes[].on-first-poll}. */
    public enum FirstPoll {
        INGEST, SKIP_READ
    }
}
