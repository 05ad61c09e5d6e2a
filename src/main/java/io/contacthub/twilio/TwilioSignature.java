package io.contacthub.twilio;

import com.twilio.security.RequestValidator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature}: base64(HMAC-SHA1(auth token, URL + each form parameter as
 * name+value, sorted by name)). Checking is the Twilio SDK's {@code RequestValidator}; the one case
 * its {@code Map<String, String>} API cannot express, a repeated form key (its values appended
 * sorted, identical values once), is computed here the same way, as is the signature tests send.
 * JSON bodies: the URL carries {@code bodySHA256}, the hex SHA-256 of the raw body. Tested against
 * the SDKs' own vectors.
 */
public final class TwilioSignature {

    public static final String HEADER = "X-Twilio-Signature";

    private TwilioSignature() {
    }

    /** The signature Twilio sends for this URL and these form parameters. */
    public static String compute(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        if (params != null) {
            for (String name : new TreeSet<>(params.keySet())) {
                for (String value : new TreeSet<>(params.get(name))) {
                    data.append(name).append(value);
                }
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /**
     * A form (or parameterless) request. Checked by the Twilio SDK's {@code RequestValidator} (which
     * also tries the URL with its default port added or its explicit port removed); only a request
     * that repeats a form key, which that API cannot express, is checked by {@link #compute} here.
     */
    public static boolean isValid(String authToken, String url, Map<String, List<String>> params, String signature) {
        if (authToken == null || authToken.isEmpty() || url == null || signature == null || signature.isBlank()) {
            return false;
        }
        Map<String, String> single = new java.util.HashMap<>();
        boolean repeated = false;
        for (Map.Entry<String, List<String>> entry : (params == null ? Map.<String, List<String>>of() : params).entrySet()) {
            repeated |= entry.getValue().size() > 1;
            single.put(entry.getKey(), entry.getValue().isEmpty() ? "" : entry.getValue().get(0));
        }
        if (!repeated) {
            return new RequestValidator(authToken).validate(url, single, signature.trim());
        }
        byte[] given = signature.trim().getBytes(StandardCharsets.UTF_8);
        for (String candidate : urlVariants(url)) {
            byte[] expected = compute(authToken, candidate, params).getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }

    /** A request with a raw (JSON) body: the URL's {@code bodySHA256} must be the body's hash and the URL signed. */
    public static boolean isValidWithBody(String authToken, String url, byte[] body, String signature) {
        if (authToken == null || authToken.isEmpty() || url == null || signature == null || signature.isBlank()) {
            return false;
        }
        try {
            return new RequestValidator(authToken).validate(url, new String(body, StandardCharsets.UTF_8), signature.trim());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }


    /** The raw (undecoded) value of a query parameter, or null. */
    public static String queryParameter(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        int hash = url.indexOf('#', q);
        String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }

    /**
     * The URL as given, plus the same URL with its explicit port removed, or with the scheme's
     * default port (443/80) added when it has none. Userinfo, path and query stay exactly as given.
     */
    static List<String> urlVariants(String url) {
        List<String> variants = new ArrayList<>();
        variants.add(url);
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return variants;
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase();
        int authorityStart = schemeEnd + 3;
        int authorityEnd = url.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = url.indexOf(c, authorityStart);
            if (i >= 0 && i < authorityEnd) {
                authorityEnd = i;
            }
        }
        String authority = url.substring(authorityStart, authorityEnd);
        int hostStart = authority.lastIndexOf('@') + 1;
        String hostPort = authority.substring(hostStart);
        int portColon = hostPort.startsWith("[") ? hostPort.indexOf("]:") + 1 : hostPort.lastIndexOf(':');
        String head = url.substring(0, authorityStart) + authority.substring(0, hostStart);
        String tail = url.substring(authorityEnd);
        if (portColon > 0) {
            variants.add(head + hostPort.substring(0, portColon) + tail);
        } else if (scheme.equals("https") || scheme.equals("http")) {
            variants.add(head + hostPort + (scheme.equals("https") ? ":443" : ":80") + tail);
        }
        return variants;
    }
}
