package io.contacthub.channel.letter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.intake.UnreadableMessageException;
import java.io.IOException;

/**
 * The raw original of a logged letter as stored ({@value LetterMapper#CONTENT_TYPE}): everything the staff
 * member entered, who they are and when, and the scanned file itself (base64 in the JSON), so a replay
 * parses the same contact again without the console. {@code fingerprint} is a hash of what was entered,
 * to tell a double submit (same) from a form reused for another letter (different).
 */
record LetterEnvelope(int version, String token, String kind, String loggedBy, String loggedAt, String name, String email,
                      String phone, String subject, String text, String ticketRef, String intent, Vouch vouch, Scan scan,
                      String fingerprint) {

    static final int VERSION = 1;

    /** @param by the staff member who vouched (the one who logged it) */
    record Vouch(long customerId, String kind, String value, String checked, String by) {
    }

    record Scan(String fileName, String contentType, String sha256, byte[] content) {
    }

    byte[] write(ObjectMapper json) {
        try {
            return json.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws UnreadableMessageException when the bytes are not a letter envelope */
    static LetterEnvelope read(ObjectMapper json, byte[] raw) {
        LetterEnvelope envelope;
        try {
            envelope = json.readValue(raw, LetterEnvelope.class);
        } catch (IOException e) {
            throw new UnreadableMessageException("stored letter is not valid JSON: " + e.getMessage(), e);
        }
        if (envelope == null) {
            throw new UnreadableMessageException("stored letter is JSON null, not a letter");
        }
        if (envelope.version() != VERSION) {
            throw new UnreadableMessageException("stored letter has envelope version " + envelope.version()
                    + ", this hub reads version " + VERSION);
        }
        if (LetterKind.parse(envelope.kind()).isEmpty()) {
            throw new UnreadableMessageException("stored letter has no known kind (" + envelope.kind()
                    + "; LETTER, WALK_IN, PHONE_CALL or NOTE)");
        }
        boolean noText = envelope.text() == null || envelope.text().isBlank();
        if (noText && envelope.scan() == null) {
            throw new UnreadableMessageException("stored letter has neither text nor a scanned file");
        }
        if (envelope.scan() != null && (envelope.scan().content() == null || envelope.scan().content().length == 0)) {
            throw new UnreadableMessageException("stored letter's scanned file " + envelope.scan().fileName() + " is empty (0 bytes)");
        }
        if (envelope.vouch() != null && (envelope.vouch().kind() == null || envelope.vouch().value() == null)) {
            throw new UnreadableMessageException("stored letter names a vouched customer without the identity staff checked");
        }
        return envelope;
    }

    LetterKind letterKind() {
        return LetterKind.parse(kind).orElseThrow();
    }
}
