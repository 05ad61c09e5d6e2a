package io.contacthub.understand;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The readable rules of the understand stage, from {@code hub.understand} in application.yml
 * (override in config/application-*.yml): number patterns and the intent keyword table.
 */
@ConfigurationProperties("hub.understand")
public record UnderstandProperties(List<String> orderPatterns, List<String> waybillPatterns,
                                   List<IntentRule> intents, List<String> urgentKeywords) {

    public UnderstandProperties {
        orderPatterns = orderPatterns == null ? List.of() : orderPatterns;
        waybillPatterns = waybillPatterns == null ? List.of() : waybillPatterns;
        intents = intents == null ? List.of() : intents;
        urgentKeywords = urgentKeywords == null ? List.of() : urgentKeywords;
    }

    public record IntentRule(Intent intent, List<String> keywords) {
    }
}
