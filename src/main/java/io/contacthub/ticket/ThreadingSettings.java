package io.contacthub.ticket;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How contacts join tickets ({@link TicketThreading}), from {@code hub.threading} (defaults in application.yml).
 * A bad value stops the start with the property's name.
 *
 * @param sameMatterWindowDays a contact from the same customer naming the same order or waybill number joins
 *                             that customer's open ticket last written to within this many days (0 = off)
 */
@Validated
@ConfigurationProperties("hub.threading")
public record ThreadingSettings(@NotNull @PositiveOrZero Integer sameMatterWindowDays) {
}
