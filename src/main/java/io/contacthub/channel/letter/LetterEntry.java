package io.contacthub.channel.letter;

import java.util.Objects;

/**
 * What a staff member entered on the console's letter form, checked by the form (sizes, formats, that a
 * vouched identity is the customer's). Identities typed here are what the letter or the visitor gave.
 *
 * @param token     the form's one-time token (idempotency key: a double submit is one contact)
 * @param ticketRef a ticket the contact continues ({@code CH-000123}), or null
 * @param intent    the matter staff declared (ORDER, COMPLAINT, TRACKING, GENERAL), or null to let the hub decide
 * @param vouch     the existing customer staff checked it is, by one of that customer's identities; null = not checked
 * @param scan      the scanned letter or document, or null
 */
public record LetterEntry(String token, LetterKind kind, String name, String email, String phone, String subject, String text,
                          String ticketRef, String intent, Vouch vouch, Scan scan) {

    public LetterEntry {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * Staff checked the contact is customer {@code customerId}'s, who has the identity ({@code kind}, {@code value}).
     *
     * @param checked how they checked ({@link IdentityCheck})
     */
    public record Vouch(long customerId, String kind, String value, IdentityCheck checked) {

        public Vouch {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(checked, "checked");
        }
    }

    /** The scanned file as uploaded; {@code contentType} is what the browser declared (the hub detects the real one). */
    public record Scan(String fileName, String contentType, byte[] content) {

        public Scan {
            Objects.requireNonNull(content, "content");
        }
    }
}
