package io.contacthub.customer;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How phone numbers are read ({@link PhoneNumbers}), from {@code hub.phone} (defaults in application.yml).
 * A bad value stops the start with the property's name.
 *
 * @param defaultRegion the region (ISO 3166 code libphonenumber knows, e.g. CN, HK, GB) a number written
 *                      without a country code belongs to
 */
@ConfigurationProperties("hub.phone")
public record PhoneSettings(String defaultRegion) {

    public PhoneSettings {
        String region = defaultRegion == null ? "" : defaultRegion.trim().toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("hub.phone.default-region must be a region libphonenumber knows, such as CN, "
                    + "HK or GB (was " + (defaultRegion == null ? "not set" : "'" + defaultRegion + "'") + ")");
        }
        defaultRegion = region;
    }
}
