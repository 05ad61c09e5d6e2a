package io.contacthub.understand;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Configured patterns compiled with RE2/J, whose matching time grows linearly with the text
 * whatever the pattern: a backtracking engine can spend minutes on a crafted mail. RE2/J has no
 * lookaround and no backreferences; a pattern that needs them stops start-up with the name of the
 * property that holds it, rather than running on some other engine.
 */
public final class LinearPatterns {

    private LinearPatterns() {
    }

    /** @param property the configuration property holding the list, e.g. {@code hub.understand.order-patterns} */
    public static List<Pattern> compileAll(String property, List<String> patterns) {
        List<Pattern> compiled = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            compiled.add(compile(property + "[" + i + "]", patterns.get(i)));
        }
        return List.copyOf(compiled);
    }

    public static Pattern compile(String property, String regex) {
        if (regex == null || regex.isEmpty()) {
            throw new IllegalArgumentException(property + " is empty; give a regular expression or remove the entry");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(property + " = \"" + regex + "\" is not a regular expression the linear-time"
                    + " engine (RE2/J) accepts: " + e.getDescription() + ". RE2/J has no lookahead, lookbehind or"
                    + " backreferences, and its \\b knows ASCII letters only (a Chinese label needs no \\b)", e);
        }
    }
}
