package io.contacthub.complaint;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks a cause category for a new case from the words of the complaint. Categories are tried in
 * their sort order and the first with a matching hint wins. A hint in plain ASCII (e.g. "late")
 * matches whole words only, case-insensitively, so "late" does not fire on "translate"; any other
 * hint (破损) matches anywhere in the text. No match: UNCLASSIFIED, for staff to set.
 */
final class CategoryHints {

    static final String UNCLASSIFIED = "UNCLASSIFIED";

    record Match(String code, String reason) {
    }

    private CategoryHints() {
    }

    static Match classify(List<ComplaintCategories.Category> categories, String text) {
        String haystack = text == null ? "" : text.toLowerCase(Locale.ROOT);
        for (ComplaintCategories.Category category : categories) {
            if (!category.active() || UNCLASSIFIED.equals(category.code())) {
                continue;
            }
            Optional<String> hit = category.hints().stream().filter(h -> matches(haystack, h)).findFirst();
            if (hit.isPresent()) {
                return new Match(category.code(), "hint \"" + hit.get() + "\"");
            }
        }
        return new Match(UNCLASSIFIED, "no hint matched");
    }

    static boolean matches(String lowerText, String hint) {
        String h = hint == null ? "" : hint.strip().toLowerCase(Locale.ROOT);
        if (h.isEmpty()) {
            return false;
        }
        if (h.chars().allMatch(c -> c < 128)) {
            return Pattern.compile("(?<![a-z0-9])" + Pattern.quote(h) + "(?![a-z0-9])").matcher(lowerText).find();
        }
        return lowerText.contains(h);
    }
}
