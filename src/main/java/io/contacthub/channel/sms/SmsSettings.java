package io.contacthub.channel.sms;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The SMS channel, from {@code hub.sms} (defaults in application.yml). A bad value stops the start with the
 * property's name.
 *
 * @param threadWindowHours a text joins the sender's open SMS ticket last written to within this many hours
 *                          (0 = off: every text opens or threads by its content only)
 */
@Validated
@ConfigurationProperties("hub.sms")
public record SmsSettings(@NotNull @PositiveOrZero Long threadWindowHours) {
}
