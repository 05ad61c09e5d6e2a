package io.contacthub.channel.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.customer.GivenIdentity;
import io.contacthub.customer.Provenance;
import io.contacthub.extract.ocr.AttachmentReader;
import io.contacthub.intake.ExtractedFile;
import io.contacthub.intake.MessageParser;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.SenderProof;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads a stored webhook post with its source's field mapping: who sent it, subject, text and attachments.
 * <ul>
 *   <li>The sender id is the source's identity kind, {@link Provenance#OBSERVED}: the post was signed with the
 *       source's secret, so the source vouches for it. An e-mail address or phone number the payload merely
 *       mentions is a claim, like one typed into the web form.</li>
 *   <li>Attachments come as base64 or as a URL, which is downloaded here, on the processing queue, and only from the
 *       source's {@code attachment-hosts}. An attachment that cannot be taken (refused host, download failure, over
 *       the size limit, not base64) makes the whole message FAILED with the reason; the raw post is kept, so a replay
 *       after the cause is fixed takes it in whole. Their text is extracted like mail attachments' (Tika, OCR).</li>
 *   <li>A source removed from the configuration makes its stored messages FAILED, replayable once it is back.</li>
 * </ul>
 */
@Component
class WebhookMessageParser implements MessageParser {

    private static final int SUBJECT_CHARS = 60;
    private static final int NAME_CHARS = 200;
    private static final Pattern CONTENT_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;.{0,100})?");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final WebhookSettings settings;
    private final ObjectMapper json;
    private final AttachmentReader attachments;
    private final AttachmentFetcher fetcher;

    WebhookMessageParser(WebhookSettings settings, ObjectMapper json, AttachmentReader attachments, AttachmentFetcher fetcher) {
        this.settings = settings;
        this.json = json;
        this.attachments = attachments;
        this.fetcher = fetcher;
    }

    @Override
    public String channel() {
        return WebhookMapper.CHANNEL;
    }

    @Override
    public ParsedContent parse(StoredMessage message) {
        int colon = message.externalId().indexOf(':');
        String sourceName = colon < 0 ? "" : message.externalId().substring(0, colon);
        WebhookSettings.Source source = settings.source(sourceName).orElseThrow(() -> new UnreadableMessageException(
                "webhook source '" + sourceName + "' is not configured (hub.webhook-in.sources." + sourceName
                        + "); configure it again and replay the message"));
        JsonNode root = WebhookMapper.read(json, message.raw());
        if (root == null || !root.isObject()) {
            throw new UnreadableMessageException("stored webhook post is not a JSON object");
        }
        WebhookSettings.Fields fields = source.fields();
        String senderId = WebhookMapper.scalar(root, fields.senderId());
        if (senderId == null || senderId.isBlank()) {
            throw new UnreadableMessageException("stored webhook post has no sender id at " + fields.senderId());
        }
        senderId = senderId.strip();
        String name = oneLine(WebhookMapper.scalar(root, fields.senderName()), NAME_CHARS);
        String email = blankToNull(WebhookMapper.scalar(root, fields.email()));
        String phone = blankToNull(WebhookMapper.scalar(root, fields.phone()));
        String text = text(root.at(fields.text()));
        List<ExtractedFile> files = files(root, source);
        String subject = oneLine(WebhookMapper.scalar(root, fields.subject()), 998);
        if (subject == null) {
            subject = subjectFrom(text, name != null ? name : senderId, files.isEmpty());
        }

        return switch (source.identityKind()) {
            // A source that vouches for e-mail addresses or phone numbers: its sender id is observed as such.
            case "EMAIL" -> {
                ParsedContent c = new ParsedContent(subject, text, name, senderId, phone, null, null, files, null, null)
                        .withProof(SenderProof.OBSERVED_EMAIL);
                yield email == null ? c : c.withIdentity(new GivenIdentity("EMAIL", email, Provenance.CLAIMED));
            }
            case "PHONE" -> {
                ParsedContent c = new ParsedContent(subject, text, name, email, senderId, null, null, files, null, null)
                        .withProof(SenderProof.OBSERVED_PHONE);
                yield phone == null ? c : c.withIdentity(new GivenIdentity("PHONE", phone, Provenance.CLAIMED));
            }
            default -> new ParsedContent(subject, text, name, email, phone, null, null, files, null, null)
                    .withProof(SenderProof.NOTHING) // what the payload mentions is claimed
                    .withIdentity(new GivenIdentity(source.identityKind(), senderId, Provenance.OBSERVED));
        };
    }

    private List<ExtractedFile> files(JsonNode root, WebhookSettings.Source source) {
        WebhookSettings.Fields fields = source.fields();
        JsonNode list = root.at(fields.attachments());
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new UnreadableMessageException("attachments at " + fields.attachments() + " are not an array");
        }
        if (list.size() > source.maxAttachments()) {
            throw new UnreadableMessageException(list.size() + " attachments, over the source's limit of " + source.maxAttachments()
                    + " (max-attachments)");
        }
        long max = source.maxAttachmentBytes().toBytes();
        List<ExtractedFile> files = new ArrayList<>();
        AttachmentReader.MessageFiles reading = attachments.forMessage(); // images are OCR'd within one allowance
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                throw new UnreadableMessageException("attachment " + (i + 1) + " is not a JSON object");
            }
            String fileName = oneLine(WebhookMapper.scalar(item, fields.attachmentName()), NAME_CHARS);
            fileName = fileName == null ? "attachment-" + (i + 1) : fileName.replace('/', '_').replace('\\', '_');
            String type = WebhookMapper.scalar(item, fields.attachmentContentType());
            type = type != null && CONTENT_TYPE.matcher(type.strip()).matches() ? type.strip() : null;
            String base64 = WebhookMapper.scalar(item, fields.attachmentBase64());
            String url = WebhookMapper.scalar(item, fields.attachmentUrl());
            String which = "attachment " + (i + 1) + " (" + fileName + ")";
            byte[] content;
            if (base64 != null) {
                content = decode(base64, max, which);
            } else if (url != null && !url.isBlank()) {
                try {
                    AttachmentFetcher.Fetched fetched = fetcher.fetch(url, source.hostRules(), max);
                    content = fetched.content();
                    if (type == null && fetched.contentType() != null && CONTENT_TYPE.matcher(fetched.contentType()).matches()) {
                        type = fetched.contentType();
                    }
                } catch (IOException e) {
                    throw new UnreadableMessageException(which + " not fetched from " + withoutQuery(url) + ": " + e.getMessage(), e);
                }
            } else {
                throw new UnreadableMessageException(which + " has neither " + fields.attachmentUrl() + " nor "
                        + fields.attachmentBase64());
            }
            type = type == null ? "application/octet-stream" : type;
            var extraction = reading.read(content, fileName, type, false);
            files.add(new ExtractedFile(fileName, type, content, sha256(content), false, extraction.text(),
                    extraction.extractedBy(), extraction.error()));
        }
        return files;
    }

    private static byte[] decode(String base64, long max, String which) {
        String compact = WHITESPACE.matcher(base64).replaceAll("");
        if (compact.length() / 4 * 3L > max + 2) {
            throw new UnreadableMessageException(which + " is about " + (compact.length() / 4 * 3L) + " bytes, over the source's"
                    + " limit of " + max + " bytes (max-attachment-bytes)");
        }
        byte[] content;
        try {
            content = (compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder())
                    .decode(compact);
        } catch (IllegalArgumentException e) {
            throw new UnreadableMessageException(which + " is not valid base64: " + e.getMessage());
        }
        if (content.length > max) {
            throw new UnreadableMessageException(which + " is " + content.length + " bytes, over the source's limit of " + max
                    + " bytes (max-attachment-bytes)");
        }
        return content;
    }

    private static String text(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        return node.isValueNode() ? node.asText().strip() : node.toString();
    }

    private static String subjectFrom(String text, String sender, boolean noFiles) {
        String oneLine = WHITESPACE.matcher(text).replaceAll(" ").strip();
        if (oneLine.isEmpty()) {
            return (noFiles ? "Message from " : "Files from ") + sender;
        }
        return oneLine.codePointCount(0, oneLine.length()) <= SUBJECT_CHARS ? oneLine
                : oneLine.substring(0, oneLine.offsetByCodePoints(0, SUBJECT_CHARS)) + "…";
    }

    /** Control characters and line breaks out, at most {@code max} characters; null when nothing is left. */
    private static String oneLine(String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = value.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (clean.isEmpty()) {
            return null;
        }
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String withoutQuery(String url) {
        try {
            URI uri = URI.create(url.trim());
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (Exception e) {
            return "(not a URL)";
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
