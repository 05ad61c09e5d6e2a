package io.contacthub.channel.fax;

import io.contacthub.intake.InboundMessage;
import io.contacthub.twilio.FormBody;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Faxes to InboundMessages on channel FAX. The raw original is what arrived: the provider's
 * callback form (the file is downloaded during processing), or the spooled file itself.
 * Fax-to-email mail is mapped by the e-mail channel (channel FAX, raw = the .eml).
 */
@Component("faxMapper")
public class FaxMapper {

    public static final String CHANNEL = "FAX";
    static final String SPOOL_SOURCE_PREFIX = "spool:";
    /** A fax number in a file name or mail subject: 7-15 digits, optionally with a leading +. */
    private static final Pattern NUMBER = Pattern.compile("(?<![0-9])\\+?[0-9][0-9 \\-]{4,18}[0-9](?![0-9])");
    private static final Pattern LABELLED_NUMBER = Pattern.compile(
            "(?i)(?:fax|传真|from|发件|来自|tsi|csid)[^0-9+]{0,24}(\\+?[0-9][0-9 \\-]{4,20}[0-9])");

    /** The Twilio-style callback of a received fax, keyed by FaxSid. */
    InboundMessage webhook(byte[] rawForm, Map<String, List<String>> params) {
        String faxSid = FormBody.sid(params, "FaxSid");
        String from = FormBody.first(params, "From");
        String to = FormBody.first(params, "To");
        return new InboundMessage(CHANNEL, faxSid, "twilio:" + (to == null ? "" : to.trim()),
                from == null || from.isBlank() ? null : from.trim(), FormBody.CONTENT_TYPE, rawForm);
    }

    /**
     * A file from the spool folder, keyed by its content's SHA-256 (the same file dropped twice is one
     * fax). The sender's number is read from the file name (e.g. {@code +862150001234_0001.tif}, as a
     * FaxDispatch/faxrcvd script names it), when it carries one.
     */
    public InboundMessage spoolFile(byte[] content, String fileName) {
        String name = fileName == null ? "fax" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        String type = lower.endsWith(".pdf") ? "application/pdf" : "image/tiff";
        return new InboundMessage(CHANNEL, "spool:" + sha256(content), SPOOL_SOURCE_PREFIX + name, numberIn(name), type, content);
    }

    /** Raw content type of a spool file too large to be read: what is stored is a note; the file stays in failed/. */
    static final String OVERSIZE_TYPE = "text/x-oversize-fax";

    /**
     * A spool file over {@code hub.fax.max-file-bytes}: not read into memory. The message records its
     * name and size (keyed by them and the time found) and becomes FAILED with the reason; the file
     * itself is moved to failed/ by the spool route.
     */
    public InboundMessage oversizeSpoolFile(String fileName, long size, long maxBytes) {
        String name = fileName == null ? "fax" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        String note = "spool file " + name + " is " + size + " bytes, over the limit of " + maxBytes
                + " (hub.fax.max-file-bytes); not read, kept in the spool's failed/ folder";
        return new InboundMessage(CHANNEL, "spool-oversize:" + name + ":" + size + ":" + System.currentTimeMillis(),
                SPOOL_SOURCE_PREFIX + name, numberIn(name), OVERSIZE_TYPE, note.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The first phone-like number in a file name; null when none. */
    static String numberIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[ \\-]", "");
            if (digits.replace("+", "").length() >= 7 && digits.replace("+", "").length() <= 15) {
                return digits;
            }
        }
        return null;
    }

    /** The sender's fax number as a fax-to-email gateway writes it ("Fax from +86 21 5000 1234"); null when none. */
    static String labelledNumberIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = LABELLED_NUMBER.matcher(text);
        return m.find() ? m.group(1).replaceAll("[ \\-]", "") : numberIn(text);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
