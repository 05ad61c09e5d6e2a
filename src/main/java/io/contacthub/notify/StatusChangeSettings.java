package io.contacthub.notify;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which ticket status changes the customer is told of, from {@code hub.notify} (default in application.yml; the
 * other {@code hub.notify} settings are in {@link NotifySettings}). A bad value stops the start with the property's
 * name.
 *
 * @param statusChanges the new statuses a notice goes out for: OPEN, PENDING, RESOLVED, CLOSED; empty: none
 */
@Validated
@ConfigurationProperties("hub.notify")
public record StatusChangeSettings(@NotNull List<String> statusChanges) {

    static final List<String> STATUSES = List.of("OPEN", "PENDING", "RESOLVED", "CLOSED");

    public StatusChangeSettings {
        if (statusChanges != null) {
            statusChanges = statusChanges.stream().filter(s -> s != null && !s.isBlank())
                    .map(s -> s.trim().toUpperCase(Locale.ROOT)).toList();
            for (String status : statusChanges) {
                if (!STATUSES.contains(status)) {
                    throw new IllegalArgumentException("hub.notify.status-changes must list statuses among " + STATUSES
                            + ", not '" + status + "'");
                }
            }
        }
    }
}
