package io.contacthub.notify;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.notify.recipients.*}: limits on whom the hub writes to without a person deciding, so the
 * hub cannot be made to spend money or send mail for strangers (docs/SECURITY.md). Defaults in application.yml;
 * a bad value stops the start with the property's name.
 *
 * @param allowedCountries      regions (ISO 3166 codes) texts and calls may go to; others are SUPPRESSED
 * @param automaticPerRecipient automatic messages (acknowledgements, tracking answers, notices — not
 *                              staff replies) one address or number may get within {@code automaticWindow}
 * @param automaticWindow       the window of that cap
 */
@Validated
@ConfigurationProperties("hub.notify.recipients")
public record RecipientRules(@NotEmpty List<String> allowedCountries, int automaticPerRecipient,
                             @PositiveAmount Duration automaticWindow) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    public RecipientRules {
        allowedCountries = allowedCountries == null ? null : allowedCountries.stream()
                .filter(c -> c != null && !c.isBlank()).map(c -> c.trim().toUpperCase(Locale.ROOT)).toList();
        for (String region : allowedCountries == null ? List.<String>of() : allowedCountries) {
            if (!PHONES.getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("hub.notify.recipients.allowed-countries must list regions libphonenumber"
                        + " knows (ISO 3166 codes such as HK), not '" + region + "'");
            }
        }
        if (automaticPerRecipient <= 0) {
            throw new IllegalArgumentException("hub.notify.recipients.automatic-per-recipient must be at least 1, was "
                    + automaticPerRecipient);
        }
    }

    /** @return the number's region when texts and calls may not go there, else null */
    String refusedRegion(String e164) {
        String region;
        try {
            region = PHONES.getRegionCodeForNumber(PHONES.parse(e164, null));
        } catch (NumberParseException e) {
            return "unknown";
        }
        Set<String> allowed = allowedCountries.stream().collect(Collectors.toSet());
        return region != null && allowed.contains(region) ? null : region == null ? "unknown" : region;
    }
}
