package io.contacthub.channel.email;

import io.contacthub.extract.DocumentTextExtractor;
import io.contacthub.extract.HtmlText;
import io.contacthub.extract.ocr.AttachmentReader;
import io.contacthub.intake.AutomationSignals;
import io.contacthub.intake.ExtractedFile;
import io.contacthub.intake.MessageParser;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.SenderProof;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads a stored mail the way a lenient client would: decoded headers (RFC 2047, raw UTF-8,
 * GB2312-labelled GBK), text and HTML bodies, nested and broken multiparts, attachments with
 * their text, attached and forwarded messages. Only mail that cannot be read at all is refused.
 */
@Component
class EmailParser implements MessageParser {

    static final int MAX_DEPTH = 30;
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    /** The start of a header field: printable ASCII name without colon (RFC 5322 ftext), then ':'. */
    private static final Pattern HEADER_FIELD = Pattern.compile("[\\x21-\\x39\\x3B-\\x7E]+[ \\t]*:");

    private final Session session;
    private final AttachmentReader attachments;

    static {
        // For embedded use (tests, other main classes); the application's main() applies it first.
        MailLeniency.apply();
    }

    @Autowired
    EmailParser(AttachmentReader attachments) {
        Properties props = new Properties();
        // Read per session by MimeMessage; the others are JVM-wide (MailLeniency).
        props.setProperty("mail.mime.allowutf8", "true");
        this.session = Session.getInstance(props);
        this.attachments = attachments;
    }

    /** Without OCR (parser tests, corpus checks). */
    EmailParser(DocumentTextExtractor documents) {
        this(AttachmentReader.textOnly(documents));
    }

    @Override
    public String channel() {
        return EmailMapper.CHANNEL;
    }

    @Override
    public ParsedContent parse(StoredMessage message) {
        HeadersOnlyMail.refuse(message); // over the size limit: only its headers were received
        return parse(message.raw());
    }

    ParsedContent parse(byte[] raw) {
        MimeMessage mime;
        try {
            mime = readMessage(raw);
            if (!mime.getAllHeaders().hasMoreElements()) {
                throw new UnreadableMessageException("not an e-mail: no header fields found");
            }
        } catch (MessagingException e) {
            throw new UnreadableMessageException("not a readable e-mail: " + e.getMessage(), e);
        }
        try {
            Body body = new Body();
            walk(mime, 0, body, true);
            InternetAddress from = firstAddress(header(mime, "From"));
            List<String> references = new ArrayList<>();
            collectIds(header(mime, "In-Reply-To"), references);
            collectIds(header(mime, "References"), references);
            List<ExtractedFile> files = withText(body.files);
            return new ParsedContent(
                    decodeHeader(header(mime, "Subject")),
                    body.text(),
                    from == null ? null : blankToNull(from.getPersonal()),
                    from == null || from.getAddress() == null || !from.getAddress().contains("@") ? null
                            : from.getAddress().toLowerCase(Locale.ROOT),
                    null,
                    firstId(header(mime, "Message-ID")),
                    references,
                    files,
                    automationSignals(mime),
                    null).withProof(SenderProof.OBSERVED_EMAIL); // the mail arrived from that address
        } catch (MessagingException | IOException e) {
            throw new UnreadableMessageException("cannot read the mail's content: " + e.getMessage(), e);
        }
    }

