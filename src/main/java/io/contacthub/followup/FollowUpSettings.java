package io.contacthub.followup;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.follow-ups} (defaults in application.yml).
 *
 * @param afterResolve when a resolved complaint's follow-up is due, when staff planned none (3d)
 * @param retryAfter   the next try after the customer could not be reached (1d)
 * @param maxAttempts  tries before the follow-up is given up (3)
 */
@Validated
@ConfigurationProperties("hub.follow-ups")
public record FollowUpSettings(@PositiveAmount Duration afterResolve, @PositiveAmount Duration retryAfter,
                               @NotNull @Min(1) Integer maxAttempts) {
}
