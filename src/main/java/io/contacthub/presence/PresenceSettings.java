package io.contacthub.presence;

import io.contacthub.config.PositiveAmount;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.presence.*}.
 *
 * @param staleAfter an AVAILABLE agent whose console has not asked for this long (closed the browser, went home
 *                   without setting AWAY) is offered nothing; the console's top bar asks every few seconds
 */
@Validated
@ConfigurationProperties("hub.presence")
public record PresenceSettings(@PositiveAmount Duration staleAfter) {

    public PresenceSettings {
        staleAfter = staleAfter == null ? Duration.ofMinutes(2) : staleAfter;
    }
}
