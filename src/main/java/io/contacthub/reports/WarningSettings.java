package io.contacthub.reports;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.reports.complaint-warning} (defaults in application.yml): when rising complaints raise an alert.
 *
 * @param window        the recent span looked at (7d)
 * @param baselineWindows how many spans before it make the recent average (4: the four weeks before)
 * @param multiple      an alert when the recent span has more than this many times the average (2.0)
 * @param minCases      and at least this many complaints (5), so one complaint after a quiet month alarms no one
 * @param schedule      when to look (a Spring cron expression; "-": never)
 */
@Validated
@ConfigurationProperties("hub.reports.complaint-warning")
public record WarningSettings(@PositiveAmount Duration window, @NotNull @Min(1) Integer baselineWindows,
                              @NotNull @DecimalMin("1.0") Double multiple, @NotNull @Min(1) Integer minCases,
                              @NotBlank String schedule) {
}
