package io.contacthub.ticket;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ticket references: {@code CH-000123}, carried in subjects and replies as {@code [#CH-000123]}. */
public final class TicketReference {

    private static final Pattern TAG = Pattern.compile("\\[#\\s*(CH-\\d{6,})\\s*]", Pattern.CASE_INSENSITIVE);

    private TicketReference() {
    }

    public static String of(long ticketId) {
        return String.format("CH-%06d", ticketId);
    }

    public static String tag(String ref) {
        return "[#" + ref + "]";
    }

    /** The first {@code [#CH-…]} tag in the text, upper-cased. */
    public static Optional<String> findTag(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TAG.matcher(text);
        return m.find() ? Optional.of(m.group(1).toUpperCase()) : Optional.empty();
    }
}
