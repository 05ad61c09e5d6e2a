package io.contacthub.channel.voice;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.voice.*}: the language callers are greeted in, per dialled number, and the IVR's limits (defaults
 * in application.yml). A bad value stops the start with the property's name.
 *
 * @param defaultLanguage     zh or en, for numbers not listed
 * @param numbers             dialled number (E.164, the webhook's {@code To}) to zh|en; in YAML write the key
 *                            as {@code "[+8610950000]"} so the {@code +} survives, though a key without it matches too
 * @param maxRecordingSeconds the longest voicemail ({@code <Record maxLength>})
 * @param gatherTimeoutSeconds seconds the menu waits for a key before going to voicemail
 * @param trackingLookupDeadline how long a caller who keyed in a waybill waits for the tracking system
 */
@Validated
@ConfigurationProperties("hub.voice")
public record VoiceProperties(String defaultLanguage, Map<String, String> numbers,
                              @Positive int maxRecordingSeconds, @Positive int gatherTimeoutSeconds,
                              @PositiveAmount Duration trackingLookupDeadline) {

    public VoiceProperties {
        numbers = numbers == null ? Map.of() : Map.copyOf(numbers); // none listed: every number greets in the default
        String given = defaultLanguage;
        defaultLanguage = language(given, null);
        if (defaultLanguage == null) {
            throw new IllegalArgumentException("hub.voice.default-language must be zh or en (was "
                    + (given == null ? null : "'" + given + "'") + ")");
        }
        for (Map.Entry<String, String> entry : numbers.entrySet()) {
            if (language(entry.getValue(), null) == null) {
                throw new IllegalArgumentException("hub.voice.numbers[" + entry.getKey() + "] must be zh or en (was '"
                        + entry.getValue() + "')");
            }
        }
    }

    /** The greeting language for a dialled number: its configured one, else the default. */
    public String languageFor(String dialled) {
        String digits = digits(dialled);
        if (!digits.isEmpty()) {
            for (Map.Entry<String, String> entry : numbers.entrySet()) {
                if (digits(entry.getKey()).equals(digits)) {
                    return language(entry.getValue(), defaultLanguage);
                }
            }
        }
        return defaultLanguage;
    }

    /** "en" or "zh"; anything else is the fallback. */
    static String language(String value, String fallback) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("en")) {
            return "en";
        }
        if (v.startsWith("zh") || v.startsWith("cmn")) {
            return "zh";
        }
        return fallback;
    }

    private static String digits(String number) {
        return number == null ? "" : number.replaceAll("[^0-9]", "");
    }
}
