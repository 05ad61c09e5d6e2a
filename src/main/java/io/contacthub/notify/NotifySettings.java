package io.contacthub.notify;

import io.contacthub.config.PositiveAmount;
import io.contacthub.deferred.RetryPolicy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.notify.*}: where outgoing mail goes and how often it is retried (defaults in application.yml; a bad
 * value stops the start with the property's name).
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
@Validated
@ConfigurationProperties("hub.notify")
public record NotifySettings(String smtpUrl, @NotBlank String from, String fromName, List<String> ownAddresses,
                             @PositiveAmount Duration pollDelay, @NotNull @Positive Integer batchSize,
                             @Positive Integer maxAttempts, @PositiveAmount Duration sendingStaleAfter,
                             @PositiveAmount Duration maxBackoff, @PositiveAmount Duration giveUpAfter) {

    public NotifySettings {
        from = from == null ? null : from.trim();
        fromName = fromName == null || fromName.isBlank() ? null : fromName.trim();
        ownAddresses = ownAddresses == null ? List.of() : ownAddresses.stream()
                .filter(a -> a != null && !a.isBlank()).map(a -> a.trim().toLowerCase(Locale.ROOT)).toList();
        if (maxBackoff != null && giveUpAfter != null) {
            retryPolicy(maxBackoff, giveUpAfter, maxAttempts); // a bad value stops the start, naming the setting
        } // a missing one is reported by its constraint, under its own name
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
