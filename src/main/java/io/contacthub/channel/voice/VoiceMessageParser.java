package io.contacthub.channel.voice;

import io.contacthub.calls.CallLog;
import io.contacthub.extract.speech.SpeechToText;
import io.contacthub.intake.ExtractedFile;
import io.contacthub.intake.MessageParser;
import io.contacthub.intake.MessageQueries;
import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.SenderProof;
import io.contacthub.intake.StoredMessage;
import io.contacthub.intake.UnreadableMessageException;
import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioMediaClient;
import io.contacthub.twilio.TwilioSettings;
import io.contacthub.understand.UnderstandStage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads stored VOICE messages.
 * <ul>
 *   <li>A call (CallSid, no RecordingSid): a contact "Call from … to …" on a new ticket, so a caller who
 *       hangs up in the menu is still seen by staff.</li>
 *   <li>A recording: downloads {@code RecordingUrl + ".wav"} from Twilio's REST API with the account's
 *       Basic credentials, checks it is a RIFF/WAVE file with audio data, keeps it as the contact's file
 *       and transcribes it when a speech model for the caller's language is loaded; otherwise the body
 *       says it is untranscribed and the file carries {@link SpeechToText#UNTRANSCRIBED_PREFIX}. The
 *       caller (From/To) is taken from the stored call with the same CallSid; the voicemail joins that
 *       call's ticket ({@link ParsedContent#relatedExternalId()}); the menu choice from the callback URL
 *       is declared as the intent, a keyed-in waybill number as a declared waybill number.</li>
 * </ul>
 * A failed download or an unreadable file makes the message FAILED with the reason; the raw callback
 * stays, so it can be replayed once the cause is fixed.
 */
@Component
class VoiceMessageParser implements MessageParser {

    static final String TWILIO_API = "https://api.twilio.com";
    private static final Logger log = LoggerFactory.getLogger(VoiceMessageParser.class);

    private final TwilioMediaClient media;
    private final MessageQueries messages;
    private final ObjectProvider<SpeechToText> speech;
    private final String apiUrl;
    private CallLog callLog;

    @Autowired
    VoiceMessageParser(TwilioMediaClient media, MessageQueries messages, ObjectProvider<SpeechToText> speech,
                       TwilioSettings twilio, CallLog callLog) {
        this(media, messages, speech, twilio.apiUrl());
        this.callLog = callLog;
    }

    VoiceMessageParser(TwilioMediaClient media, MessageQueries messages, ObjectProvider<SpeechToText> speech,
                       String apiUrl) {
        this.media = media;
        this.messages = messages;
        this.speech = speech;
        String base = apiUrl == null || apiUrl.isBlank() ? TWILIO_API : apiUrl.trim();
        this.apiUrl = base.replaceAll("/+$", "");
    }

    @Override
    public String channel() {
        return VoiceMapper.CHANNEL;
    }

    @Override
    public ParsedContent parse(StoredMessage message) {
        Map<String, List<String>> params = FormBody.parseStored(message.raw(), "voice webhook");
        return FormBody.first(params, "RecordingSid") == null ? call(params) : recording(message, params);
    }

    private ParsedContent call(Map<String, List<String>> params) {
        String from = trimmed(FormBody.first(params, "From"));
        String to = trimmed(FormBody.first(params, "To"));
        String caller = from == null ? "an unknown number" : from;
        String body = "Phone call from " + caller + (to == null ? "" : " to " + to)
                + " (IVR menu). A voicemail left on this call is added to this ticket; without one, the caller "
                + "hung up in the menu or before leaving a message: call back.";
        return new ParsedContent("Call from " + caller, body, null, null, from, null, null, List.of(), null, null)
                .withProof(SenderProof.OBSERVED_PHONE); // the caller id Twilio signed for
    }

    private ParsedContent recording(StoredMessage message, Map<String, List<String>> params) {
        String recordingSid = FormBody.first(params, "RecordingSid").trim();
        String callSid = trimmed(FormBody.first(params, "CallSid"));
        String lang = VoiceProperties.language(FormBody.first(params, "lang"), null);
        MenuOption option = MenuOption.ofIntent(FormBody.first(params, "intent"));
        String waybill = trimmed(FormBody.first(params, "waybill"));
        String seconds = trimmed(FormBody.first(params, "RecordingDuration"));

        Map<String, String> call = callOf(callSid);
        String from = call.get("From");
        if (from == null) {
            from = trimmed(message.sender());
        }
        String related = callSid;
        // A conversation with an agent (recorded under hub.voice.record-calls): its call names the customer and ticket.
        Optional<CallLog.Call> conversation = conversation(FormBody.first(params, "vc"), callSid);
        String url = downloadUrl(FormBody.first(params, "RecordingUrl"));
        byte[] audio;
        try {
            audio = media.download(url).content();
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableMessageException("recording " + recordingSid + " could not be downloaded: " + e.getMessage()
                    + " (" + url + "); replay the message once Twilio serves it", e);
        }
        checkWave(audio, recordingSid);
        String duration = seconds == null ? "" : " (" + seconds + " s)";
        String what = "Voicemail";
        String fileName = "voicemail-" + recordingSid + ".wav";
        String menu = option == MenuOption.VOICEMAIL ? "" : ", menu option " + option.digit + " (" + option.label + ")";
        String keyed = waybill == null ? "" : ", waybill number keyed in: " + waybill;
        String caller = from == null ? "an unknown number" : from;
        String subject = "Voicemail from " + caller + (option == MenuOption.VOICEMAIL ? "" : " (" + option.label + ")");
        if (conversation.isPresent()) {
            CallLog.Call c = conversation.get();
            from = c.customerNumber() == null ? from : c.customerNumber();
            caller = from == null ? "an unknown number" : from;
            String agent = c.agentName() == null ? "an agent" : "agent " + c.agentName();
            what = "Call recording";
            fileName = "call-" + recordingSid + ".wav";
            menu = "";
            keyed = "";
            if (c.inbound()) {
                related = c.callSid(); // the caller's call: its VOICE contact's ticket
                subject = "Recording of the call from " + caller + " with " + agent;
            } else {
                related = null; // an outbound call has no VOICE contact: its ticket's tag threads it (the customer's own number)
                subject = "Recording of the call to " + caller + " by " + agent + (c.ticketRef() == null ? "" : " [#" + c.ticketRef() + "]");
            }
        }

        String body;
        ExtractedFile file;
        Optional<SpeechToText.Transcript> transcript = transcribe(audio, lang, recordingSid);
        if (transcript.isPresent()) {
            String text = transcript.get().text() == null ? "" : transcript.get().text().strip();
            body = text.isEmpty() ? what + duration + " from " + caller + menu + keyed + ": no speech recognised" : text;
            file = new ExtractedFile(fileName, "audio/x-wav", audio, sha256(audio), false, text,
                    "vosk:" + transcript.get().model(), null);
        } else {
            String why = whyUntranscribed(lang);
            body = what + duration + (conversation.isPresent() ? " with " + caller : " from " + caller) + menu + keyed
                    + " — not transcribed yet: " + why;
            file = new ExtractedFile(fileName, "audio/x-wav", audio, sha256(audio), false, null, null,
                    SpeechToText.UNTRANSCRIBED_PREFIX + " " + why + " (HUB_VOSK_MODEL_EN / HUB_VOSK_MODEL_ZH)");
        }
        Map<String, String> declared = new HashMap<>();
        declared.put(UnderstandStage.DECLARED_INTENT, option.intent.name());
        if (waybill != null) {
            declared.put("waybillNumber", waybill);
        }
        if ("1".equals(trimmed(FormBody.first(params, "answered")))) {
            // The caller heard the status in the call: no automatic call back with the same answer.
            declared.put("trackingAnswered", "during the call (IVR)");
        }
        return new ParsedContent(subject, body, null, null, from, null, null, List.of(file), null, declared, null, null,
                related).withProof(SenderProof.OBSERVED_PHONE);
    }

    /**
     * The hub's call a recording callback names ({@code vc}, written by the hub into the callback URL and signed by
     * Twilio), when the recording is of a conversation with an agent: one of the call's agent legs, or an outbound call.
     * A voicemail left after the queue (the caller's own leg, no agent) stays a voicemail.
     */
    private Optional<CallLog.Call> conversation(String vc, String callSid) {
        if (vc == null || !vc.matches("[0-9]{1,18}") || callLog == null) {
            return Optional.empty();
        }
        return callLog.find(Long.parseLong(vc))
                .filter(c -> !(c.inbound() && c.callSid().equals(callSid) && c.agent() == null));
    }

    /** Transcript when a model for the language is loaded; empty when none is (or it went away meanwhile). */
    private Optional<SpeechToText.Transcript> transcribe(byte[] audio, String lang, String recordingSid) {
        SpeechToText stt = speech.getIfAvailable();
        if (stt == null || !stt.available(lang)) {
            return Optional.empty();
        }
        try {
            return Optional.of(stt.transcribe(audio, "audio/x-wav", lang));
        } catch (SpeechToText.UnreadableAudioException e) {
            throw new UnreadableMessageException("recording " + recordingSid + " is not readable audio: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            log.warn("recording {}: not transcribed: {}", recordingSid, e.getMessage());
            return Optional.empty();
        }
    }

    private String whyUntranscribed(String lang) {
        SpeechToText stt = speech.getIfAvailable();
        if (stt == null || !stt.available(null)) {
            return "no speech model configured";
        }
        return "no speech model configured for " + (lang == null ? "this language" : lang);
    }

    /** From/To of the stored call with this CallSid; empty when the hub never saw the call. */
    private Map<String, String> callOf(String callSid) {
        if (callSid == null) {
            return Map.of();
        }
        return messages.findByExternalId(VoiceMapper.CHANNEL, callSid)
                .flatMap(call -> messages.raw(call.id()))
                .map(raw -> {
                    Map<String, List<String>> form = FormBody.parse(raw.bytes());
                    Map<String, String> known = new HashMap<>();
                    Optional.ofNullable(trimmed(FormBody.first(form, "From"))).ifPresent(v -> known.put("From", v));
                    Optional.ofNullable(trimmed(FormBody.first(form, "To"))).ifPresent(v -> known.put("To", v));
                    return known;
                })
                .orElse(Map.of());
    }

    /**
     * {@code RecordingUrl + ".wav"}, with Twilio's API base replaced by {@code hub.twilio.api-url} (a test
     * double or an egress proxy). Only Twilio's API (or that configured base) is accepted: the download
     * carries the account's credentials.
     */
    String downloadUrl(String recordingUrl) {
        String url = trimmed(recordingUrl);
        if (url == null) {
            throw new UnreadableMessageException("recording callback has no RecordingUrl");
        }
        if (url.startsWith(TWILIO_API + "/")) {
            url = apiUrl + url.substring(TWILIO_API.length());
        } else if (!url.startsWith(apiUrl + "/")) {
            throw new UnreadableMessageException("RecordingUrl " + url + " is not on Twilio's API (" + TWILIO_API
                    + " or hub.twilio.api-url); not downloaded with the account's credentials");
        }
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        String rest = query < 0 ? "" : url.substring(query);
        return (path.endsWith(".wav") ? path : path + ".wav") + rest;
    }

    /** A RIFF/WAVE file with a non-empty data chunk; anything else is no recording. */
    static void checkWave(byte[] audio, String recordingSid) {
        if (audio.length == 0) {
            throw new UnreadableMessageException("recording " + recordingSid + " downloaded empty (0 bytes)");
        }
        if (audio.length < 12 || !ascii(audio, 0, "RIFF") || !ascii(audio, 8, "WAVE")) {
            throw new UnreadableMessageException("recording " + recordingSid + " is not a WAV file (no RIFF/WAVE header, "
                    + audio.length + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(audio).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 12;
        while (offset + 8 <= audio.length) {
            long size = Integer.toUnsignedLong(buffer.getInt(offset + 4));
            if (ascii(audio, offset, "data")) {
                if (size == 0 || offset + 8 >= audio.length) {
                    throw new UnreadableMessageException("recording " + recordingSid + " is a WAV file without audio data");
                }
                return;
            }
            offset += 8 + size + (size & 1);
        }
        throw new UnreadableMessageException("recording " + recordingSid + " is a WAV file without a data chunk");
    }

    private static boolean ascii(byte[] bytes, int offset, String expected) {
        return offset + 4 <= bytes.length
                && new String(bytes, offset, 4, StandardCharsets.US_ASCII).equals(expected);
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
