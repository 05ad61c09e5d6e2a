package io.contacthub.ticket;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a staff member typed into the search box, as the words every ticket found must contain.
 * <p>
 * Words are separated by white space; {@code "double quotes"} (also “Chinese quotes”) keep a phrase
 * together. Matching is by substring, so a word may be part of a longer one ({@code 4567890123} finds
 * {@code SF1234567890123}), case-insensitive and with full-width characters read as their half-width
 * forms: the text arrives here already normalised by the database's {@code search_norm} (NFKC, lower
 * case), the same function the index was built with. A word needs two characters (a character pair
 * is the index's unit); shorter ones are left out and said so. A phone number written with spaces,
 * dashes, dots or brackets is also looked for as its bare digits ({@code "138-0013-8000"} finds
 * {@code +8613800138000}).
 */
final class SearchText {

    /** Characters of the query as typed; a longer one is refused, not cut. */
    static final int MAX_LENGTH = 200;
    static final int MAX_WORDS = 8;
    static final int MIN_WORD = 2;

    /** One word: found when any of its forms is in the ticket. */
    record Word(String text, List<String> forms) {
        /** The LIKE patterns of its forms, wildcards in the word escaped: {@code 50%} matches "50%" only. */
        List<String> patterns() {
            return forms.stream().map(f -> "%" + escapeLike(f) + "%").toList();
        }
    }

    /** @param ignored words left out because they are shorter than {@link #MIN_WORD} */
    record Parsed(List<Word> words, List<String> ignored) {
        boolean empty() {
            return words.isEmpty();
        }
    }

    private SearchText() {
    }

    /** @param normalized the query after {@code search_norm} */
    static Parsed parse(String normalized) {
        List<String> tokens = tokens(normalized);
        Set<String> seen = new LinkedHashSet<>();
        List<Word> words = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String token : tokens) {
            String word = trimDecoration(token);
            if (word.isEmpty() || !seen.add(word)) {
                continue;
            }
            if (word.codePointCount(0, word.length()) < MIN_WORD) {
                ignored.add(word);
                continue;
            }
            List<String> forms = new ArrayList<>();
            forms.add(word);
            String digits = phoneDigits(word);
            if (digits != null && !digits.equals(word)) {
                forms.add(digits);
            }
            words.add(new Word(word, List.copyOf(forms)));
        }
        if (words.size() > MAX_WORDS) {
            throw new TicketSearch.InvalidSearch("words", "search for at most " + MAX_WORDS + " words at once, not " + words.size(),
                    MAX_WORDS);
        }
        return new Parsed(List.copyOf(words), List.copyOf(ignored));
    }

    /** White-space separated, with quoted phrases kept whole (inner white space as one space). */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '"' || c == '“' || c == '”') {
                if (quoted || current.length() > 0) {
                    flush(tokens, current);
                }
                quoted = !quoted;
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (quoted) {
                    if (current.length() > 0 && current.charAt(current.length() - 1) != ' ') {
                        current.append(' ');
                    }
                } else {
                    flush(tokens, current);
                }
            } else if (!Character.isISOControl(c)) {
                current.appendCodePoint(c);
            }
        }
        flush(tokens, current);
        return tokens;
    }

    private static void flush(List<String> tokens, StringBuilder current) {
        String token = current.toString().strip();
        if (!token.isEmpty()) {
            tokens.add(token);
        }
        current.setLength(0);
    }

    /** A reference copied with its tag ({@code [#CH-000123]}) or a word with the sentence's punctuation after it. */
    static String trimDecoration(String word) {
        String w = word;
        for (boolean changed = true; changed && !w.isEmpty(); ) {
            String before = w;
            if (w.length() >= 2 && w.charAt(0) == '(' && w.charAt(w.length() - 1) == ')') {
                w = w.substring(1, w.length() - 1);
            }
            // A bracket that closes inside the word, as in (021)6543, stays.
            while (!w.isEmpty() && ("[<#".indexOf(w.charAt(0)) >= 0 || w.charAt(0) == '(' && w.indexOf(')') < 0)) {
                w = w.substring(1);
            }
            while (!w.isEmpty() && ("]>,;:!?。，；：！？、".indexOf(w.charAt(w.length() - 1)) >= 0
                    || w.charAt(w.length() - 1) == ')' && w.indexOf('(') < 0)) {
                w = w.substring(0, w.length() - 1);
            }
            changed = !w.equals(before);
        }
        return w.strip();
    }

    /**
     * The digits of a word written like a phone number ({@code +86 138-0013-8000}, {@code (021) 6543.2100}):
     * at least 6 digits and nothing but digits, a leading +, spaces, dashes, dots and brackets; else null.
     */
    static String phoneDigits(String word) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || (c == '+' && i == 0))) {
                return null;
            }
        }
        return digits.length() >= 6 ? digits.toString() : null;
    }

    /** LIKE's wildcards and its escape character, escaped with {@code \}. */
    static String escapeLike(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
