package io.contacthub.channel.fax;

import io.contacthub.extract.ocr.ReadDocument;
import io.contacthub.extract.ocr.UnreadableDocumentException;
import io.contacthub.intake.ExtractedFile;
import io.contacthub.intake.MessageParser;
import io.contacthub.intake.ParsedContent;
import io.contacthub.customer.GivenIdentity;
import io.contacthub.customer.Provenance;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioMediaClient;
import io.contacthub.twilio.TwilioSettings;
import io.contacthub.understand.UnderstandStage;
import io.contacthub.understand.forms.FormFields;
import io.contacthub.understand.forms.FormProperties;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Reads stored FAX messages, whichever way they came:
 * <ul>
 *   <li>a provider callback (form): downloads {@code MediaUrl} from Twilio's API (or {@code hub.twilio.api-url})
 *       with the account's credentials;</li>
 *   <li>fax-to-email (message/rfc822): the mail's attached files; the fax number from the subject or body;</li>
 *   <li>a spooled file (TIFF/PDF): the raw itself; the fax number from its name.</li>
 * </ul>
 * Each file is read by {@link ScannedDocumentReader} (page and pixel limits before OCR, bounded pool);
 * the form fields are read from its text. A file that cannot be read (corrupt, encrypted, too many
 * pages, too large, download failed) makes the message FAILED with the reason; the original stays.
 * Without Tesseract the fax still becomes a ticket, its files marked {@value #WAITING_PREFIX}, and
 * is OCR'd by {@link PendingOcr} once Tesseract is there.
 */
@Component
class FaxMessageParser implements MessageParser {

    static final String WAITING_PREFIX = "ocr-waiting:";
    static final String TWILIO_API = "https://api.twilio.com";

    private final FaxReading reading;
    private final TwilioMediaClient media;
    private final FaxSettings settings;
    private final double minConfidence;
    private final String apiUrl;

    FaxMessageParser(FaxReading reading, TwilioMediaClient media,
                     FaxSettings settings, FormProperties formProperties,
                     TwilioSettings twilio) {
        String apiUrl = twilio.apiUrl();
        this.reading = reading;
        this.media = media;
        this.settings = settings;
        this.minConfidence = formProperties.minConfidence();
        String base = apiUrl == null || apiUrl.isBlank() ? TWILIO_API : apiUrl.trim();
        this.apiUrl = base.replaceAll("/+$", "");
    }

    @Override
    public String channel() {
        return FaxMapper.CHANNEL;
    }

    private record Incoming(String fileName, byte[] content) {
    }

    @Override
    public ParsedContent parse(StoredMessage message) {
        String type = message.contentType() == null ? "" : message.contentType().toLowerCase(Locale.ROOT);
        if (type.equals(FaxMapper.OVERSIZE_TYPE)) {
            throw new UnreadableMessageException(new String(message.raw(), java.nio.charset.StandardCharsets.UTF_8));
        }
        String faxNumber;
        List<Incoming> files;
        String via;
        Integer reportedPages = null;
        if (type.startsWith(FormBody.CONTENT_TYPE)) {
            Map<String, List<String>> params = FormBody.parseStored(message.raw(), "fax callback");
            faxNumber = trimmed(FormBody.first(params, "From"));
            files = List.of(download(params));
            via = "fax";
            reportedPages = integer(FormBody.first(params, "NumPages"));
        } else if (type.startsWith("message/rfc822")) {
            MailFax mail = mail(message.raw());
            faxNumber = mail.faxNumber;
            files = mail.files;
            via = "fax (by e-mail from " + message.sender() + ")";
            if (files.isEmpty()) {
                throw new UnreadableMessageException("fax-to-email mail from " + message.sender() + " has no attached file");
            }
        } else {
            String source = message.source() == null ? "" : message.source();
            String name = source.startsWith(FaxMapper.SPOOL_SOURCE_PREFIX)
                    ? source.substring(FaxMapper.SPOOL_SOURCE_PREFIX.length()) : "fax";
            faxNumber = trimmed(message.sender());
            files = List.of(new Incoming(name, message.raw()));
            via = "fax (spool folder)";
        }

        List<FaxDocument> documents = new ArrayList<>();
        List<ExtractedFile> extracted = new ArrayList<>();
        int pages = 0;
        for (int i = 0; i < files.size(); i++) {
            Incoming file = files.get(i);
            if (file.content().length > settings.maxFileBytes()) {
                throw new UnreadableMessageException("fax file " + file.fileName() + " is " + file.content().length
                        + " bytes, over the limit of " + settings.maxFileBytes() + " (hub.fax.max-file-bytes); kept unread");
            }
            FaxReading.Read fax;
            try {
                fax = reading.read(file.content(), file.fileName());
            } catch (UnreadableDocumentException e) {
                throw new UnreadableMessageException("fax file " + file.fileName() + ": " + e.getMessage(), e);
            }
            ReadDocument read = fax.document();
            pages += read.pageCount();
            FormFields form = fax.form();
            if (reportedPages != null && reportedPages != read.pageCount()) {
                form = withReason(form, "the provider reported " + reportedPages + " pages, the file has " + read.pageCount()
                        + ": pages may be missing");
            }
            documents.add(new FaxDocument(i, file.fileName(), faxNumber, read, form));
            extracted.add(new ExtractedFile(file.fileName(), read.mediaType(), file.content(), FaxMapper.sha256(file.content()),
                    false, read.waiting() ? null : read.text(), read.waiting() ? null : read.method(),
                    read.waiting() ? WAITING_PREFIX + " " + read.waitingReason() : null));
        }

        String caller = faxNumber == null ? "an unknown number" : faxNumber;
        String subject = "Fax from " + caller + " (" + pages + (pages == 1 ? " page)" : " pages)");
        StringBuilder body = new StringBuilder(capitalize(via) + " from " + caller + ", " + pages
                + (pages == 1 ? " page" : " pages") + ".");
        for (FaxDocument d : documents) {
            if (d.read().waiting()) {
                body.append("\n\n").append(d.fileName()).append(": not OCR'd yet (").append(d.read().waitingReason()).append(")");
            } else if (!d.read().text().isBlank()) {
                body.append("\n\n").append(d.read().text());
            }
        }
        // Only Twilio's callback proves the number; a fax gateway's mail or a spool file name only names it.
        // A fax number is its own kind of identity: the hub never texts or rings a fax line.
        ParsedContent content = new ParsedContent(subject, body.toString(), null, null, null, null, null, extracted, null,
                declared(documents), null, null, null)
                .withExtension(FaxPages.class, new FaxPages(documents));
        return faxNumber == null ? content : content.withIdentity(new GivenIdentity(FaxChannel.FAX_NUMBER, faxNumber,
                type.startsWith(FormBody.CONTENT_TYPE) ? Provenance.OBSERVED : Provenance.CLAIMED));
    }

    /** Order and waybill numbers read with enough confidence, and the intent of a recognised form. */
    Map<String, String> declared(List<FaxDocument> documents) {
        Map<String, String> declared = new HashMap<>();
        for (FaxDocument d : documents) {
            for (String name : List.of("orderNumber", "waybillNumber")) {
                FormFields.Field f = d.form().fields().get(name);
                if (f != null && f.confidence() >= minConfidence && !declared.containsKey(name)) {
                    declared.put(name, f.value());
                }
            }
            String intent = switch (d.form().formType()) {
                case "COMPLAINT_LETTER" -> "COMPLAINT";
                case "ORDER_FORM", "CONSIGNMENT_NOTE" -> "ORDER";
                default -> null;
            };
            if (intent != null) {
                declared.putIfAbsent(UnderstandStage.DECLARED_INTENT, intent);
            }
        }
        return declared;
    }

    private static FormFields withReason(FormFields form, String reason) {
        List<String> reasons = new ArrayList<>(form.reviewReasons());
        reasons.add(reason);
        return new FormFields(form.formType(), form.fields(), form.missing(), true, reasons);
    }

    private static Integer integer(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static FormFields waitingForm(String reason) {
        return new FormFields("UNKNOWN", Map.of(), List.of(), true, List.of("not OCR'd yet: " + reason));
    }

    private Incoming download(Map<String, List<String>> params) {
        String faxSid = trimmed(FormBody.first(params, "FaxSid"));
        String url = downloadUrl(FormBody.first(params, "MediaUrl"));
        try {
            TwilioMediaClient.Media m = media.download(url);
            if (m.content().length == 0) {
                throw new UnreadableMessageException("fax " + faxSid + " downloaded empty (0 bytes) from " + url);
            }
            String ext = m.contentType() != null && m.contentType().contains("tif") ? ".tif" : ".pdf";
            return new Incoming("fax-" + faxSid + ext, m.content());
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableMessageException("fax " + faxSid + " could not be downloaded: " + e.getMessage() + " (" + url
                    + "); replay the message once the provider serves it", e);
        }
    }

    /** MediaUrl on Twilio's API, rebased on {@code hub.twilio.api-url}; any other host is refused (credentials). */
    String downloadUrl(String mediaUrl) {
        String url = trimmed(mediaUrl);
        if (url == null) {
            throw new UnreadableMessageException("fax callback has no MediaUrl");
        }
        if (url.startsWith(TWILIO_API + "/")) {
            return apiUrl + url.substring(TWILIO_API.length());
        }
        if (!url.startsWith(apiUrl + "/")) {
            throw new UnreadableMessageException("MediaUrl " + url + " is not on Twilio's API (" + TWILIO_API
                    + " or hub.twilio.api-url); not downloaded with the account's credentials");
        }
        return url;
    }

    private record MailFax(String faxNumber, List<Incoming> files) {
    }

    private static MailFax mail(byte[] raw) {
        try {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            List<Incoming> files = new ArrayList<>();
            StringBuilder text = new StringBuilder(mail.getSubject() == null ? "" : mail.getSubject()).append('\n');
            collect(mail, files, text, 0);
            return new MailFax(FaxMapper.labelledNumberIn(text.toString()), files);
        } catch (MessagingException | IOException e) {
            throw new UnreadableMessageException("fax-to-email mail cannot be read: " + e.getMessage(), e);
        }
    }

    private static void collect(Part part, List<Incoming> files, StringBuilder text, int depth)
            throws MessagingException, IOException {
        if (depth > 10) {
            return;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, files, text, depth + 1);
            }
            return;
        }
        String name = part.getFileName();
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || name != null;
        if (!attachment && part.isMimeType("text/plain")) {
            Object content = part.getContent();
            if (content instanceof String s && text.length() < 20_000) {
                text.append(s).append('\n');
            }
            return;
        }
        if (attachment || part.isMimeType("application/*") || part.isMimeType("image/*")) {
            byte[] content = part.getInputStream().readAllBytes();
            files.add(new Incoming(name == null ? "attachment-" + (files.size() + 1) : name, content));
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
