package io.contacthub.backoffice;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Live status lookups for pages a person has open (the member portal's waybills and orders), from
 * {@code hub.backoffice.status-lookups} (defaults in application.yml). A bad value stops the start with the
 * property's name.
 *
 * @param cacheTtl           an answer younger than this is shown without asking the system again
 * @param cacheSize          numbers whose last answer is kept (the last known status when the system is down)
 * @param deadline           how long a page waits for the systems' answers, all lookups of the page together
 * @param orderStatusPointer where the order system's answer for {@code GET /orders/<number>} gives the status (JSON pointer)
 */
@Validated
@ConfigurationProperties("hub.backoffice.status-lookups")
public record StatusLookupSettings(@PositiveAmount Duration cacheTtl, @NotNull @Positive Integer cacheSize,
                                   @PositiveAmount Duration deadline, @NotNull String orderStatusPointer) {

    public StatusLookupSettings {
        if (orderStatusPointer != null && !(orderStatusPointer.isEmpty() || orderStatusPointer.startsWith("/"))) {
            throw new IllegalArgumentException("hub.backoffice.status-lookups.order-status-pointer must be a JSON pointer"
                    + " such as /status (was '" + orderStatusPointer + "')");
        }
    }
}
