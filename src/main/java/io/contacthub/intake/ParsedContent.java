package io.contacthub.intake;

import io.contacthub.customer.GivenIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A message's content, whatever its channel.
 *
 * @param senderName     a display name, if the channel has one
 * @param senderEmail    the sender's e-mail address, if any
 * @param senderPhone    the sender's phone number as given, if any
 * @param rfcMessageId   the Message-ID of a mail (used to thread replies to it)
 * @param references     Message-IDs this message answers (In-Reply-To and References)
 * @param declaredFields fields the sender filled in explicitly (web form: orderNumber, waybillNumber)
 * @param channelCommand non-null when the message is an instruction to the channel itself rather than
 *                       a contact for staff (an SMS {@code STOP}); the text is the reason it is IGNORED
 * @param sameCustomerWindow when set, threading also joins an open ticket of the same customer on the
 *                       same channel whose last contact lies within this window (SMS conversations
 *                       carry no reply headers); null = off
 * @param relatedExternalId the external id of an earlier message on the same channel whose ticket this
 *                       message continues (a call's voicemail names its call's CallSid); null = none
 * @param proof          what the channel proved about the sender; the shorter constructors prove
 *                       nothing (a channel must say what it proves, see {@link #withProof})
 * @param identities     the sender's identities of other kinds than e-mail and phone (a fax number, a
 *                       marketplace buyer id), each with how the channel knows it ({@link #withIdentity})
 * @param extensions     channel-specific results for the steps after recording (a fax's OCR'd pages), by
 *                       type ({@link #withExtension}, {@link #extension}); not stored by the core
 */
public record ParsedContent(String subject, String body, String senderName, String senderEmail,
                            String senderPhone, String rfcMessageId, List<String> references,
                            List<ExtractedFile> files, AutomationSignals automation,
                            Map<String, String> declaredFields, String channelCommand,
                            Duration sameCustomerWindow, String relatedExternalId, SenderProof proof,
                            List<GivenIdentity> identities, Map<Class<?>, Object> extensions) {

    public ParsedContent(String subject, String body, String senderName, String senderEmail,
                         String senderPhone, String rfcMessageId, List<String> references,
                         List<ExtractedFile> files, AutomationSignals automation,
                         Map<String, String> declaredFields, String channelCommand,
                         Duration sameCustomerWindow, String relatedExternalId, SenderProof proof) {
        this(subject, body, senderName, senderEmail, senderPhone, rfcMessageId, references, files, automation,
                declaredFields, channelCommand, sameCustomerWindow, relatedExternalId, proof, List.of(), Map.of());
    }

    public ParsedContent(String subject, String body, String senderName, String senderEmail,
                         String senderPhone, String rfcMessageId, List<String> references,
                         List<ExtractedFile> files, AutomationSignals automation,
                         Map<String, String> declaredFields, String channelCommand,
                         Duration sameCustomerWindow, String relatedExternalId) {
        this(subject, body, senderName, senderEmail, senderPhone, rfcMessageId, references, files, automation,
                declaredFields, channelCommand, sameCustomerWindow, relatedExternalId, SenderProof.NOTHING);
    }

    /** Content of a channel that names no related message (mail, web, SMS). */
    public ParsedContent(String subject, String body, String senderName, String senderEmail,
                         String senderPhone, String rfcMessageId, List<String> references,
                         List<ExtractedFile> files, AutomationSignals automation,
                         Map<String, String> declaredFields, String channelCommand,
                         Duration sameCustomerWindow) {
        this(subject, body, senderName, senderEmail, senderPhone, rfcMessageId, references, files, automation,
                declaredFields, channelCommand, sameCustomerWindow, null);
    }

    /** Content of a channel with no channel commands and no same-customer window (mail, web). */
    public ParsedContent(String subject, String body, String senderName, String senderEmail,
                         String senderPhone, String rfcMessageId, List<String> references,
                         List<ExtractedFile> files, AutomationSignals automation,
                         Map<String, String> declaredFields) {
        this(subject, body, senderName, senderEmail, senderPhone, rfcMessageId, references, files, automation,
                declaredFields, null, null, null);
    }

    public ParsedContent {
        references = references == null ? List.of() : List.copyOf(references);
        files = files == null ? List.of() : List.copyOf(files);
        automation = automation == null ? AutomationSignals.NONE : automation;
        declaredFields = declaredFields == null ? Map.of() : Map.copyOf(declaredFields);
        if (sameCustomerWindow != null && (sameCustomerWindow.isNegative() || sameCustomerWindow.isZero())) {
            sameCustomerWindow = null;
        }
        if (relatedExternalId != null && relatedExternalId.isBlank()) {
            relatedExternalId = null;
        }
        proof = proof == null ? SenderProof.NOTHING : proof;
        identities = identities == null ? List.of() : List.copyOf(identities);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        for (Map.Entry<Class<?>, Object> e : extensions.entrySet()) {
            if (!e.getKey().isInstance(e.getValue())) {
                throw new IllegalArgumentException("extension " + e.getKey().getName() + " holds a " + e.getValue().getClass());
            }
        }
    }

    /** The same content with what the channel proved about its sender. */
    public ParsedContent withProof(SenderProof proof) {
        return new ParsedContent(subject, body, senderName, senderEmail, senderPhone, rfcMessageId, references, files,
                automation, declaredFields, channelCommand, sameCustomerWindow, relatedExternalId, proof, identities, extensions);
    }

    /** The same content with one more sender identity, e.g. {@code withIdentity(new GivenIdentity("FAX", number, OBSERVED))}. */
    public ParsedContent withIdentity(GivenIdentity identity) {
        List<GivenIdentity> more = new ArrayList<>(identities);
        more.add(identity);
        return new ParsedContent(subject, body, senderName, senderEmail, senderPhone, rfcMessageId, references, files,
                automation, declaredFields, channelCommand, sameCustomerWindow, relatedExternalId, proof, more, extensions);
    }

    /** The same content carrying {@code value} for the steps after recording, found again by {@link #extension(Class)}. */
    public <T> ParsedContent withExtension(Class<T> type, T value) {
        Map<Class<?>, Object> more = new LinkedHashMap<>(extensions);
        more.put(type, value);
        return new ParsedContent(subject, body, senderName, senderEmail, senderPhone, rfcMessageId, references, files,
                automation, declaredFields, channelCommand, sameCustomerWindow, relatedExternalId, proof, identities, more);
    }

    public <T> Optional<T> extension(Class<T> type) {
        return Optional.ofNullable(extensions.get(type)).map(type::cast);
    }

    /** Body plus the text of the files, for entity extraction and classification. */
    public String searchableText() {
        StringBuilder text = new StringBuilder();
        if (subject != null) {
            text.append(subject).append('\n');
        }
        if (body != null) {
            text.append(body).append('\n');
        }
        for (ExtractedFile file : files) {
            if (file.extractedText() != null) {
                text.append(file.extractedText()).append('\n');
            }
        }
        return text.toString();
    }
}
