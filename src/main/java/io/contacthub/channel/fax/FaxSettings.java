package io.contacthub.channel.fax;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param spoolDir       folder a local fax server (HylaFAX, t38modem) drops TIFF/PDF files into; blank = off
 * @param spoolPollDelay how often the folder is looked at
 * @param maxFileBytes   a faxed file larger than this is FAILED unread (the original is kept)
 * @param emailSenders   addresses of fax-to-email gateways; their mail is read as faxes (see EmailMapper)
 */
@ConfigurationProperties("hub.fax")
public record FaxSettings(String spoolDir, @DefaultValue("2s") Duration spoolPollDelay,
                          @DefaultValue("20971520") long maxFileBytes, List<String> emailSenders) {

    public FaxSettings {
        spoolDir = spoolDir == null || spoolDir.isBlank() ? null : spoolDir.trim();
        spoolPollDelay = spoolPollDelay == null || spoolPollDelay.isNegative() || spoolPollDelay.isZero()
                ? Duration.ofSeconds(2) : spoolPollDelay;
        maxFileBytes = maxFileBytes <= 0 ? 20_971_520L : maxFileBytes;
        emailSenders = emailSenders == null ? List.of() : List.copyOf(emailSenders);
    }
}
