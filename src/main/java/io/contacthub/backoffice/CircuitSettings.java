package io.contacthub.backoffice;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The back-office circuit breaker, from {@code hub.backoffice} (default in application.yml; the other
 * {@code hub.backoffice} settings are in {@link BackOfficeSettings}). A bad value stops the start with the
 * property's name.
 *
 * @param circuitOpenSeconds once half of a system's last calls failed, calls to it pause this long before one trial
 */
@Validated
@ConfigurationProperties("hub.backoffice")
public record CircuitSettings(@NotNull @Positive Integer circuitOpenSeconds) {
}
