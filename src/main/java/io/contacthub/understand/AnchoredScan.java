package io.contacthub.understand;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A configured pattern tried only where a match can begin. Most entity patterns begin with a word ("order",
 * "运单号", "SO"); RE2/J pays per character of the text and per state of the pattern, so a pass over a long mail
 * costs far more than trying the pattern, anchored, at the few places that word occurs (issue 17: the entity
 * passes were the largest part of reading a contact). The words are read off the pattern ({@link #leadingLiterals});
 * a pattern whose every match does not provably start with one of them is scanned whole, as before.
 *
 * <p>The matches found are exactly a whole-text {@code find()} loop's: matches can only start where a literal
 * occurs, so trying the occurrences in order from the end of the last match, anchored, yields the same leftmost
 * matches; the anchored try carries the character before the occurrence, so {@code \b} sees what it would.
 * {@code AnchoredScanTest} compares both on random texts.
 */
final class AnchoredScan {

    /** A match: where it is in the text, the whole match and its first group (null when there is none). */
    record Hit(int start, int end, String whole, String group1) {
        String value() {
            return group1 != null ? group1 : whole;
        }
    }

    private final Pattern pattern;
    private final List<String> literals;
    private final boolean caseInsensitive;
    private final Pattern withContext;
    private final Pattern atStart;

    private AnchoredScan(Pattern pattern, List<String> literals, boolean caseInsensitive) {
        this.pattern = pattern;
        this.literals = literals;
        this.caseInsensitive = caseInsensitive;
        // "^": RE2/J runs an anchored match on its NFA, which steps to the end of the input even after every thread
        // has died unless the program itself starts at the beginning of the text; with it, a failed try stops there
        this.withContext = literals == null ? null : Pattern.compile("^(?s:.)(?:" + pattern.pattern() + ")");
        this.atStart = literals == null ? null : Pattern.compile("^(?:" + pattern.pattern() + ")");
    }

    static AnchoredScan of(Pattern pattern) {
        return of(pattern, true);
    }

    /** @param gate false: always a whole-text pass (what the gated scan is compared with in tests) */
    static AnchoredScan of(Pattern pattern, boolean gate) {
        String source = pattern.pattern();
        boolean ci = source.startsWith("(?i)");
        List<String> lits = gate ? leadingLiterals(ci ? source.substring(4) : source) : null;
        if (lits != null && ci) {
            List<String> lower = new ArrayList<>();
            for (String l : lits) {
                String low = l.toLowerCase(Locale.ROOT);
                if (low.length() != l.length()) {
                    lits = null; // a letter whose lower case is longer: positions would not line up
                    break;
                }
                lower.add(low);
            }
            if (lits != null) {
                lits = lower;
            }
        }
        return new AnchoredScan(pattern, lits, ci);
    }

    boolean gated() {
        return literals != null;
    }

    List<Hit> findAll(String text) {
        List<Hit> hits = new ArrayList<>();
        if (literals == null) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                hits.add(new Hit(m.start(), m.end(), m.group(), m.groupCount() >= 1 ? m.group(1) : null));
            }
            return hits;
        }
        String hay = caseInsensitive ? text.toLowerCase(Locale.ROOT) : text;
        if (hay.length() != text.length()) {
            return of(pattern, false).findAll(text);
        }
        int[] starts = occurrences(hay);
        int from = 0;
        Matcher first = null;
        Matcher later = null;
        for (int p : starts) {
            if (p < from) {
                continue;
            }
            Matcher m;
            int offset;
            if (p == 0) {
                m = first = first == null ? atStart.matcher(text) : first.reset(text);
                offset = 0;
            } else {
                CharSequence view = new Window(text, p - 1);
                m = later = later == null ? withContext.matcher(view) : later.reset(view);
                offset = p - 1;
            }
            if (m.lookingAt()) {
                int end = m.end() + offset;
                hits.add(new Hit(p, end, text.substring(p, end), m.groupCount() >= 1 ? m.group(1) : null));
                from = end;
            }
        }
        return hits;
    }

    private int[] occurrences(String hay) {
        int[] found = new int[16];
        int n = 0;
        for (String literal : literals) {
            for (int i = hay.indexOf(literal); i >= 0; i = hay.indexOf(literal, i + 1)) {
                if (n == found.length) {
                    found = Arrays.copyOf(found, n * 2);
                }
                found[n++] = i;
            }
        }
        int[] sorted = Arrays.copyOf(found, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * The words one of which every match of {@code regex} starts with, or null when that cannot be read off it. Read:
     * a top-level alternation, groups ({@code (?:…)} or capturing) at the start, {@code \b}, then a run of plain
     * characters (letters, digits, escaped punctuation, {@code \Q…\E}); a group or character that may be absent
     * ({@code ?}, {@code *}, {@code {0,…}}) ends the run before it. Anything else gives null.
     */
    static List<String> leadingLiterals(String regex) {
        List<String> alternatives = splitTopLevel(regex);
        if (alternatives == null) {
            return null;
        }
        List<String> literals = new ArrayList<>();
        for (String alt : alternatives) {
            List<String> lead = leadOfSequence(alt);
            if (lead == null) {
                return null;
            }
            literals.addAll(lead);
        }
        if (literals.isEmpty()) {
            return null;
        }
        // a word that begins with another of the words adds no place to try: the shorter one's occurrences cover it
        List<String> kept = new ArrayList<>();
        for (String l : literals) {
            boolean covered = kept.contains(l) || literals.stream().anyMatch(o -> o.length() < l.length() && l.startsWith(o));
            if (!covered) {
                kept.add(l);
            }
        }
        return List.copyOf(kept);
    }

    private static List<String> leadOfSequence(String s) {
        while (s.startsWith("\\b")) {
            s = s.substring(2);
        }
        if (s.startsWith("(")) {
            boolean capturing = !s.startsWith("(?");
            if (!capturing && !s.startsWith("(?:")) {
                return null; // flags or a named group: not read
            }
            int close = closingParen(s);
            if (close < 0) {
                return null;
            }
            if (close + 1 < s.length() && "?*{".indexOf(s.charAt(close + 1)) >= 0) {
                return null; // the group may be absent
            }
            return leadingLiterals(s.substring(capturing ? 1 : 3, close));
        }
        StringBuilder run = new StringBuilder();
        int i = 0;
        int lastStart = 0; // where the last literal character (or \Q…\E block's last character) began in run
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(i + 1);
                if (e == 'Q') {
                    int end = s.indexOf("\\E", i + 2);
                    String quoted = end < 0 ? s.substring(i + 2) : s.substring(i + 2, end);
                    if (quoted.isEmpty()) {
                        i = end < 0 ? s.length() : end + 2;
                        continue;
                    }
                    run.append(quoted);
                    lastStart = run.length() - 1;
                    i = end < 0 ? s.length() : end + 2;
                    continue;
                }
                if (Character.isLetterOrDigit(e) || e > 127) {
                    break; // \d, \s, \b, \w, \p…: not a literal
                }
                lastStart = run.length();
                run.append(e);
                i += 2;
                continue;
            }
            if (Character.isLetterOrDigit(c) || (c > 127 && !Character.isWhitespace(c)) || c == ' ' || c == '-' || c == ':'
                    || c == '#' || c == '@' || c == '/' || c == '_' || c == '%' || c == '&' || c == '=' || c == ',') {
                if (Character.isSurrogate(c)) {
                    return null;
                }
                lastStart = run.length();
                run.append(c);
                i++;
                continue;
            }
            break;
        }
        if (i < s.length() && "?*{".indexOf(s.charAt(i)) >= 0 && run.length() > 0) {
            run.setLength(lastStart); // "SFX?": the last character may be absent
        }
        return run.isEmpty() ? null : List.of(run.toString());
    }

    /** The pattern's top-level alternatives, or null when its parentheses do not balance. */
    private static List<String> splitTopLevel(String s) {
        int[] syntax = syntax(s);
        if (syntax == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i : syntax) {
            char c = s.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return null;
            }
            if (c == '|' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            return null;
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** Index of the parenthesis closing the one at 0, or -1. */
    private static int closingParen(String s) {
        int[] syntax = syntax(s);
        int depth = 0;
        for (int i : syntax == null ? new int[0] : syntax) {
            char c = s.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ')' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where the pattern's parentheses and bars are syntax: not escaped, not quoted ({@code \Q…\E}), not in a
     * character class. Null when a class is left open.
     */
    private static int[] syntax(String s) {
        int[] found = new int[s.length()];
        int n = 0;
        boolean inClass = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 < s.length() && s.charAt(i + 1) == 'Q') {
                    int end = s.indexOf("\\E", i + 2);
                    i = end < 0 ? s.length() : end + 1;
                } else {
                    i++;
                }
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < s.length() && s.charAt(i + 1) == ']') {
                    i++; // "[]…]": the first ] is a member
                } else if (i + 2 < s.length() && s.charAt(i + 1) == '^' && s.charAt(i + 2) == ']') {
                    i += 2;
                }
            } else if (c == '(' || c == ')' || c == '|') {
                found[n++] = i;
            }
        }
        return inClass ? null : Arrays.copyOf(found, n);
    }

    /** The text from {@code offset} on, without copying it (RE2/J reads a CharSequence through charAt). */
    private record Window(String text, int offset) implements CharSequence {
        @Override
        public int length() {
            return text.length() - offset;
        }

        @Override
        public char charAt(int index) {
            return text.charAt(offset + index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(offset + start, offset + end);
        }

        @Override
        public String toString() {
            return text.substring(offset);
        }
    }
}
