package io.contacthub.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** What Twilio's webhook requests are made of, for the SMS and voice tests. */
public final class TwilioRequests {

    private TwilioRequests() {
    }

    /** The form Twilio posts to the SMS webhook for a text from {@code from} to the hub's number {@code to}. */
    public static Map<String, String> incomingSms(String sid, String from, String to, String body) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("SmsSid", sid);
        params.put("AccountSid", HubIntegrationTest.TWILIO_ACCOUNT_SID);
        params.put("From", from);
        params.put("To", to);
        params.put("Body", body);
        params.put("NumMedia", "0");
        params.put("NumSegments", "1");
        params.put("SmsStatus", "received");
        params.put("ApiVersion", "2010-04-01");
        return params;
    }

    /** The parameters as the form body Twilio posts (UTF-8, in the given order). */
    public static String form(Map<String, String> params) {
        StringJoiner form = new StringJoiner("&");
        params.forEach((k, v) -> form.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return form.toString();
    }

    /** A fresh Twilio-style id (SM…, CA…, RE…). */
    public static String newSid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    /** A fresh valid Chinese mobile number in E.164, so tests never share a sender. */
    public static String newMobile() {
        return "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
