package io.contacthub.understand.forms;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds form labels in a line of text, left to right, as the regular expression
 * {@code (?<![\p{L}\p{N}])(?:label|label|...)} with the longest label first would, where blanks
 * inside a label are optional ({@code \s*}: OCR drops and adds them), letters match in any case,
 * and a label ending in a Latin letter or digit must not run on into a letter or digit
 * ({@code (?![\p{L}\p{N}])}: "Tel" is not in "Telex").
 *
 * <p>It walks a trie of the labels from each position instead of running a regex: the label list
 * is a large alternation with lookaround, which a backtracking engine tries label by label and
 * RE2/J (no lookaround) runs slowly; the walk costs at most the longest label per position, so a
 * line costs time in proportion to its length whatever it holds.
 */
final class LabelFinder {

    /** A label as it stands in the line: {@code line.substring(start, end)}. */
    record Found(int start, int end) {
    }

    private final Node root = new Node();

    /** @param labels the configured labels (read NFKC-normalized, like the text); blank ones are left out */
    LabelFinder(Collection<String> labels) {
        labels.forEach(this::add);
    }

    List<Found> findAll(String line) {
        List<Found> found = new ArrayList<>();
        int at = 0;
        while (at < line.length()) {
            int end = at > 0 && isLetterOrNumber(line.codePointBefore(at)) ? -1 : longestAt(line, at);
            if (end > at) {
                found.add(new Found(at, end));
                at = end;
            } else {
                at += Character.charCount(line.codePointAt(at));
            }
        }
        return found;
    }

    /** The end of the longest label starting at {@code start} (a label's key length decides), or -1. */
    private int longestAt(String line, int start) {
        List<Node> states = List.of(root);
        int bestEnd = -1;
        int bestKeyLength = -1;
        int i = start;
        while (i < line.length() && !states.isEmpty()) {
            int cp = line.codePointAt(i);
            int next = i + Character.charCount(cp);
            List<Node> after = new ArrayList<>(2);
            boolean blank = isRegexBlank(cp);
            for (Node state : states) {
                if (blank) {
                    if (state.gap != null) {
                        addOnce(after, state.gap);
                    } else if (state.isGap) {
                        addOnce(after, state);
                    }
                    continue;
                }
                int folded = fold(cp);
                addOnce(after, state.children.get(folded));
                if (state.gap != null) {
                    addOnce(after, state.gap.children.get(folded)); // \s* matching no blank at all
                }
            }
            for (Node state : after) {
                boolean endsWell = !state.latinEnd || next == line.length() || !isLetterOrNumber(line.codePointAt(next));
                if (state.keyLength > bestKeyLength && endsWell) {
                    bestKeyLength = state.keyLength;
                    bestEnd = next;
                }
            }
            states = after;
            i = next;
        }
        return bestEnd;
    }

    private void add(String configured) {
        String label = configured.strip();
        if (label.isEmpty()) {
            return;
        }
        Node node = root;
        int keyLength = 0;
        boolean pendingGap = false;
        String normalized = Normalizer.normalize(label, Normalizer.Form.NFKC);
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (isRegexBlank(cp)) {
                pendingGap = true;
                continue;
            }
            if (pendingGap) {
                if (node.gap == null) {
                    node.gap = new Node();
                    node.gap.isGap = true;
                }
                node = node.gap;
                pendingGap = false;
            }
            node = node.children.computeIfAbsent(fold(cp), c -> new Node());
            keyLength += Character.charCount(cp);
        }
        node.keyLength = Math.max(node.keyLength, keyLength);
        // As the regex did: only a label ending in a Latin letter or digit must not run on into a word.
        char last = label.charAt(label.length() - 1);
        node.latinEnd |= Character.isLetterOrDigit(last) && last < 0x2E80;
    }

    private static void addOnce(List<Node> states, Node node) {
        if (node != null && !states.contains(node)) {
            states.add(node);
        }
    }

    /** Case-insensitive comparison as regex CASE_INSENSITIVE | UNICODE_CASE makes it. */
    private static int fold(int cp) {
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    /** Regex {@code \s}: [ \t\n\x0B\f\r]. */
    private static boolean isRegexBlank(int cp) {
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    }

    /** Regex {@code [\p{L}\p{N}]}. */
    static boolean isLetterOrNumber(int codePoint) {
        if (Character.isLetter(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    private static final class Node {
        final Map<Integer, Node> children = new HashMap<>();
        /** The state after blanks where the label has a space between words. */
        Node gap;
        boolean isGap;
        /** Non-blank characters of the label ending here; -1 when none ends here. */
        int keyLength = -1;
        boolean latinEnd;
    }
}
