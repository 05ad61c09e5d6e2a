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
 * @param carriers        waybill numbers of the common carriers: name, pattern (prefix and length), check rule
 *                        ({@code none} or {@code s10}); a number of that shape is a waybill wherever it stands
 * @param waybillLabels   a number after one of these ("运单号是 …", "tracking no.: …") is a waybill number even when
 *                        no carrier pattern matches it, at a lower confidence
 * @param orderLabels     likewise for order numbers ("订单号为 …", "order no. …")
 */
@ConfigurationProperties("hub.understand")
public record UnderstandProperties(List<String> orderPatterns, List<String> waybillPatterns,
                                   List<IntentRule> intents, List<String> urgentKeywords, int maxScannedChars,
                                   List<Carrier> carriers, List<String> waybillLabels, List<String> orderLabels) {

    public static final String ORDER_PATTERNS = "hub.understand.order-patterns";
    public static final String WAYBILL_PATTERNS = "hub.understand.waybill-patterns";

    public UnderstandProperties {
        orderPatterns = orderPatterns == null ? List.of() : List.copyOf(orderPatterns);
        waybillPatterns = waybillPatterns == null ? List.of() : List.copyOf(waybillPatterns);
        intents = intents == null ? List.of() : List.copyOf(intents);
        urgentKeywords = urgentKeywords == null ? List.of() : List.copyOf(urgentKeywords);
        carriers = carriers == null ? List.of() : List.copyOf(carriers);
        waybillLabels = waybillLabels == null ? List.of() : List.copyOf(waybillLabels);
        orderLabels = orderLabels == null ? List.of() : List.copyOf(orderLabels);
        if (maxScannedChars < 1) {
            throw new IllegalArgumentException("hub.understand.max-scanned-chars must be at least 1 (was " + maxScannedChars + ")");
        }
        // Compiled here so a bad pattern stops the binding, naming its property, before any bean uses it.
        LinearPatterns.compileAll(ORDER_PATTERNS, orderPatterns);
        LinearPatterns.compileAll(WAYBILL_PATTERNS, waybillPatterns);
        new Carriers(carriers);
    }

    /**
     * @param name    the carrier, as staff know it (SF, YTO, ...)
     * @param pattern the whole number (RE2/J), e.g. {@code SF\d{12,13}}
     * @param check   {@code none} or {@code s10} (UPU S10 check digit)
     */
    public record Carrier(String name, String pattern, String check) {
        public Carrier {
            check = check == null || check.isBlank() ? "none" : check.trim().toLowerCase(java.util.Locale.ROOT);
            if (!Carriers.CHECKS.contains(check)) {
                throw new IllegalArgumentException("hub.understand.carriers: carrier " + name + " has check '" + check
                        + "'; use one of " + Carriers.CHECKS);
            }
        }
    }

    public record IntentRule(Intent intent, List<String> keywords) {
    }
}
