package io.contacthub.twilio;

import io.contacthub.intake.UnreadableMessageException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@code application/x-www-form-urlencoded} body (UTF-8, as Twilio sends it) read into its parameters. */
public final class FormBody {

    /** How Twilio posts its webhooks, and how the hub stores their raw originals. */
    public static final String CONTENT_TYPE = "application/x-www-form-urlencoded";
    private static final java.util.regex.Pattern SID = java.util.regex.Pattern.compile("^[A-Z]{2}[0-9a-zA-Z]{6,62}$");

    private FormBody() {
    }

    /**
     * @return parameters in the order received; a repeated name keeps every value
     * @throws IllegalArgumentException when a percent escape is malformed
     */
    public static Map<String, List<String>> parse(byte[] raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        String text = new String(raw, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    /** A form body stored by a webhook, read back while processing; unreadable means the message FAILS. */
    public static Map<String, List<String>> parseStored(byte[] raw, String what) {
        try {
            return parse(raw);
        } catch (IllegalArgumentException e) {
            throw new UnreadableMessageException("stored " + what + " is not a valid form body: " + e.getMessage(), e);
        }
    }

    /**
     * A Twilio id parameter (MessageSid, CallSid, RecordingSid...), trimmed.
     * @throws IllegalArgumentException when it is missing or not shaped like a Twilio SID
     */
    public static String sid(Map<String, List<String>> params, String name) {
        String sid = first(params, name);
        if (sid == null || !SID.matcher(sid.trim()).matches()) {
            throw new IllegalArgumentException(name + " is missing or not a Twilio SID");
        }
        return sid.trim();
    }

    /** The first value of a parameter, or null. */
    public static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed form encoding: " + e.getMessage(), e);
        }
    }
}
