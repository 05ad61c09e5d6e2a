package io.contacthub.channel.letter;

import java.util.Locale;
import java.util.Optional;

/** What staff log: a letter (信件), a visit at the counter (到访), a phone call outside Twilio (电话记录), a note (备注). */
public enum LetterKind {
    LETTER("Letter from", "Letter"),
    WALK_IN("Walk-in visit by", "Walk-in visit"),
    PHONE_CALL("Phone call from", "Phone call"),
    NOTE("Note about", "Note");

    private final String from;
    private final String alone;

    LetterKind(String from, String alone) {
        this.from = from;
        this.alone = alone;
    }

    /** The contact's subject when staff gave none: "Letter from 张三", or "Letter" when nobody is named. */
    String defaultSubject(String who) {
        return who == null || who.isBlank() ? alone : from + " " + who;
    }

    static Optional<LetterKind> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
