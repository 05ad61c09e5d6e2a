package io.contacthub.channel.email;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Charset handling for real Chinese mail: labels are routinely narrower than the bytes (GB2312
 * labels on GBK text, Big5 on HKSCS), and some "GB2312" bodies are really UTF-8. Legacy Chinese
 * labels are widened to their supersets, and UTF-8 is preferred when the bytes are valid UTF-8.
 */
final class CharsetDecoding {

    private static final Map<String, String> SUPERSETS = Map.ofEntries(
            Map.entry("gb2312", "GB18030"), Map.entry("gb_2312-80", "GB18030"), Map.entry("euc-cn", "GB18030"),
            Map.entry("x-euc-cn", "GB18030"), Map.entry("gbk", "GB18030"), Map.entry("x-gbk", "GB18030"),
            Map.entry("cp936", "GB18030"), Map.entry("ms936", "GB18030"), Map.entry("windows-936", "GB18030"),
            Map.entry("gb18030", "GB18030"), Map.entry("big5", "Big5-HKSCS"), Map.entry("x-big5", "Big5-HKSCS"),
            Map.entry("cn-big5", "Big5-HKSCS"), Map.entry("big5-hkscs", "Big5-HKSCS"),
            Map.entry("us-ascii", "windows-1252"), Map.entry("iso-8859-1", "windows-1252"));
    /*
     * A whole encoded word (=?charset*lang?B|Q?text?=), not just its "=?charset?" opening: matching
     * only the opening also matched "=?= =?" where a word ending in base64 padding ("...==?=") is
     * followed by the next word, so that next word's charset was never widened.
     */
    private static final Pattern ENCODED_WORD_CHARSET = Pattern.compile(
            "=\\?([^?*\\s]+)(\\*[^?\\s]*)?\\?([bq])\\?([^?\\s]*)\\?=", Pattern.CASE_INSENSITIVE);

    private CharsetDecoding() {
    }

    static String decode(byte[] bytes, String declared) {
        Charset charset = charsetFor(declared);
        boolean legacyCjk = charset.name().startsWith("GB") || charset.name().startsWith("Big5");
        if ((declared == null || legacyCjk) && !isAscii(bytes)) {
            String utf8 = strictUtf8(bytes);
            if (utf8 != null) {
                return utf8;
            }
        }
        return new String(bytes, charset);
    }

    static Charset charsetFor(String declared) {
        if (declared == null || declared.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        String name = declared.trim().replace("\"", "").toLowerCase(Locale.ROOT);
        String wider = SUPERSETS.get(name);
        try {
            return Charset.forName(wider != null ? wider : name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Rewrites the charset of RFC 2047 encoded words to its superset, before Jakarta Mail decodes them. */
    static String widenEncodedWordCharsets(String header) {
        if (header == null || !header.contains("=?")) {
            return header;
        }
        Matcher m = ENCODED_WORD_CHARSET.matcher(header);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String wider = SUPERSETS.get(m.group(1).toLowerCase(Locale.ROOT));
            String replacement = wider == null || wider.startsWith("windows") ? m.group()
                    : "=?" + wider + "?" + m.group(3) + "?" + m.group(4) + "?=";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
