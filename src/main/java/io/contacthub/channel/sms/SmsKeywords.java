package io.contacthub.channel.sms;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SMS control keywords, recognised only when they are the whole message (ignoring case,
 * surrounding spaces and trailing punctuation): "STOP" opts out, "STOP sending the wrong parcel"
 * is a message for staff. The English words are the ones carriers and Twilio treat as keywords;
 * 退订 / TD are the usual unsubscribe replies on Chinese networks.
 */
final class SmsKeywords {

    enum Kind { OPT_OUT, OPT_IN, HELP }

    record Keyword(Kind kind, String word) {
    }

    private static final Map<String, Kind> WORDS = Map.ofEntries(
            Map.entry("STOP", Kind.OPT_OUT), Map.entry("STOPALL", Kind.OPT_OUT), Map.entry("UNSUBSCRIBE", Kind.OPT_OUT),
            Map.entry("CANCEL", Kind.OPT_OUT), Map.entry("END", Kind.OPT_OUT), Map.entry("QUIT", Kind.OPT_OUT),
            Map.entry("REVOKE", Kind.OPT_OUT), Map.entry("OPTOUT", Kind.OPT_OUT), Map.entry("TD", Kind.OPT_OUT),
            Map.entry("退订", Kind.OPT_OUT), Map.entry("取消订阅", Kind.OPT_OUT), Map.entry("退订短信", Kind.OPT_OUT),
            Map.entry("START", Kind.OPT_IN), Map.entry("UNSTOP", Kind.OPT_IN), Map.entry("YES", Kind.OPT_IN),
            Map.entry("订阅", Kind.OPT_IN), Map.entry("恢复订阅", Kind.OPT_IN),
            Map.entry("HELP", Kind.HELP), Map.entry("INFO", Kind.HELP), Map.entry("帮助", Kind.HELP));

    private SmsKeywords() {
    }

    static Optional<Keyword> recognise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String word = text.strip().replaceAll("[\\p{Punct}。！？，、\\s]+$", "").replaceAll("^[\\p{Punct}\\s]+", "")
                .toUpperCase(Locale.ROOT);
        Kind kind = WORDS.get(word);
        return kind == null ? Optional.empty() : Optional.of(new Keyword(kind, word));
    }
}