    private void walk(Part part, int depth, Body body, boolean topLevel) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            throw new UnreadableMessageException("MIME parts nested deeper than " + MAX_DEPTH + " levels");
        }
        ContentType type = contentType(part);
        String baseType = type.getBaseType().toLowerCase(Locale.ROOT);
        String fileName = fileName(part);
        boolean attachmentDisposition = Part.ATTACHMENT.equalsIgnoreCase(disposition(part));

        if (baseType.startsWith("multipart/")) {
            walkMultipart(part, type, depth, body);
        } else if (baseType.equals("message/rfc822")) {
            byte[] inner = readDecoded(part);
            if (topLevel) {
                // The whole mail is a forward: the forwarded message is its content.
                walk(readMessage(inner), depth + 1, body, false);
            } else {
                body.files.add(attachedMessage(inner, depth));
            }
        } else if (baseType.startsWith("text/") && fileName == null && !attachmentDisposition
                && !baseType.equals("text/rfc822-headers")) {
            String text = CharsetDecoding.decode(readDecodedText(part), type.getParameter("charset"));
            body.add(baseType.equals("text/html") ? HtmlText.toText(text) : text.strip(), baseType.equals("text/html"));
        } else if (baseType.startsWith("message/") || baseType.equals("text/rfc822-headers")) {
            // Delivery-status and header dumps of bounces: machine data, kept in the raw original.
        } else {
            body.files.add(file(part, fileName, baseType));
        }
    }

    private void walkMultipart(Part part, ContentType type, int depth, Body body) throws MessagingException, IOException {
        Multipart multipart;
        int count;
        try {
            multipart = (Multipart) part.getContent();
            count = multipart.getCount();
        } catch (MessagingException | ClassCastException e) {
            // No usable boundary: keep what the sender wrote as one block of text.
            body.add(CharsetDecoding.decode(rawContent(part), type.getParameter("charset")).strip(), false);
            return;
        }
        if (count == 0) {
            body.add(CharsetDecoding.decode(rawContent(part), type.getParameter("charset")).strip(), false);
            return;
        }
        String boundary = type.getParameter("boundary");
        if (type.getBaseType().equalsIgnoreCase("multipart/alternative")) {
            Body best = null;
            for (int i = 0; i < count; i++) {
                Body candidate = new Body();
                walk(withHeaderBodySeparator(multipart.getBodyPart(i), boundary), depth + 1, candidate, false);
                // Prefer the plain-text alternative; HTML only when there is no plain text.
                if (best == null || (!candidate.text().isBlank() && (best.text().isBlank() || best.html && !candidate.html))) {
                    best = candidate;
                }
                if (!best.html && !best.text().isBlank()) {
                    break; // nothing after it can be preferred: the HTML alternative is neither decoded nor converted
                }
            }
            body.addAll(best);
            return;
        }
        // RFC 2046 5.1.5: in a multipart/digest a part without Content-Type is message/rfc822, not
        // text/plain (Mailman digests, corpus msg_02). Jakarta Mail reports text/plain for them.
        boolean digest = type.getBaseType().equalsIgnoreCase("multipart/digest");
        for (int i = 0; i < count; i++) {
            Part child = withHeaderBodySeparator(multipart.getBodyPart(i), boundary);
            if (digest && child.getHeader("Content-Type") == null) {
                body.files.add(attachedMessage(readDecoded(child), depth + 1));
            } else {
                walk(child, depth + 1, body, false);
            }
        }
    }

    /** A mail or attached/forwarded message, with a missing header/body separator restored first. */
    private MimeMessage readMessage(byte[] raw) throws MessagingException {
        return new MimeMessage(session, new ByteArrayInputStream(insertMissingHeaderSeparator(raw)));
    }

    /**
     * Parts of a multipart can lack the blank line after their headers too (corpus msg_47:
     * "Content-Type: text/plain" directly followed by "bar"); Jakarta Mail has then already read
     * the text as header lines. Those lines are re-read, byte for byte (Jakarta Mail reads part
     * headers as ISO-8859-1), as the start of the part's body. Repeated delimiter lines
     * ("--ABCDE" twice in a row, corpus msg_37) are also read as header lines by Jakarta Mail:
     * they stand for empty parts and are dropped rather than taken for body text.
     */
    private static Part withHeaderBodySeparator(BodyPart part, String boundary) throws MessagingException {
        if (!(part instanceof jakarta.mail.internet.MimeBodyPart bodyPart)) {
            return part;
        }
        List<String> lines = new ArrayList<>(Collections.list(bodyPart.getAllHeaderLines()));
        if (boundary != null) {
            lines.removeIf(line -> line.strip().equals("--" + boundary));
        }
        if (lines.stream().allMatch(line -> HEADER_FIELD.matcher(line).lookingAt())) {
            return part;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String line : lines) {
            bytes.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        // No blank line here: insertMissingHeaderSeparator puts it before the first non-header line.
        bytes.writeBytes(rawContent(part));
        return new jakarta.mail.internet.MimeBodyPart(new ByteArrayInputStream(insertMissingHeaderSeparator(bytes.toByteArray())));
    }

    /**
     * Some senders leave out the blank line between the header block and the body (corpus msg_35).
     * Jakarta Mail then reads the body's lines as header fields and the body is lost. Like
     * CPython's email parser, the first line that cannot be a header field (not "Name:", not a
     * folded continuation, not the mbox "From " line at the very start) begins the body; a blank
     * line is inserted before it. Well-formed mail is returned unchanged (same array).
     */
    static byte[] insertMissingHeaderSeparator(byte[] raw) {
        int pos = 0;
        boolean first = true;
        while (pos < raw.length) {
            int eol = pos;
            while (eol < raw.length && raw[eol] != '\n') {
                eol++;
            }
            int end = eol > pos && raw[eol - 1] == '\r' ? eol - 1 : eol;
            if (end == pos) {
                return raw; // the blank line is there
            }
            String line = new String(raw, pos, end - pos, StandardCharsets.ISO_8859_1);
            boolean header = HEADER_FIELD.matcher(line).lookingAt()
                    || (!first && (line.charAt(0) == ' ' || line.charAt(0) == '\t'))
                    || (first && line.startsWith("From "));
            if (!header) {
                String newline = eol < raw.length && end < eol ? "\r\n" : "\n";
                byte[] repaired = new byte[raw.length + newline.length()];
                System.arraycopy(raw, 0, repaired, 0, pos);
                System.arraycopy(newline.getBytes(StandardCharsets.US_ASCII), 0, repaired, pos, newline.length());
                System.arraycopy(raw, pos, repaired, pos + newline.length(), raw.length - pos);
                return repaired;
            }
            first = false;
            pos = eol + 1;
        }
        return raw;
    }

    private ExtractedFile attachedMessage(byte[] inner, int depth) throws MessagingException, IOException {
        MimeMessage message = readMessage(inner);
        Body innerBody = new Body();
        walk(message, depth + 1, innerBody, false);
        String subject = decodeHeader(header(message, "Subject"));
        String name = (subject == null || subject.isBlank() ? "message" : subject.replaceAll("[\\\\/:*?\"<>|]", "_")) + ".eml";
        StringBuilder text = new StringBuilder();
        String from = decodeHeader(header(message, "From"));
        if (from != null) {
            text.append("From: ").append(from).append('\n');
        }
        if (subject != null) {
            text.append("Subject: ").append(subject).append('\n');
        }
        text.append('\n').append(innerBody.text());
        return new ExtractedFile(name, "message/rfc822", inner, EmailMapper.sha256(inner), false,
                text.toString().strip(), "mime", null);
    }

    private ExtractedFile file(Part part, String fileName, String baseType) throws MessagingException {
        byte[] content;
        String error = null;
        try {
            content = readDecoded(part);
        } catch (IOException | MessagingException e) {
            // Undecodable transfer encoding: keep the part as sent so nothing is lost.
            content = rawContent(part);
            error = "could not decode the attachment (" + e.getMessage() + "); stored as sent";
        }
        boolean inline = Part.INLINE.equalsIgnoreCase(disposition(part))
                || (part instanceof MimePart mp && mp.getContentID() != null && !Part.ATTACHMENT.equalsIgnoreCase(disposition(part)));
        // Text is taken later (withText), only for the files the mail keeps, against one OCR allowance.
        return new ExtractedFile(fileName, baseType, content, EmailMapper.sha256(content), inline, null, null, error);
    }

    /**
     * The text of the kept files, in order, read against the message's one OCR allowance. Done after
     * the walk so the files of a dropped alternative (the HTML part's inline images when the plain
     * text is used) are neither read nor counted. Attached mails ({@code mime}) and files that could
     * not be decoded already say what they are.
     */
    private List<ExtractedFile> withText(List<ExtractedFile> files) {
        AttachmentReader.MessageFiles reading = attachments.forMessage();
        List<ExtractedFile> read = new ArrayList<>(files.size());
        for (ExtractedFile f : files) {
            if (f.extractedBy() != null || f.extractionError() != null) {
                read.add(f);
                continue;
            }
            DocumentTextExtractor.Extraction extraction = reading.read(f.content(), f.fileName(), f.contentType(), f.inline());
            read.add(new ExtractedFile(f.fileName(), f.contentType(), f.content(), f.sha256(), f.inline(),
                    extraction.text(), extraction.extractedBy(), extraction.error()));
        }
        return read;
    }

    private static byte[] readDecoded(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] readDecodedText(Part part) throws MessagingException, IOException {
        try {
            return readDecoded(part);
        } catch (MessagingException e) {
            throw new UnreadableMessageException("cannot decode the message text: " + e.getMessage(), e);
        }
    }

    private static byte[] rawContent(Part part) throws MessagingException {
        try {
            if (part instanceof MimeMessage m) {
                try (InputStream in = m.getRawInputStream()) {
                    return in.readAllBytes();
                }
            }
            if (part instanceof jakarta.mail.internet.MimeBodyPart p) {
                try (InputStream in = p.getRawInputStream()) {
                    return in.readAllBytes();
                }
            }
            return new byte[0];
        } catch (IOException e) {
            throw new MessagingException("cannot read part", e);
        }
    }

    private static ContentType contentType(Part part) {
        String value;
        try {
            value = part.getContentType();
        } catch (MessagingException e) {
            value = null;
        }
        if (value == null) {
            return new ContentType("text", "plain", null);
        }
        try {
            return new ContentType(value);
        } catch (MessagingException e) {
            // A malformed trailing parameter (corpus msg_25: "multipart/report;
            // report-type=delivery-status;\n\tbo", a truncated boundary) must not turn the whole
            // mail into an octet-stream file: drop parameters from the end until the rest parses.
            for (int cut = value.lastIndexOf(';'); cut > 0; cut = value.lastIndexOf(';', cut - 1)) {
                try {
                    return new ContentType(value.substring(0, cut));
                } catch (MessagingException tooShort) {
                    // try a shorter prefix
                }
            }
            // e.g. "Content-Type: text" without a subtype
            return value.trim().toLowerCase(Locale.ROOT).startsWith("text")
                    ? new ContentType("text", "plain", null)
                    : new ContentType("application", "octet-stream", null);
        }
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            if (name != null) {
                name = MimeUtility.decodeText(CharsetDecoding.widenEncodedWordCharsets(name));
            }
            return blankToNull(name);
        } catch (MessagingException | IOException | RuntimeException e) {
            return null;
        }
    }

    private static AutomationSignals automationSignals(MimeMessage mime) throws MessagingException {
        String autoReply = header(mime, "X-Autoreply") != null ? "X-Autoreply"
                : header(mime, "X-Autorespond") != null ? "X-Autorespond"
                : header(mime, "X-Auto-Response-Suppress") != null
                  && header(mime, "X-Auto-Response-Suppress").toLowerCase(Locale.ROOT).matches(".*\\b(all|oof|autoreply)\\b.*")
                  && subjectLooksAutomatic(header(mime, "Subject")) ? "X-Auto-Response-Suppress" : null;
        String reportType = null;
        ContentType type = contentType(mime);
        if (type.getBaseType().equalsIgnoreCase("multipart/report")) {
            reportType = type.getParameter("report-type") == null ? "report" : type.getParameter("report-type");
        }
        return new AutomationSignals(header(mime, "Auto-Submitted"), header(mime, "Precedence"), autoReply,
                header(mime, "Return-Path"), header(mime, "List-Id"), reportType,
                header(mime, "X-Contact-Hub-Notification"));
    }

    private static boolean subjectLooksAutomatic(String subject) {
        String s = subject == null ? "" : subject.toLowerCase(Locale.ROOT);
        return s.contains("automatic reply") || s.contains("out of office") || s.contains("自动回复");
    }

    private static String header(Part part, String name) throws MessagingException {
        String[] values = part.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String decodeHeader(String raw) {
        if (raw == null) {
            return null;
        }
        String unfolded = MimeUtility.unfold(raw);
        try {
            return MimeUtility.decodeText(CharsetDecoding.widenEncodedWordCharsets(unfolded)).strip();
        } catch (IOException | RuntimeException e) {
            return unfolded.strip();
        }
    }

    private static InternetAddress firstAddress(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(
                    CharsetDecoding.widenEncodedWordCharsets(MimeUtility.unfold(raw)), false);
            return addresses.length == 0 ? null : addresses[0];
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String firstId(String raw) {
        List<String> ids = new ArrayList<>();
        collectIds(raw, ids);
        return ids.isEmpty() ? (raw == null ? null : raw.trim()) : ids.get(0);
    }

    private static void collectIds(String raw, List<String> into) {
        if (raw == null) {
            return;
        }
        Matcher m = MESSAGE_ID.matcher(raw);
        while (m.find()) {
            if (!into.contains(m.group())) {
                into.add(m.group());
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The text collected while walking the parts, and the files. */
    private static final class Body {
        private final List<String> texts = new ArrayList<>();
        private final List<ExtractedFile> files = new ArrayList<>();
        private boolean html;

        void add(String text, boolean fromHtml) {
            if (text != null && !text.isBlank()) {
                texts.add(text);
                html |= fromHtml;
            }
        }

        void addAll(Body other) {
            texts.addAll(other.texts);
            files.addAll(other.files);
            html |= other.html;
        }

        String text() {
            return String.join("\n\n", texts);
        }
    }
}
