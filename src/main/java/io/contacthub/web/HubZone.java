package io.contacthub.web;

import io.contacthub.config.HubSettings;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The zone for someone who chose none (a customer, a staff member with no zone on their profile): {@code hub.time-zone},
 * else Asia/Shanghai for a Chinese reader, else the JVM's own zone ({@code TZ}). One rule, used by {@link ViewerTime}
 * for pages and by {@link StaffProfiles} for a profile's {@link StaffProfile#zoneId()}.
 */
@Component
public class HubZone {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final String configured;

    HubZone(HubSettings settings) {
        this.configured = settings.timeZone();
    }

    /** @param locale the reader's language; null: not known (then only hub.time-zone or the JVM's zone) */
    public ZoneId forLocale(Locale locale) {
        if (!configured.isEmpty()) {
            return ZoneId.of(configured);
        }
        return locale != null && "zh".equals(locale.getLanguage()) ? CHINA : ZoneId.systemDefault();
    }
}
