package io.contacthub.notify;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.notify.recipients.*}: limits on whom the hub writes to without a person deciding, so the
 * hub cannot be made to spend money or send mail for strangers (docs/SECURITY.md).
 *
 * @param allowedCountries      regions (ISO 3166 codes) texts and calls may go to; others are SUPPRESSED
 * @param automaticPerRecipient automatic messages (acknowledgements, tracking answers, notices — not
 *                              staff replies) one address or number may get within {@code automaticWindow}
 * @param automaticWindow       the window of that cap
 */
@ConfigurationProperties("hub.notify.recipients")
public record RecipientRules(List<String> allowedCountries, int automaticPerRecipient, Duration automaticWindow) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    public RecipientRules {
        allowedCountries = allowedCountries == null || allowedCountries.isEmpty() ? List.of("CN", "HK", "MO", "TW")
                : allowedCountries.stream().map(c -> c.trim().toUpperCase(Locale.ROOT)).toList();
        if (automaticPerRecipient <= 0) {
            throw new IllegalArgumentException("hub.notify.recipients.automatic-per-recipient must be at least 1, was "
                    + automaticPerRecipient);
        }
        automaticWindow = automaticWindow == null ? Duration.ofHours(24) : automaticWindow;
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
