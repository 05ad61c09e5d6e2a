package io.contacthub.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
 */
public record ParsedContent(String subject, String body, String senderName, String senderEmail,
                            String senderPhone, String rfcMessageId, List<String> references,
                            List<ExtractedFile> files, AutomationSignals automation,
                            Map<String, String> declaredFields, String channelCommand,
                            Duration sameCustomerWindow, String relatedExternalId, SenderProof proof) {

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
    }

    /** The same content with what the channel proved about its sender. */
    public ParsedContent withProof(SenderProof proof) {
        return new ParsedContent(subject, body, senderName, senderEmail, senderPhone, rfcMessageId, references, files,
                automation, declaredFields, channelCommand, sameCustomerWindow, relatedExternalId, proof);
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
