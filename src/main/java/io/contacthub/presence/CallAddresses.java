package io.contacthub.presence;

import io.contacthub.customer.PhoneNumbers;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where each agent takes calls ({@code staff_user.call_address}): a phone number, stored in E.164 as libphonenumber
 * reads it (a national number in the hub's {@code hub.phone.default-region}), or a SIP address {@code sip:user@host}.
 * Anything else is refused with the reason, so the hub never dials something it cannot reach.
 */
@Component
public class CallAddresses {

    /** sip:user@host[:port], no parameters or headers: what Twilio dials as a SIP endpoint. */
    private static final Pattern SIP = Pattern.compile("(?i)^sip:[A-Za-z0-9._~+\\-]{1,64}@[A-Za-z0-9.\\-]{1,190}(:[0-9]{1,5})?$");

    private final JdbcClient jdbc;
    private final PhoneNumbers phones;

    CallAddresses(JdbcClient jdbc, PhoneNumbers phones) {
        this.jdbc = jdbc;
        this.phones = phones;
    }

    /** A call address that cannot be used, with the message key and the value refused. */
    public static class Refused extends RuntimeException {
        private final String key;

        Refused(String key, String message) {
            super(message);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * The address as it will be stored: E.164 or a lower-cased {@code sip:} address; empty for a blank input.
     * @throws Refused when it is neither a valid phone number nor a SIP address
     */
    public Optional<String> normalize(String input) {
        String value = input == null ? "" : input.strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.regionMatches(true, 0, "sip:", 0, 4)) {
            if (!SIP.matcher(value).matches()) {
                throw new Refused("presence.address.badSip", "not a SIP address sip:user@host: " + value);
            }
            return Optional.of("sip:" + value.substring(4).toLowerCase(Locale.ROOT));
        }
        if (value.length() > 32) {
            throw new Refused("presence.address.badPhone", "not a phone number: " + value);
        }
        return Optional.of(phones.normalize(value)
                .orElseThrow(() -> new Refused("presence.address.badPhone", "not a valid phone number: " + value)));
    }

    /** Saves the agent's own address (blank clears it). */
    public Optional<String> save(String username, String input) {
        Optional<String> address = normalize(input);
        jdbc.sql("update staff_user set call_address = ?, updated_at = now() where username = ?")
                .params(address.orElse(null), username).update();
        return address;
    }

    public Optional<String> of(String username) {
        return jdbc.sql("select call_address from staff_user where username = ?").param(username)
                .query(String.class).list().stream().filter(java.util.Objects::nonNull).findFirst();
    }
}
