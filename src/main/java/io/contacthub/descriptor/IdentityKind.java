package io.contacthub.descriptor;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A kind of sender identity: an e-mail address, an E.164 phone or fax number, or whatever a channel
 * registers (a marketplace buyer id, a chat session id). A customer's identities are {@code (kind,
 * value)} pairs, unique across customers; the kind says how a raw value is normalised, so the same
 * sender spelled twice is one identity.
 */
public interface IdentityKind {

    /** Upper-case name stored in {@code customer_identity.kind}, e.g. {@code EMAIL}. */
    String name();

    String label(boolean chinese);

    /** The value as stored, or empty when the raw value is not an identity of this kind. */
    Optional<String> normalize(String raw);

    /**
     * A kind whose values are opaque ids: trimmed, at most {@code maxLength} characters, no control
     * characters, compared exactly.
     */
    static IdentityKind opaque(String name, String labelZh, String labelEn, int maxLength) {
        return of(name, labelZh, labelEn, raw -> {
            if (raw == null || raw.isBlank()) {
                return Optional.empty();
            }
            String v = raw.strip();
            if (v.length() > maxLength || v.codePoints().anyMatch(Character::isISOControl)) {
                return Optional.empty();
            }
            return Optional.of(v);
        });
    }

    static IdentityKind of(String name, String labelZh, String labelEn, Function<String, Optional<String>> normalizer) {
        ChannelDescriptor.checkName(name, "identity kind");
        Objects.requireNonNull(normalizer, "normalizer");
        return new IdentityKind() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String label(boolean chinese) {
                return chinese ? labelZh : labelEn;
            }

            @Override
            public Optional<String> normalize(String raw) {
                return raw == null ? Optional.empty() : normalizer.apply(raw);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
