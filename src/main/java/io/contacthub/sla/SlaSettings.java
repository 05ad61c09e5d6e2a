package io.contacthub.sla;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.sla} (defaults in application.yml): the working-time calendar and the service commitments, first
 * match wins. A bad value stops the start with the property's name.
 */
@Validated
@ConfigurationProperties("hub.sla")
public record SlaSettings(@Valid @NotNull Calendar calendar, @NotEmpty List<@Valid Policy> policies) {

    /**
     * @param zone          an IANA zone; empty: {@code hub.time-zone}, else Asia/Shanghai
     * @param holidays      days off although working days (public holidays)
     * @param extraWorkdays days worked although days off (the make-up days around Chinese public holidays)
     */
    public record Calendar(String zone, @NotEmpty List<DayOfWeek> workdays, @NotNull LocalTime opens, @NotNull LocalTime closes,
                           List<LocalDate> holidays, List<LocalDate> extraWorkdays) {

        public Calendar {
            zone = zone == null ? "" : zone.trim();
            holidays = holidays == null ? List.of() : List.copyOf(holidays);
            extraWorkdays = extraWorkdays == null ? List.of() : List.copyOf(extraWorkdays);
        }
    }

    /** One commitment; {@code firstResponse} and {@code resolution} are working time, e.g. {@code 8h}. */
    public record Policy(@NotNull String name, List<String> channels, List<String> intents, List<String> customerClasses,
                         @NotNull Duration firstResponse, @NotNull Duration resolution) {
    }
}
