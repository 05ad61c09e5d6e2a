package io.contacthub.channel.letter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.customer.BuiltInIdentityKinds;
import io.contacthub.customer.GivenIdentity;
import io.contacthub.customer.Provenance;
import io.contacthub.extract.ocr.ReadDocument;
import io.contacthub.extract.ocr.ScannedDocumentReader;
import io.contacthub.extract.ocr.UnreadableDocumentException;
import io.contacthub.intake.ExtractedFile;
import io.contacthub.intake.MessageParser;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.SenderProof;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import io.contacthub.understand.UnderstandStage;
import io.contacthub.understand.forms.FormFieldExtractor;
import io.contacthub.understand.forms.FormFields;
import io.contacthub.understand.forms.FormProperties;
import io.contacthub.understand.forms.ReadForm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Reads a stored letter ({@link LetterEnvelope}) back into a contact.
 * <ul>
 *   <li><b>Scan</b>: OCR'd like a fax by {@link ScannedDocumentReader} (PDF, TIFF, PNG, JPEG; the page and pixel
 *       limits, at most {@code hub.letter.max-ocr-pages} pages). Its text is the file's text and is appended to
 *       the contact's body; labelled fields are read from it. A file that cannot be read (corrupt, encrypted,
 *       over a limit) makes the message FAILED with the reason, the original kept. Without Tesseract the file
 *       is kept marked {@value #WAITING_PREFIX} and read later by {@link PendingLetterOcr}.</li>
 *   <li><b>Who</b>: what staff typed from the letter or the visitor (name, e-mail, phone) is a claim, as on the
 *       web form. When staff checked the contact is an existing customer's, the identity of that customer they
 *       checked is VERIFIED, so the contact is that customer's and joins their ticket by its reference.</li>
 *   <li><b>Ticket</b>: a reference staff named goes into the subject as {@code [#CH-…]}, where threading reads
 *       it first; it joins only the ticket of the contact's proven customer, like any tag.</li>
 *   <li><b>Matter</b>: the intent staff chose is declared; otherwise a recognised form's type decides (a complaint
 *       letter COMPLAINT, an order form or consignment note ORDER), otherwise the keyword rules.</li>
 * </ul>
 */
@Component
class LetterMessageParser implements MessageParser {

    static final String WAITING_PREFIX = "ocr-waiting:";
    static final Set<String> ALLOWED_TYPES = Set.of("application/pdf", "image/tiff", "image/png", "image/jpeg");
    static final Set<String> INTENTS = Set.of("GENERAL", "TRACKING", "ORDER", "COMPLAINT");

    private final ObjectMapper json;
    private final ScannedDocumentReader reader;
    private final FormFieldExtractor forms;
    private final LetterSettings settings;
    private final double minConfidence;

    LetterMessageParser(ObjectMapper json, ScannedDocumentReader reader, FormFieldExtractor forms, LetterSettings settings,
                        FormProperties formProperties) {
        this.json = json;
        this.reader = reader;
        this.forms = forms;
        this.settings = settings;
        this.minConfidence = formProperties.minConfidence();
    }

    @Override
    public String channel() {
        return LetterMapper.CHANNEL;
    }

    @Override
    public ParsedContent parse(StoredMessage message) {
        if (!LetterMapper.CONTENT_TYPE.equals(message.contentType())) {
            throw new UnreadableMessageException("stored letter is " + message.contentType() + ", not " + LetterMapper.CONTENT_TYPE);
        }
        LetterEnvelope letter = LetterEnvelope.read(json, message.raw());
        LetterKind kind = letter.letterKind();

        List<ExtractedFile> files = new ArrayList<>();
        String scanText = null;
        FormFields form = null;
        if (letter.scan() != null) {
            LetterEnvelope.Scan scan = letter.scan();
            String name = LetterMapper.fileName(scan.fileName());
            ReadDocument read = read(scan.content(), name);
            if (read.waiting()) {
                scanText = waitingNote(name, read.waitingReason());
            } else {
                scanText = read.text();
                form = forms.extract(read.text(), read.meanConfidence());
            }
            files.add(new ExtractedFile(name, read.mediaType(), scan.content(), LetterMapper.sha256(scan.content()), false,
                    read.waiting() ? null : read.text(), read.waiting() ? null : read.method(),
                    read.waiting() ? WAITING_PREFIX + " " + read.waitingReason() : null));
        }

        String who = letter.name() != null ? letter.name() : letter.email() != null ? letter.email()
                : letter.phone() != null ? letter.phone() : letter.vouch() == null ? null : letter.vouch().value();
        String subject = letter.subject() != null ? letter.subject() : kind.defaultSubject(who);
        String ref = letter.ticketRef();
        if (ref != null && !subject.toUpperCase(Locale.ROOT).contains("[#" + ref.toUpperCase(Locale.ROOT) + "]")) {
            subject = subject + " [#" + ref.toUpperCase(Locale.ROOT) + "]";
        }
        StringBuilder body = new StringBuilder(letter.text() == null ? "" : letter.text().strip());
        if (scanText != null && !scanText.isBlank()) {
            if (!body.isEmpty()) {
                body.append("\n\n");
            }
            body.append(scanText);
        }

        boolean recognised = recognised(form);
        Map<String, String> declared = declared(letter, form, recognised, minConfidence);
        ParsedContent content = identified(letter, subject, body.toString(), files, declared);
        return content.withExtension(LetterDetails.class, new LetterDetails(kind, letter.loggedBy(), letter.vouch(),
                form == null ? null : new ReadForm(form, form.needsReview()), recognised));
    }

    /** A form the hub has a type for (order form, consignment note, complaint letter), not just text. */
    static boolean recognised(FormFields form) {
        return form != null && !"UNKNOWN".equals(form.formType());
    }

    /** The line a scan not OCR'd yet leaves in the body, replaced by its text once it is read. */
    static String waitingNote(String fileName, String reason) {
        return fileName + ": not OCR'd yet (" + reason + ")";
    }

    private ReadDocument read(byte[] content, String name) {
        if (content.length > settings.maxFileBytes().toBytes()) {
            throw new UnreadableMessageException("scanned file " + name + " is " + content.length + " bytes, over the limit of "
                    + settings.maxFileBytes().toBytes() + " (hub.letter.max-file-bytes); kept unread");
        }
        String type = ScannedDocumentReader.detect(content, name);
        if (!ALLOWED_TYPES.contains(type)) {
            throw new UnreadableMessageException("scanned file " + name + " is " + type
                    + ", not a PDF, TIFF, PNG or JPEG scan; kept unread");
        }
        try {
            return reader.read(content, name, new ScannedDocumentReader.Limits(settings.maxOcrPages(), 0,
                    "hub.letter.max-ocr-pages"));
        } catch (UnreadableDocumentException e) {
            throw new UnreadableMessageException("scanned file " + name + ": " + e.getMessage(), e);
        }
    }

    /** The intent staff chose, else a recognised form's; order and waybill numbers read from the form with confidence. */
    static Map<String, String> declared(LetterEnvelope letter, FormFields form, boolean recognised, double minConfidence) {
        Map<String, String> declared = new HashMap<>();
        String intent = letter.intent() == null ? null : letter.intent().strip().toUpperCase(Locale.ROOT);
        if (intent != null && INTENTS.contains(intent)) {
            declared.put(UnderstandStage.DECLARED_INTENT, intent);
        } else if (recognised) {
            String fromForm = switch (form.formType()) {
                case "COMPLAINT_LETTER" -> "COMPLAINT";
                case "ORDER_FORM", "CONSIGNMENT_NOTE" -> "ORDER";
                default -> null;
            };
            if (fromForm != null) {
                declared.put(UnderstandStage.DECLARED_INTENT, fromForm);
            }
        }
        if (form != null) {
            for (String name : List.of("orderNumber", "waybillNumber")) {
                FormFields.Field f = form.fields().get(name);
                if (f != null && f.confidence() >= minConfidence) {
                    declared.put(name, f.value());
                }
            }
        }
        return declared;
    }

    /**
     * Who the contact is from. Typed identities are claims. A vouched identity is VERIFIED and goes first in its
     * slot, so the same address typed too does not turn it back into a claim.
     */
    private static ParsedContent identified(LetterEnvelope letter, String subject, String body, List<ExtractedFile> files,
                                            Map<String, String> declared) {
        LetterEnvelope.Vouch vouch = letter.vouch();
        String email = letter.email();
        String phone = letter.phone();
        Provenance emailProof = Provenance.CLAIMED;
        Provenance phoneProof = Provenance.CLAIMED;
        List<GivenIdentity> others = new ArrayList<>();
        if (vouch != null && BuiltInIdentityKinds.EMAIL.equals(vouch.kind())) {
            if (email != null && !email.strip().equalsIgnoreCase(vouch.value())) {
                others.add(new GivenIdentity(BuiltInIdentityKinds.EMAIL, email, Provenance.CLAIMED));
            }
            email = vouch.value();
            emailProof = Provenance.VERIFIED;
        } else if (vouch != null && BuiltInIdentityKinds.PHONE.equals(vouch.kind())) {
            if (phone != null && !phone.strip().equals(vouch.value())) {
                others.add(new GivenIdentity(BuiltInIdentityKinds.PHONE, phone, Provenance.CLAIMED));
            }
            phone = vouch.value();
            phoneProof = Provenance.VERIFIED;
        } else if (vouch != null) {
            others.add(0, new GivenIdentity(vouch.kind(), vouch.value(), Provenance.VERIFIED));
        }
        ParsedContent content = new ParsedContent(subject, body, letter.name(), email, phone, null, null, files, null, declared,
                null, null, null, new SenderProof(emailProof, phoneProof, null));
        for (GivenIdentity other : others) {
            content = content.withIdentity(other);
        }
        return content;
    }
}
