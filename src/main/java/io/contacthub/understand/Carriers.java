package io.contacthub.understand;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Waybill numbers of the carriers a centre ships with ({@code hub.understand.carriers}, README "Carrier waybill
 * numbers"): each carrier's number pattern (its prefix and length) and, where the carrier publishes one, its check
 * rule. Only China Post / EMS international numbers have a published check digit (UPU S10); for the others a
 * number of the right shape is all that can be checked.
 */
public final class Carriers {

    /** Check rules a carrier entry may name. */
    public static final List<String> CHECKS = List.of("none", "s10");

    private final List<Compiled> carriers;

    /**
     * @param literal letters or digits every number of this carrier starts with ("SF", "DPK"), or null when that
     *                cannot be read off the pattern: a text without them cannot hold such a number, so the pattern's
     *                RE2/J pass over the text is skipped (the passes are most of what reading a contact costs)
     */
    /** {@code inText} is tried only where one of its leading words occurs ({@link AnchoredScan}) when gated. */
    private record Compiled(String name, Pattern whole, AnchoredScan inText, String check, String literal) {
    }

    /**
     * The literal a pattern's every match starts with: its leading plain letters and digits, when it has no
     * alternation anywhere (which could offer another start) and without a last character a quantifier makes
     * optional. Null when there is none. Conservative on purpose: a wrong literal would lose numbers.
     */
    static String requiredLiteral(String pattern) {
        if (pattern == null || pattern.indexOf('|') >= 0) {
            return null;
        }
        int end = 0;
        while (end < pattern.length() && isPlain(pattern.charAt(end))) {
            end++;
        }
        if (end < pattern.length() && "?*{".indexOf(pattern.charAt(end)) >= 0) {
            end--; // "SFX?" or "AB{0,1}": the last one may be absent
        }
        return end <= 0 ? null : pattern.substring(0, end);
    }

    private static boolean isPlain(char c) {
        return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** What a number was found to be. */
    public record Match(String carrier, String number, boolean checked) {
    }

    public Carriers(List<UnderstandProperties.Carrier> configured) {
        this(configured, true);
    }

    /** @param literalGate false: every pattern runs over every text (what the gate is compared with in tests) */
    Carriers(List<UnderstandProperties.Carrier> configured, boolean literalGate) {
        List<Compiled> list = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            UnderstandProperties.Carrier c = configured.get(i);
            String property = "hub.understand.carriers[" + i + "].pattern";
            list.add(new Compiled(c.name(), LinearPatterns.compile(property, "^(?:" + c.pattern() + ")$"),
                    AnchoredScan.of(LinearPatterns.compile(property, "\\b(" + c.pattern() + ")\\b"), literalGate), c.check(),
                    literalGate ? requiredLiteral(c.pattern()) : null));
        }
        this.carriers = List.copyOf(list);
    }

    public boolean isEmpty() {
        return carriers.isEmpty();
    }

    /** The carrier whose pattern the whole of {@code number} is (upper-cased, blanks removed) and whose check it passes. */
    public Optional<Match> identify(String number) {
        if (number == null) {
            return Optional.empty();
        }
        String n = number.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        for (Compiled c : carriers) {
            if (c.whole.matcher(n).matches() && passes(c.check, n)) {
                return Optional.of(new Match(c.name, n, !"none".equals(c.check)));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code number} has a carrier's shape but fails its check digit (a misread digit, most likely). */
    public boolean failsCheck(String number) {
        String n = number == null ? "" : number.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        for (Compiled c : carriers) {
            if (c.whole.matcher(n).matches() && !passes(c.check, n)) {
                return true;
            }
        }
        return false;
    }

    /** Every carrier number in the text, in order of the carriers, each once. */
    List<Match> findAll(String text) {
        List<Match> found = new ArrayList<>();
        String upper = text.toUpperCase(Locale.ROOT);
        for (Compiled c : carriers) {
            if (c.literal != null && !upper.contains(c.literal)) {
                continue;
            }
            for (AnchoredScan.Hit m : c.inText.findAll(upper)) {
                String n = m.group1();
                if (passes(c.check, n) && found.stream().noneMatch(f -> f.number().equals(n))) {
                    found.add(new Match(c.name, n, !"none".equals(c.check)));
                }
            }
        }
        return found;
    }

    static boolean passes(String check, String number) {
        return switch (check) {
            case "s10" -> s10(number);
            default -> true;
        };
    }

    /**
     * UPU S10: two letters, 8 serial digits, a check digit, the country code. Weights 8 6 4 2 3 5 9 7; check = 11 − sum
     * mod 11, where 10 is written 0 and 11 is written 5.
     */
    static boolean s10(String number) {
        if (number.length() != 13) {
            return false;
        }
        int[] weights = {8, 6, 4, 2, 3, 5, 9, 7};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char d = number.charAt(2 + i);
            if (d < '0' || d > '9') {
                return false;
            }
            sum += (d - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        check = check == 10 ? 0 : check == 11 ? 5 : check;
        return number.charAt(10) == (char) ('0' + check);
    }
}
