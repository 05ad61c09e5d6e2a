package io.contacthub.channel.letter;

import java.util.Locale;
import java.util.Optional;

/** How the staff member who logged a contact checked that it is the customer's (recorded with the vouch). */
public enum IdentityCheck {
    /** A visitor showed an ID that matches the customer. */
    ID_SHOWN,
    /** The letter's letterhead, seal or signature matches the customer. */
    LETTERHEAD,
    /** Staff called the customer back on a number the hub already knew for them. */
    CALLED_BACK,
    /** Staff know the customer in person. */
    KNOWN_CUSTOMER;

    static Optional<IdentityCheck> parse(String value) {
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
