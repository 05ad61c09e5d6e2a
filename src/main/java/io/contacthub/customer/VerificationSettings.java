package io.contacthub.customer;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of the one-time codes that prove an address belongs to whoever typed it ({@link VerificationCodes}),
 * from {@code hub.verification} (defaults in application.yml). A bad value stops the start with the
 * property's name.
 *
 * @param codeTtl                   how long a code is valid
 * @param maxAttempts               guesses a code allows before it stops working
 * @param maxCodesPerPurpose        codes sent at most for one purpose (one sign-up, one survey)
 * @param maxCodesPerAddressPerDay  codes sent at most to one address in 24 hours
 */
@Validated
@ConfigurationProperties("hub.verification")
public record VerificationSettings(
        @PositiveAmount Duration codeTtl,
        @NotNull @Positive Integer maxAttempts,
        @NotNull @Positive Integer maxCodesPerPurpose,
        @NotNull @Positive Integer maxCodesPerAddressPerDay) {
}
