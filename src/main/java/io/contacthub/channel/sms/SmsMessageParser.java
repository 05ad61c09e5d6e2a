package io.contacthub.channel.sms;

import io.contacthub.customer.SmsOptOuts;
import io.contacthub.extract.ocr.AttachmentReader;
import io.contacthub.intake.ExtractedFile;
import io.contacthub.intake.MessageParser;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.SenderProof;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import io.contacthub.satisfaction.SatisfactionSurveys;
import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioMediaClient;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a stored Twilio incoming-message form: the text, the sender's number, MMS media (downloaded
 * here, on the processing queue, never in the webhook's thread) and the control keywords.
 * <ul>
 *   <li>STOP/退订… and START… are recorded in {@link SmsOptOuts} and the message is IGNORED with the
 *       keyword as its reason; HELP is IGNORED too. None of them opens a ticket. YES counts as opting
 *       back in only for a number that is opted out; otherwise it is an ordinary answer for staff.</li>
 *   <li>A text that is nothing but a rating (1 to 5) from a number the hub asked for one is the answer to that
 *       satisfaction survey ({@link SatisfactionSurveys#answerBySms}): IGNORED with the rating as its reason, no
 *       ticket. From anyone else, or after the survey closed, "4" is an ordinary message.</li>
 *   <li>A medium that cannot be downloaded is kept as a file with no content and the reason as its
 *       extraction error; the message itself is still processed (its text is not lost for a picture).</li>
 *   <li>Texts carry no reply headers, so the parser asks threading to join the customer's open SMS
 *       ticket last written to within {@code hub.sms.thread-window-hours} (the descriptor's same-sender window, {@link SmsChannel}).</li>
 * </ul>
 */
@Component
class SmsMessageParser implements MessageParser {

    private static final Logger log = LoggerFactory.getLogger(SmsMessageParser.class);
    private static final int SUBJECT_CHARS = 60;
    private static final int MAX_MEDIA = 10;

    private final SmsOptOuts optOuts;
    private final TwilioMediaClient media;
    private final AttachmentReader attachments;
    private final SatisfactionSurveys surveys;

    SmsMessageParser(SmsOptOuts optOuts, TwilioMediaClient media, AttachmentReader attachments,
                     SmsSettings settings, SatisfactionSurveys surveys) {
        this.surveys = surveys;
        this.optOuts = optOuts;
        this.media = media;
        this.attachments = attachments;
    }

    @Override
    public String channel() {
        return SmsMapper.CHANNEL;
    }

    @Override
    public ParsedContent parse(StoredMessage message) {
        Map<String, List<String>> params = FormBody.parseStored(message.raw(), "SMS");
        String from = FormBody.first(params, "From");
        if (from == null || from.isBlank()) {
            throw new UnreadableMessageException("stored SMS has no From number");
        }
        from = from.trim();
        String text = FormBody.first(params, "Body");
        text = text == null ? "" : text.strip();

        String command = null;
        Optional<SmsKeywords.Keyword> keyword = SmsKeywords.recognise(text);
        if (keyword.isPresent()) {
            command = command(keyword.get(), from, message);
        }
        if (command == null && FormBody.first(params, "MediaUrl0") == null) {
            command = surveys.answerBySms(from, text, message.id(), message.receivedAt()).orElse(null);
        }
        List<ExtractedFile> files = command == null ? media(params, message) : List.of();
        return new ParsedContent(subject(text, from, files.isEmpty()), text, null, null, from, null, null, files,
                null, null, command, null).withProof(SenderProof.OBSERVED_PHONE); // Twilio delivered it from that number
    }

    /** Records an opt-out or opt-in; @return the reason the message is ignored, or null when it is not a command after all. */
    private String command(SmsKeywords.Keyword keyword, String from, StoredMessage message) {
        switch (keyword.kind()) {
            case OPT_OUT -> {
                String phone = optOuts.record(from, true, keyword.word(), message.receivedAt(), message.id());
                log.info("message {}: {} opted out of SMS ({})", message.id(), phone, keyword.word());
                return "SMS keyword " + keyword.word() + ": " + phone + " opted out of texts; no ticket";
            }
            case OPT_IN -> {
                if (keyword.word().equals("YES") && !optOuts.isOptedOut(from)) {
                    return null; // an ordinary "yes" to a question from staff
                }
                String phone = optOuts.record(from, false, keyword.word(), message.receivedAt(), message.id());
                log.info("message {}: {} opted back in to SMS ({})", message.id(), phone, keyword.word());
                return "SMS keyword " + keyword.word() + ": " + phone + " opted back in to texts; no ticket";
            }
            default -> {
                return "SMS keyword " + keyword.word() + ": a request for help information, not a contact; no ticket";
            }
        }
    }

    private List<ExtractedFile> media(Map<String, List<String>> params, StoredMessage message) {
        int count;
        try {
            count = Integer.parseInt(String.valueOf(FormBody.first(params, "NumMedia")).trim());
        } catch (NumberFormatException e) {
            count = 0;
        }
        List<ExtractedFile> files = new ArrayList<>();
        AttachmentReader.MessageFiles reading = attachments.forMessage(); // photos are OCR'd within one allowance
        for (int i = 0; i < Math.min(count, MAX_MEDIA); i++) {
            String url = FormBody.first(params, "MediaUrl" + i);
            if (url == null || url.isBlank()) {
                continue;
            }
            String declaredType = FormBody.first(params, "MediaContentType" + i);
            try {
                TwilioMediaClient.Media downloaded = media.download(url.trim());
                String type = declaredType != null ? declaredType : downloaded.contentType();
                String name = "media-" + i + extension(type);
                var extraction = reading.read(downloaded.content(), name, type, false);
                files.add(new ExtractedFile(name, type, downloaded.content(), sha256(downloaded.content()), false,
                        extraction.text(), extraction.extractedBy(), extraction.error()));
            } catch (IOException | IllegalArgumentException e) {
                log.warn("message {}: medium {} not downloaded: {}", message.id(), i, e.getMessage());
                byte[] none = new byte[0];
                files.add(new ExtractedFile("media-" + i + extension(declaredType), declaredType, none, sha256(none), false,
                        null, null, "download failed: " + e.getMessage() + " (" + url.trim() + ")"));
            }
        }
        return files;
    }

    private static String subject(String text, String from, boolean noFiles) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) {
            return (noFiles ? "SMS from " : "MMS from ") + from;
        }
        return oneLine.codePointCount(0, oneLine.length()) <= SUBJECT_CHARS ? oneLine
                : oneLine.substring(0, oneLine.offsetByCodePoints(0, SUBJECT_CHARS)) + "…";
    }

    private static String extension(String contentType) {
        if (contentType == null) {
            return "";
        }
        try {
            return MimeTypes.getDefaultMimeTypes().forName(contentType.split(";")[0].trim()).getExtension();
        } catch (MimeTypeException e) {
            return "";
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
