package io.contacthub.channel.fax;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.fax}: where faxes arrive besides Twilio (defaults in application.yml). A bad value stops the start
 * with the property's name.
 *
 * @param spoolDir       folder a local fax server (HylaFAX, t38modem) drops TIFF/PDF files into; blank = off
 * @param spoolPollDelay how often the folder is looked at
 * @param maxFileBytes   a faxed file larger than this is FAILED unread (the original is kept)
 * @param emailSenders   addresses of fax-to-email gateways; their mail is read as faxes (FaxEmailGateways)
 */
@Validated
@ConfigurationProperties("hub.fax")
public record FaxSettings(String spoolDir, @PositiveAmount Duration spoolPollDelay, @NotNull @Positive Long maxFileBytes,
                          List<String> emailSenders) {

    public FaxSettings {
        spoolDir = spoolDir == null || spoolDir.isBlank() ? null : spoolDir.trim();
        emailSenders = emailSenders == null ? List.of() : emailSenders.stream() // none: no fax-to-email gateway
                .filter(s -> s != null && !s.isBlank()).map(String::trim).toList();
    }
}
