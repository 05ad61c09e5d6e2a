package io.contacthub.channel.webhook;

import com.fasterxml.jackson.core.JsonPointer;
import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.webhook-in}: the generic inbound webhook channel and its sources (defaults in application.yml,
 * an example in config/application-webhook.example.yml). Each source is one integrator's system (a
 * marketplace, a chat app, a carrier's exception feed) posting JSON to {@code POST /webhooks/in/<source>},
 * signed with the source's own secret. A bad value stops the start with the property's name.
 *
 * @param maxBodyBytes             largest webhook body a source may post unless it sets its own (larger: 413)
 * @param threadWindow             a message joins the same sender's open webhook ticket last written to within
 *                                 this long (0s = off: only tags and order/waybill numbers thread)
 * @param acknowledge              a message that opens a ticket is answered with its reference (posted to the
 *                                 source's reply-url like any answer)
 * @param attachmentConnectTimeout connecting to an attachment's host
 * @param attachmentTimeout        the whole download of one attachment
 * @param replyTimeout             the whole POST of one answer to a reply-url
 * @param sources                  by name (lower case letters, digits, - and _; it is the path's last segment)
 */
@Validated
@ConfigurationProperties("hub.webhook-in")
public record WebhookSettings(@PositiveAmount DataSize maxBodyBytes, @NotNull Duration threadWindow, @NotNull Boolean acknowledge,
                              @PositiveAmount Duration attachmentConnectTimeout, @PositiveAmount Duration attachmentTimeout,
                              @PositiveAmount Duration replyTimeout, Map<String, Source> sources) {

    static final String PREFIX = "hub.webhook-in";
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]{0,15}");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** Built into every hub (customer.BuiltInIdentityKinds): a source may name them, not declare them again. */
    static final Set<String> BUILT_IN_KINDS = Set.of("EMAIL", "PHONE", "FAX", "LOGIN");
    static final int MIN_SECRET_CHARS = 16;

    public WebhookSettings {
        if (threadWindow != null && threadWindow.isNegative()) {
            throw new IllegalArgumentException(PREFIX + ".thread-window must be 0s (off) or a positive duration such as 72h, not "
                    + threadWindow);
        }
        Map<String, Source> named = new LinkedHashMap<>();
        Map<String, String> kindOwners = new LinkedHashMap<>();
        for (Map.Entry<String, Source> e : (sources == null ? Map.<String, Source>of() : sources).entrySet()) {
            String name = e.getKey() == null ? "" : e.getKey().trim().toLowerCase(Locale.ROOT);
            String property = PREFIX + ".sources." + name;
            if (!SOURCE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(PREFIX + ".sources: a source name is 1-32 lower-case letters, digits, - or _"
                        + " (it is the last segment of /webhooks/in/<source>), not '" + e.getKey() + "'");
            }
            Source source = e.getValue() == null ? new Source(null, null, null, null, null, null, null, null, null, null, null, null)
                    : e.getValue();
            source.check(property);
            String earlier = kindOwners.putIfAbsent(source.identityKind(), name);
            if (earlier != null) {
                throw new IllegalArgumentException(property + ".identity-kind: " + source.identityKind() + " is already the identity"
                        + " kind of source " + earlier + "; each source's senders are a kind of their own (answers are routed by it)");
            }
            named.put(name, source);
        }
        sources = java.util.Collections.unmodifiableMap(named); // in the order they were written
    }

    public Optional<Source> source(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(sources.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** The source whose senders are of this identity kind. */
    public Optional<Map.Entry<String, Source>> sourceOfKind(String kind) {
        return sources.entrySet().stream().filter(e -> e.getValue().identityKind().equals(kind)).findFirst();
    }

    /** {@link #maxBodyBytes()} of the source, or the channel's. */
    long maxBodyBytes(Source source) {
        return (source.maxBodyBytes() != null ? source.maxBodyBytes() : maxBodyBytes).toBytes();
    }

    /**
     * One integrator's system posting to {@code /webhooks/in/<name>}.
     *
     * @param secret             the HMAC-SHA256 key both sides share (at least 16 characters); from an environment
     *                           variable, never from a file in the repository. Unset: the source answers 503
     * @param signatureHeader    the header carrying {@code sha256=<hex>}, HMAC-SHA256 of the raw body (default
     *                           X-Hub-Signature-256); the hub signs its answers the same way
     * @param timestampHeader    when set, this header carries the Unix time (seconds) of the post, the signature
     *                           covers {@code <timestamp>.<raw body>}, and posts older or newer than
     *                           {@code timestampTolerance} are refused
     * @param timestampTolerance how far a post's timestamp may be from the hub's clock (default 5m)
     * @param identityKind       the identity kind of the senders' ids (upper case, at most 16 characters): one this
     *                           source declares ({@code identityLabels} set) or one the hub has (EMAIL, PHONE, FAX)
     * @param identityLabels     what staff read for that kind, in Chinese and English: declares a new kind
     * @param fields             JSON Pointers into the posted JSON (defaults: /id, /sender/id, /sender/name, ...)
     * @param replyUrl           where answers to this source's senders are POSTed (absolute http(s)); unset: the
     *                           hub answers them on another channel when it has an address
     * @param attachmentHosts    the only places attachment URLs are fetched from: {@code host}, {@code *.domain}
     *                           (HTTPS, port 443), or {@code scheme://host:port}; empty: URL attachments fail the message
     * @param maxAttachmentBytes largest attachment (decoded base64 or download); larger fails the message (default 10MB)
     * @param maxAttachments     most attachments in one message; more fails the message (default 10)
     * @param maxBodyBytes       this source's own body limit (default: {@code hub.webhook-in.max-body-bytes})
     */
    public record Source(String secret, String signatureHeader, String timestampHeader, Duration timestampTolerance,
                         String identityKind, Labels identityLabels, Fields fields, String replyUrl,
                         List<String> attachmentHosts, DataSize maxAttachmentBytes, Integer maxAttachments,
                         DataSize maxBodyBytes) {

        public Source {
            secret = secret == null || secret.isBlank() ? null : secret.trim();
            signatureHeader = signatureHeader == null || signatureHeader.isBlank() ? "X-Hub-Signature-256" : signatureHeader.trim();
            timestampHeader = timestampHeader == null || timestampHeader.isBlank() ? null : timestampHeader.trim();
            timestampTolerance = timestampTolerance == null ? Duration.ofMinutes(5) : timestampTolerance;
            identityKind = identityKind == null || identityKind.isBlank() ? null : identityKind.trim().toUpperCase(Locale.ROOT);
            fields = fields == null ? Fields.DEFAULTS : fields;
            replyUrl = replyUrl == null || replyUrl.isBlank() ? null : replyUrl.trim();
            attachmentHosts = attachmentHosts == null ? List.of()
                    : attachmentHosts.stream().filter(h -> h != null && !h.isBlank()).map(String::trim).toList();
            maxAttachmentBytes = maxAttachmentBytes == null ? DataSize.ofMegabytes(10) : maxAttachmentBytes;
            maxAttachments = maxAttachments == null ? 10 : maxAttachments;
        }

        void check(String property) {
            if (secret != null && secret.length() < MIN_SECRET_CHARS) {
                throw new IllegalArgumentException(property + ".secret must be at least " + MIN_SECRET_CHARS
                        + " characters (e.g. the output of `openssl rand -hex 32`), it has " + secret.length());
            }
            if (!HEADER.matcher(signatureHeader).matches()) {
                throw new IllegalArgumentException(property + ".signature-header must be a header name, not '" + signatureHeader + "'");
            }
            if (timestampHeader != null && !HEADER.matcher(timestampHeader).matches()) {
                throw new IllegalArgumentException(property + ".timestamp-header must be a header name, not '" + timestampHeader + "'");
            }
            if (timestampTolerance.isNegative() || timestampTolerance.isZero()) {
                throw new IllegalArgumentException(property + ".timestamp-tolerance must be a positive duration such as 5m, not "
                        + timestampTolerance);
            }
            if (identityKind == null || !KIND.matcher(identityKind).matches()) {
                throw new IllegalArgumentException(property + ".identity-kind must be 1-16 upper-case letters, digits or _ starting"
                        + " with a letter (e.g. MARKETPLACE_BUYER), not " + (identityKind == null ? "unset" : "'" + identityKind + "'"));
            }
            if ("LOGIN".equals(identityKind)) {
                throw new IllegalArgumentException(property + ".identity-kind: LOGIN is a member's sign-in name, set by the portal"
                        + " only; name a kind of the source's own");
            }
            if (identityLabels != null) {
                if (BUILT_IN_KINDS.contains(identityKind)) {
                    throw new IllegalArgumentException(property + ".identity-labels: " + identityKind + " is built into the hub;"
                            + " leave the labels out to use it, or name a kind of the source's own");
                }
                if (identityLabels.zh() == null || identityLabels.zh().isBlank() || identityLabels.en() == null
                        || identityLabels.en().isBlank()) {
                    throw new IllegalArgumentException(property + ".identity-labels needs both zh and en");
                }
            }
            fields.check(property + ".fields");
            if (replyUrl != null) {
                URI uri;
                try {
                    uri = URI.create(replyUrl);
                } catch (IllegalArgumentException e) {
                    uri = null;
                }
                if (uri == null || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getScheme() == null
                        || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException(property + ".reply-url must be an absolute http(s) URL without user"
                            + " information, not '" + replyUrl + "'");
                }
            }
            for (int i = 0; i < attachmentHosts.size(); i++) {
                try {
                    HostRule.parse(attachmentHosts.get(i));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(property + ".attachment-hosts[" + i + "]: " + e.getMessage(), e);
                }
            }
            if (maxAttachmentBytes.toBytes() <= 0) {
                throw new IllegalArgumentException(property + ".max-attachment-bytes must be above zero (a size such as 10MB)");
            }
            if (maxAttachments < 0 || maxAttachments > 100) {
                throw new IllegalArgumentException(property + ".max-attachments must be 0-100, not " + maxAttachments);
            }
            if (maxBodyBytes != null && (maxBodyBytes.toBytes() <= 0 || maxBodyBytes.toBytes() > Integer.MAX_VALUE - 16)) {
                throw new IllegalArgumentException(property + ".max-body-bytes must be above zero and below 2GB (a size such as 1MB)");
            }
        }

        /** The source declares its identity kind (rather than naming one the hub has). */
        public boolean declaresKind() {
            return identityLabels != null;
        }

        /** Answers to its senders go to {@link #replyUrl()}: it has one, a secret to sign with, and a kind of its own. */
        public boolean answersByPost() {
            return replyUrl != null && secret != null && declaresKind();
        }

        List<HostRule> hostRules() {
            return attachmentHosts.stream().map(HostRule::parse).toList();
        }

        @Override
        public String toString() {
            // The secret never reaches a log or an error page.
            return "Source[kind=" + identityKind + ", secret=" + (secret == null ? "unset" : "(set)") + ", signatureHeader="
                    + signatureHeader + ", timestampHeader=" + timestampHeader + ", replyUrl=" + replyUrl + ", attachmentHosts="
                    + attachmentHosts + "]";
        }
    }

    /** What staff read for an identity kind a source declares. */
    public record Labels(String zh, String en) {
    }

    /**
     * Where each part of a message is in the posted JSON, as JSON Pointers (RFC 6901). The attachment pointers are
     * relative to one element of the {@code attachments} array.
     */
    public record Fields(String id, String senderId, String senderName, String email, String phone, String subject, String text,
                         String attachments, String attachmentName, String attachmentContentType, String attachmentUrl,
                         String attachmentBase64) {

        static final Fields DEFAULTS = new Fields(null, null, null, null, null, null, null, null, null, null, null, null);

        public Fields {
            id = or(id, "/id");
            senderId = or(senderId, "/sender/id");
            senderName = or(senderName, "/sender/name");
            email = or(email, "/sender/email");
            phone = or(phone, "/sender/phone");
            subject = or(subject, "/subject");
            text = or(text, "/text");
            attachments = or(attachments, "/attachments");
            attachmentName = or(attachmentName, "/name");
            attachmentContentType = or(attachmentContentType, "/contentType");
            attachmentUrl = or(attachmentUrl, "/url");
            attachmentBase64 = or(attachmentBase64, "/base64");
        }

        private static String or(String pointer, String fallback) {
            return pointer == null || pointer.isBlank() ? fallback : pointer.trim();
        }

        void check(String property) {
            Map<String, String> all = new LinkedHashMap<>();
            all.put("id", id);
            all.put("sender-id", senderId);
            all.put("sender-name", senderName);
            all.put("email", email);
            all.put("phone", phone);
            all.put("subject", subject);
            all.put("text", text);
            all.put("attachments", attachments);
            all.put("attachment-name", attachmentName);
            all.put("attachment-content-type", attachmentContentType);
            all.put("attachment-url", attachmentUrl);
            all.put("attachment-base64", attachmentBase64);
            all.forEach((name, pointer) -> {
                boolean valid;
                try {
                    valid = !JsonPointer.compile(pointer).matches(); // the empty pointer is the whole document
                } catch (IllegalArgumentException e) {
                    valid = false;
                }
                if (!valid) {
                    throw new IllegalArgumentException(property + "." + name + " must be a JSON Pointer such as /message/text,"
                            + " not '" + pointer + "'");
                }
            });
        }

        JsonPointer pointer(String value) {
            return JsonPointer.compile(value);
        }
    }

    /**
     * One entry of {@code attachment-hosts}: {@code cdn.example.com} or {@code *.example.com} (HTTPS on port 443), or
     * {@code scheme://host[:port]} (http or https, the scheme's port when none is given).
     */
    record HostRule(String scheme, String host, int port) {

        private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

        static HostRule parse(String entry) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            String scheme = "https";
            int sep = e.indexOf("://");
            if (sep >= 0) {
                scheme = e.substring(0, sep);
                e = e.substring(sep + 3);
            }
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException("attachments are fetched over http or https only, not " + scheme + " ('" + entry + "')");
            }
            if (e.endsWith("/")) {
                e = e.substring(0, e.length() - 1);
            }
            int port = scheme.equals("https") ? 443 : 80;
            int colon = e.lastIndexOf(':');
            if (colon >= 0) {
                try {
                    port = Integer.parseInt(e.substring(colon + 1));
                } catch (NumberFormatException ex) {
                    port = -1;
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("'" + entry + "' has no valid port");
                }
                e = e.substring(0, colon);
            }
            if (!HOST.matcher(e).matches()) {
                throw new IllegalArgumentException("'" + entry + "' is not a host name, *.domain or scheme://host[:port]"
                        + " (no paths, user names or IPv6 literals)");
            }
            return new HostRule(scheme, e, port);
        }

        boolean matches(URI uri) {
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return false;
            }
            String s = uri.getScheme().toLowerCase(Locale.ROOT);
            String h = uri.getHost().toLowerCase(Locale.ROOT);
            int p = uri.getPort() >= 0 ? uri.getPort() : s.equals("https") ? 443 : s.equals("http") ? 80 : -1;
            boolean hostMatches = host.startsWith("*.") ? h.endsWith(host.substring(1)) && h.length() > host.length() - 1
                    : h.equals(host);
            return s.equals(scheme) && p == port && hostMatches;
        }

        @Override
        public String toString() {
            return scheme + "://" + host + ":" + port;
        }
    }

    /** Every source's name, for messages. */
    List<String> names() {
        return new ArrayList<>(sources.keySet());
    }
}
