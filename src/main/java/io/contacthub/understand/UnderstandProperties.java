package io.contacthub.understand;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The readable rules of the understand stage, from {@code hub.understand} in application.yml
 * (override in config/application-*.yml): number patterns, the intent keyword table, and how much
 * of a contact's text they read.
 *
 * <p>The patterns run on RE2/J (linear time, see {@link LinearPatterns}); one it cannot compile
 * fails the start with its property name.
 *
 * @param maxScannedChars patterns and keywords read this many characters of a contact's text (subject,
 *                        body and attachment text together); the rest is stored but not scanned
 */
@ConfigurationProperties("hub.understand")
public record UnderstandProperties(List<String> orderPatterns, List<String> waybillPatterns,
                                   List<IntentRule> intents, List<String> urgentKeywords, int maxScannedChars) {

    public static final String ORDER_PATTERNS = "hub.understand.order-patterns";
    public static final String WAYBILL_PATTERNS = "hub.understand.waybill-patterns";

    public UnderstandProperties {
        orderPatterns = orderPatterns == null ? List.of() : List.copyOf(orderPatterns);
        waybillPatterns = waybillPatterns == null ? List.of() : List.copyOf(waybillPatterns);
        intents = intents == null ? List.of() : List.copyOf(intents);
        urgentKeywords = urgentKeywords == null ? List.of() : List.copyOf(urgentKeywords);
        if (maxScannedChars < 1) {
            throw new IllegalArgumentException("hub.understand.max-scanned-chars must be at least 1 (was " + maxScannedChars + ")");
        }
        // Compiled here so a bad pattern stops the binding, naming its property, before any bean uses it.
        LinearPatterns.compileAll(ORDER_PATTERNS, orderPatterns);
        LinearPatterns.compileAll(WAYBILL_PATTERNS, waybillPatterns);
    }

    public record IntentRule(Intent intent, List<String> keywords) {
    }
}
