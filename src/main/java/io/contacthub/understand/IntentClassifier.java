package io.contacthub.understand;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The configured rules table, checked top to bottom: the first intent with a keyword in the text
 * wins. English keywords match whole words ("order" does not match "border"); Chinese keywords
 * match anywhere, as Chinese has no spaces.
 *
 * <p>Keywords are plain text, so they are looked up as text ({@link Keyword}), not as patterns:
 * the cost is bounded by the text's length times the keyword's, whatever the text holds.
 */
@Component
public class IntentClassifier {

    private final List<CompiledRule> rules = new ArrayList<>();
    private final List<Keyword> urgent;

    public IntentClassifier(UnderstandProperties properties) {
        for (UnderstandProperties.IntentRule rule : properties.intents()) {
            rules.add(new CompiledRule(rule.intent(), keywords(rule.keywords())));
        }
        this.urgent = keywords(properties.urgentKeywords());
    }

    /** A blank keyword would match every text; it is a slip in the configuration, not a rule. */
    private static List<Keyword> keywords(List<String> configured) {
        return (configured == null ? List.<String>of() : configured).stream()
                .filter(k -> k != null && !k.isBlank()).map(Keyword::of).toList();
    }

    /** @param text the text to read, already cut to the scanned prefix ({@link ScannedText}) */
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

    /**
     * A lower-cased keyword; a Latin one counts only as a whole word, with the word boundary of
     * Java's {@code \b} (letters and digits of any script, and '_', are word characters), so
     * "order" is found in "my order." but neither in "border" nor in "订单order".
     */
    private record Keyword(String text, boolean wholeWord) {
        static Keyword of(String keyword) {
            String lower = keyword.toLowerCase(Locale.ROOT);
            return new Keyword(lower, lower.chars().allMatch(c -> c < 128));
        }

        boolean foundIn(String lowerText) {
            for (int at = lowerText.indexOf(text); at >= 0; at = lowerText.indexOf(text, at + 1)) {
                if (!wholeWord || (boundaryAt(lowerText, at) && boundaryAt(lowerText, at + text.length()))) {
                    return true;
                }
            }
            return false;
        }

        private static boolean boundaryAt(String s, int i) {
            boolean before = i > 0 && isWord(s.codePointBefore(i));
            boolean after = i < s.length() && isWord(s.codePointAt(i));
            return before != after;
        }

        private static boolean isWord(int codePoint) {
            return codePoint == '_' || Character.isLetterOrDigit(codePoint);
        }
    }
}
