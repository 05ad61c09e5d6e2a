package io.contacthub.notify;

import io.contacthub.deferred.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.notify.*}: where outgoing mail goes and how often it is retried.
 *
 * @param smtpUrl      smtp://user:secret@host:587 (STARTTLS required) or smtps://user:secret@host:465 (TLS);
 *                     {@code smtp://host:25?starttls=false} for plain SMTP; blank = keep notifications QUEUED
 * @param from         the From address of everything the hub sends
 * @param fromName     the display name of that address
 * @param ownAddresses further addresses of the hub's own mailboxes: never acknowledged
 * @param pollDelay    how often the dispatcher looks for due notifications
 * @param batchSize    notifications sent per poll at most
 * @param maxAttempts  unset (the default): retried until {@code giveUpAfter}; set: also FAILED after this
 *                     many attempts
 * @param sendingStaleAfter a row still SENDING after this long was cut off by a stop: it becomes UNCERTAIN
 * @param maxBackoff   the longest wait between two attempts
 * @param giveUpAfter  a notification still not accepted by its provider this long after it was queued is FAILED
 */
@ConfigurationProperties("hub.notify")
public record NotifySettings(String smtpUrl, String from, String fromName, List<String> ownAddresses,
                             Duration pollDelay, Integer batchSize, Integer maxAttempts, Duration sendingStaleAfter,
                             Duration maxBackoff, Duration giveUpAfter) {

    public NotifySettings {
        from = from == null || from.isBlank() ? "support@localhost" : from.trim();
        fromName = fromName == null || fromName.isBlank() ? null : fromName.trim();
        ownAddresses = ownAddresses == null ? List.of() : ownAddresses.stream()
                .map(a -> a.trim().toLowerCase(Locale.ROOT)).toList();
        pollDelay = pollDelay == null ? Duration.ofSeconds(1) : pollDelay;
        batchSize = batchSize == null || batchSize < 1 ? 20 : batchSize;
        sendingStaleAfter = sendingStaleAfter == null ? Duration.ofMinutes(2) : sendingStaleAfter;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        giveUpAfter = giveUpAfter == null ? Duration.ofHours(24) : giveUpAfter;
        retryPolicy(maxBackoff, giveUpAfter, maxAttempts); // a bad value stops the start, naming the setting
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy(maxBackoff, giveUpAfter, maxAttempts);
    }

    private static RetryPolicy retryPolicy(Duration maxBackoff, Duration giveUpAfter, Integer maxAttempts) {
        try {
            return new RetryPolicy(maxBackoff, giveUpAfter, maxAttempts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hub.notify: " + e.getMessage(), e);
        }
    }

    public boolean smtpConfigured() {
        return smtpUrl != null && !smtpUrl.isBlank();
    }

    /** The hub's own addresses: the From address and the configured mailboxes'. */
    public boolean isOwnAddress(String address) {
        if (address == null) {
            return false;
        }
        String a = address.trim().toLowerCase(Locale.ROOT);
        return a.equals(from.toLowerCase(Locale.ROOT)) || ownAddresses.contains(a);
    }
}
