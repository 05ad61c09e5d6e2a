package io.contacthub.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a staff password must be: at least {@value #MIN_LENGTH} characters, at most {@value #MAX_BYTES} bytes
 * (BCrypt reads no further), not the user name nor containing it, not one character repeated, and not one of the
 * common passwords in {@code staff/common-passwords.txt}. Checked whenever a person chooses a password; the
 * one-time passwords the hub makes meet it too.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_BYTES = 72;

    /** Why a password was refused: an English text for the API, a message key (with {@link #args()}) for the console. */
    public enum Problem {
        TOO_SHORT("password.rule.short", "the password must have at least " + MIN_LENGTH + " characters"),
        TOO_LONG("password.rule.long", "the password must be at most " + MAX_BYTES + " bytes (about 24 Chinese characters)"),
        CONTAINS_USERNAME("password.rule.username", "the password must not be or contain the user name"),
        TOO_COMMON("password.rule.common", "this password is one of the most common ones; choose another"),
        SAME_AS_BEFORE("password.rule.same", "the new password must differ from the current one"),
        MISMATCH("password.rule.mismatch", "the two new passwords are not the same");

        private final String key;
        private final String text;

        Problem(String key, String text) {
            this.key = key;
            this.text = text;
        }

        public String key() {
            return key;
        }

        public String text() {
            return text;
        }

        public Object[] args() {
            return this == TOO_SHORT ? new Object[] {MIN_LENGTH} : this == TOO_LONG ? new Object[] {MAX_BYTES} : new Object[0];
        }
    }

    private static final Set<String> COMMON = load();

    private PasswordRules() {
    }

    /** @return what is wrong with this password for this account, or empty when it may be used */
    public static Optional<Problem> check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of(Problem.TOO_SHORT);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of(Problem.TOO_LONG);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && (lower.equals(name) || (name.length() >= 3 && lower.contains(name)))) {
            return Optional.of(Problem.CONTAINS_USERNAME);
        }
        if (COMMON.contains(lower) || lower.codePoints().distinct().count() == 1) {
            return Optional.of(Problem.TOO_COMMON);
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        Set<String> common = new HashSet<>();
        try (InputStream in = PasswordRules.class.getResourceAsStream("/staff/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("staff/common-passwords.txt is missing from the hub's jar");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    common.add(entry.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(common);
    }
}
