package io.contacthub.web.portal;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Following one ticket without an account ({@link FollowController}), from {@code hub.portal.follow} (defaults in
 * application.yml). The codes themselves obey {@code hub.verification} (validity, guesses per code, codes per
 * address per day; {@code max-codes-per-purpose} is the codes per reference per UTC day). A bad value stops the start with the property's name.
 *
 * @param sessionTtl            how long a browser sees the ticket after the right code, then the code is asked again
 * @param perClientPerMinute    requests (references entered, codes tried) one client address may make per minute
 * @param perReferencePerMinute times one reference may be entered per minute, by all clients together
 * @param globalPerMinute       requests of all clients together per minute
 */
@Validated
@ConfigurationProperties("hub.portal.follow")
record FollowSettings(@PositiveAmount Duration sessionTtl, @NotNull @Positive Integer perClientPerMinute,
                      @NotNull @Positive Integer perReferencePerMinute, @NotNull @Positive Integer globalPerMinute) {
}
