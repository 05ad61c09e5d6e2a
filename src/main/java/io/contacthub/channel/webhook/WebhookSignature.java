package io.contacthub.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook channel's signatures, both ways: {@code sha256=<hex>}, HMAC-SHA256 with the source's secret over the
 * exact raw body, or over {@code <timestamp>.<raw body>} when the source sends a timestamp header (so a captured post
 * cannot be replayed later with a fresh timestamp). Compared in constant time, before anything parses the body.
 */
final class WebhookSignature {

    static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The header value for {@code body}: {@code sha256=<lower-case hex>}. */
    static String sign(String secret, String timestamp, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /** Why a post is refused, or null when its signature (and timestamp, if the source uses one) holds. */
    static String refusal(WebhookSettings.Source source, byte[] body, String signature, String timestamp, Instant now) {
        if (source.timestampHeader() != null) {
            if (timestamp == null || timestamp.isBlank()) {
                return "missing " + source.timestampHeader() + " header";
            }
        } else {
            timestamp = null; // not part of the signed content
        }
        if (signature == null || signature.isBlank()) {
            return "missing " + source.signatureHeader() + " header";
        }
        if (!matches(source.secret(), timestamp == null ? null : timestamp.trim(), body, signature)) {
            return "invalid " + source.signatureHeader();
        }
        if (timestamp != null) {
            long seconds;
            try {
                seconds = Long.parseLong(timestamp.trim());
            } catch (NumberFormatException e) {
                return source.timestampHeader() + " must be Unix time in seconds";
            }
            Duration off = Duration.between(Instant.ofEpochSecond(Math.max(0, seconds)), now).abs();
            if (off.compareTo(source.timestampTolerance()) > 0) {
                return source.timestampHeader() + " is " + off.toSeconds() + " s away from the hub's clock (allowed: "
                        + source.timestampTolerance().toSeconds() + " s)";
            }
        }
        return null;
    }

    /** Whether {@code header} is the signature of {@code body}, compared in constant time. */
    static boolean matches(String secret, String timestamp, byte[] body, String header) {
        String value = header.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, timestamp, body), given);
    }

    private static byte[] mac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            if (timestamp != null) {
                mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            }
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
