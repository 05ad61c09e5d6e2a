package io.contacthub.ticket;

import io.contacthub.config.PositiveAmount;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The staff queue ({@link TicketSearch}), from {@code hub.queue} (defaults in application.yml). A bad value
 * stops the start with the property's name.
 *
 * @param breachingSoon the "breaching soon" view lists open tickets whose complaint case has an SLA clock
 *                      running out within this time, or already run out (e.g. {@code 2h})
 */
@Validated
@ConfigurationProperties("hub.queue")
public record QueueSettings(@PositiveAmount Duration breachingSoon) {
}
