package io.contacthub.satisfaction;

import java.text.Normalizer;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What counts as a rating in a text: the whole message is one digit from 1 to 5, full-width or not, with at most a
 * unit ("4分", "5星", "4 stars", "3/5") and punctuation around it. "5 boxes are missing" is a message for staff,
 * not a rating: only a message that is nothing but the number is taken as one.
 */
public final class RatingReplies {

    private static final Pattern RATING = Pattern.compile(
            "[\\p{Punct}\\s]*([1-5])\\s*(?:分|星|颗星|/\\s*5|stars?|points?)?[\\p{Punct}。！？，、\\s]*");

    private RatingReplies() {
    }

    public static OptionalInt score(String text) {
        if (text == null || text.length() > 20) {
            return OptionalInt.empty();
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        Matcher m = RATING.matcher(plain);
        return m.matches() ? OptionalInt.of(m.group(1).charAt(0) - '0') : OptionalInt.empty();
    }
}
