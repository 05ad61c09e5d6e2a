package io.contacthub.channel.email;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a mailbox URL as people write it ({@code imaps://user:secret@mail.example.com/INBOX}) into
 * the camel-mail consumer URI. Fails fast at start-up on a URL it cannot use.
 */
final class MailboxUri {

    private static final Set<String> SCHEMES = Set.of("imap", "imaps", "pop3", "pop3s");

    private MailboxUri() {
    }

    /** With the cursor bean of the first mailbox; for tests of the URI alone. */
    static String toCamelUri(MailSettings.Mailbox mailbox, MailSettings settings) {
        return toCamelUri(mailbox, settings, "mailboxCursor0");
    }

    /**
     * @param cursorBean the Camel registry name of this mailbox's {@link MailboxCursor}
     */
    static String toCamelUri(MailSettings.Mailbox mailbox, MailSettings settings, String cursorBean) {
        URI uri;
        try {
            uri = URI.create(mailbox.url().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mailbox " + mailbox.name() + ": not a URL (" + e.getMessage() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalStateException("mailbox " + mailbox.name() + ": scheme must be one of " + SCHEMES + ", got '" + scheme + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalStateException("mailbox " + mailbox.name() + ": the URL has no host");
        }
        String user = mailbox.username();
        String password = mailbox.password();
        if (uri.getRawUserInfo() != null) {
            String[] userInfo = uri.getRawUserInfo().split(":", 2);
            user = user != null ? user : decode(userInfo[0]);
            password = password != null ? password : userInfo.length > 1 ? decode(userInfo[1]) : null;
        }
        if (user == null || user.isBlank()) {
            throw new IllegalStateException("mailbox " + mailbox.name() + ": no user name in the URL or settings");
        }
        boolean pop3 = scheme.startsWith("pop3");
        String folder = uri.getPath() == null || uri.getPath().length() <= 1 ? "INBOX" : decode(uri.getPath().substring(1));
        boolean delete = mailbox.deleteAfterCommit() != null ? mailbox.deleteAfterCommit() : pop3;
        if (pop3 && mailbox.onFirstPoll() == MailSettings.FirstPoll.SKIP_READ) {
            throw new IllegalStateException("mailbox " + mailbox.name() + ": on-first-poll: skip-read needs IMAP (POP3 has no read flag)");
        }
        if (mailbox.maxMessageBytes() != null && mailbox.maxMessageBytes() <= 0) {
            throw new IllegalStateException("mailbox " + mailbox.name() + ": max-message-bytes must be positive, got " + mailbox.maxMessageBytes());
        }

        StringBuilder camel = new StringBuilder(scheme).append("://").append(uri.getHost());
        if (uri.getPort() > 0) {
            camel.append(':').append(uri.getPort());
        }
        camel.append("?username=").append(raw(mailbox, user));
        if (password != null) {
            camel.append("&password=").append(raw(mailbox, password));
        }
        camel.append("&folderName=").append(raw(mailbox, folder))
                // Hand the consumer's raw jakarta.mail.Message to the mapper; nothing is parsed in the route.
                .append("&mapMailMessage=false")
                // Read without marking; Camel flags/moves/deletes only after the exchange completes,
                // which is after the receive stage has committed.
                .append("&peek=true")
                // Read or unread does not matter: the cursor knows, by UID/UIDL, which mail is new,
                // so mail a person opened before the hub polled is still ingested (once).
                .append("&unseen=false")
                .append("&mailUidGenerator=#").append(cursorBean)
                .append("&idempotentRepository=#").append(cursorBean)
                // camel-mail's default forgets the key on commit; the cursor records it (confirm).
                .append("&idempotentRepositoryRemoveOnCommit=false")
                .append("&delete=").append(delete)
                .append("&delay=").append(settings.pollDelay().toMillis())
                .append("&maxMessagesPerPoll=").append(settings.fetchSize())
                .append("&fetchSize=").append(settings.fetchSize())
                .append("&connectionTimeout=30000")
                // Every poll's success or failure is recorded for /actuator/health.
                .append("&pollStrategy=#mailboxPollStrategy")
                // One FETCH per mail instead of one per 16 KiB; size is bounded by the intake limit.
                .append("&mail.").append(pop3 ? "pop3" : "imap").append(".partialfetch=false");
        if (mailbox.moveTo() != null && !mailbox.moveTo().isBlank()) {
            camel.append("&moveTo=").append(raw(mailbox, mailbox.moveTo()));
        }
        return camel.toString();
    }

    /** Camel's RAW() keeps a value verbatim; RAW{} is its form for values that contain ')'. */
    private static String raw(MailSettings.Mailbox mailbox, String value) {
        if (!value.contains(")")) {
            return "RAW(" + value + ")";
        }
        if (!value.contains("}")) {
            return "RAW{" + value + "}";
        }
        throw new IllegalStateException("mailbox " + mailbox.name() + ": a value contains both ')' and '}', which Camel cannot pass verbatim");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
