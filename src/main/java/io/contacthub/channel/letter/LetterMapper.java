package io.contacthub.channel.letter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.intake.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * What staff entered on the letter form to an InboundMessage on channel {@value #CHANNEL}. Keyed by the
 * form's one-time token, so submitting the same form twice is one message. The raw original is the
 * {@link LetterEnvelope}: the entry, the staff member and the time, and the scanned file. Plain Java:
 * no Camel, no Spring needed to use it.
 */
@Component("letterMapper")
public class LetterMapper {

    public static final String CHANNEL = "LETTER";
    static final String CONTENT_TYPE = "application/vnd.contacthub.letter+json";
    static final String EXTERNAL_ID_PREFIX = "letter:";
    static final String SOURCE_PREFIX = "console:";

    private final ObjectMapper json;

    public LetterMapper(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param staff the signed-in staff member logging it (from the session, never from the form)
     * @param at    when they logged it
     */
    public InboundMessage toInbound(LetterEntry entry, String staff, Instant at) {
        Objects.requireNonNull(staff, "staff");
        LetterEnvelope.Vouch vouch = entry.vouch() == null ? null
                : new LetterEnvelope.Vouch(entry.vouch().customerId(), entry.vouch().kind(), entry.vouch().value(),
                        entry.vouch().checked().name(), staff);
        LetterEnvelope.Scan scan = entry.scan() == null ? null
                : new LetterEnvelope.Scan(fileName(entry.scan().fileName()), entry.scan().contentType(),
                        sha256(entry.scan().content()), entry.scan().content());
        LetterEnvelope envelope = new LetterEnvelope(LetterEnvelope.VERSION, entry.token(), entry.kind().name(), staff,
                at.toString(), blankToNull(entry.name()), blankToNull(entry.email()), blankToNull(entry.phone()),
                blankToNull(entry.subject()), blankToNull(entry.text()), blankToNull(entry.ticketRef()),
                blankToNull(entry.intent()), vouch, scan, fingerprint(entry));
        return new InboundMessage(CHANNEL, externalId(entry.token()), SOURCE_PREFIX + staff, sender(entry), CONTENT_TYPE,
                envelope.write(json));
    }

    static String externalId(String token) {
        return EXTERNAL_ID_PREFIX + token.strip();
    }

    /**
     * Who the contact is from as staff read it in lists: "张三 <zhang@example.cn>", a number, the identity staff
     * checked when nothing was typed, or null.
     */
    static String sender(LetterEntry entry) {
        String name = blankToNull(entry.name());
        String address = blankToNull(entry.email()) != null ? entry.email().strip()
                : blankToNull(entry.phone()) != null ? entry.phone().strip()
                : entry.vouch() == null ? null : entry.vouch().value();
        if (name != null && address != null) {
            return name + " <" + address + ">";
        }
        return name != null ? name : address;
    }

    /**
     * A hash of what was entered (not of who or when): the same form submitted twice has the same
     * fingerprint; the same token with other content is a reused form, not a double submit.
     */
    public static String fingerprint(LetterEntry entry) {
        StringBuilder s = new StringBuilder();
        for (Object part : new Object[] {entry.kind(), entry.name(), entry.email(), entry.phone(), entry.subject(),
                entry.text(), entry.ticketRef(), entry.intent(),
                entry.vouch() == null ? null : entry.vouch().customerId() + ":" + entry.vouch().kind() + ":"
                        + entry.vouch().value() + ":" + entry.vouch().checked(),
                entry.scan() == null ? null : sha256(entry.scan().content())}) {
            String v = part == null ? "" : part.toString().strip();
            s.append(v.length()).append(':').append(v).append('|');
        }
        return sha256(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The file's own name without any folder a browser sent, at most 200 characters; "scan" when none. */
    static String fileName(String name) {
        if (name == null || name.isBlank()) {
            return "scan";
        }
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).strip().replaceAll("\\p{Cntrl}", "");
        if (n.isEmpty()) {
            return "scan";
        }
        return n.length() > 200 ? n.substring(n.length() - 200) : n;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
