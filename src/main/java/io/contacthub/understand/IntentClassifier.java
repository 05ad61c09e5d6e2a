package io.contacthub.understand;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The configured rules table, checked top to bottom: the first intent with a keyword in the text
 * wins. English keywords match whole words ("order" does not match "border"); Chinese keywords
 * match anywhere, as Chinese has no spaces.
 */
@Component
public class IntentClassifier {

    private final List<CompiledRule> rules = new ArrayList<>();
    private final List<Keyword> urgent;

    public IntentClassifier(UnderstandProperties properties) {
        for (UnderstandProperties.IntentRule rule : properties.intents()) {
            rules.add(new CompiledRule(rule.intent(), rule.keywords().stream().map(Keyword::of).toList()));
        }
        this.urgent = properties.urgentKeywords().stream().map(Keyword::of).toList();
    }

    public Classification classify(String text) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        for (CompiledRule rule : rules) {
            for (Keyword keyword : rule.keywords()) {
                if (keyword.foundIn(lower)) {
                    return new Classification(rule.intent(), "keyword \"" + keyword.text() + "\"");
                }
            }
        }
        return new Classification(Intent.GENERAL, "no rule matched");
    }

    public boolean isUrgent(String text) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return urgent.stream().anyMatch(k -> k.foundIn(lower));
    }

    public record Classification(Intent intent, String reason) {
    }

    private record CompiledRule(Intent intent, List<Keyword> keywords) {
    }

    private record Keyword(String text, Pattern wordPattern) {
        static Keyword of(String keyword) {
            String lower = keyword.toLowerCase(Locale.ROOT);
            boolean latin = lower.chars().allMatch(c -> c < 128);
            return new Keyword(lower, latin ? Pattern.compile("\\b" + Pattern.quote(lower) + "\\b") : null);
        }

        boolean foundIn(String lowerText) {
            return wordPattern == null ? lowerText.contains(text) : wordPattern.matcher(lowerText).find();
        }
    }
}
