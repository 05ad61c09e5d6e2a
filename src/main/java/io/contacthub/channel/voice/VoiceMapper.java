package io.contacthub.channel.voice;

import io.contacthub.intake.InboundMessage;
import io.contacthub.twilio.FormBody;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Verified Twilio voice webhooks to InboundMessages on channel VOICE:
 * <ul>
 *   <li>an incoming call, keyed by CallSid, sent by From; raw = the form exactly as posted;</li>
 *   <li>a completed recording, keyed by RecordingSid; raw = the form exactly as posted, followed by
 *       {@code &} and the query string of the callback URL (intent, lang, waybill), which the hub itself
 *       wrote into the TwiML and Twilio signed with the request, so a replay still knows the menu choice.</li>
 * </ul>
 */
@Component
class VoiceMapper {

    static final String CHANNEL = "VOICE";
    static final String CONTENT_TYPE = FormBody.CONTENT_TYPE;

    /** @throws IllegalArgumentException when the request is not a call (no usable CallSid) */
    InboundMessage call(byte[] rawForm, Map<String, List<String>> params) {
        String callSid = FormBody.sid(params, "CallSid");
        String from = FormBody.first(params, "From");
        String to = FormBody.first(params, "To");
        return new InboundMessage(CHANNEL, callSid, "twilio:" + (to == null ? "" : to.trim()),
                from == null || from.isBlank() ? null : from.trim(), CONTENT_TYPE, rawForm);
    }

    /**
     * @param query  the callback URL's query string as received (may be null)
     * @param caller From of the call, when the call is known
     * @throws IllegalArgumentException when the request is not a recording callback (no RecordingSid or CallSid)
     */
    InboundMessage recording(byte[] rawForm, Map<String, List<String>> params, String query, String caller) {
        String recordingSid = FormBody.sid(params, "RecordingSid");
        String callSid = FormBody.sid(params, "CallSid");
        byte[] raw = rawForm;
        if (query != null && !query.isBlank()) {
            byte[] tail = ((rawForm.length == 0 ? "" : "&") + query).getBytes(StandardCharsets.UTF_8);
            raw = new byte[rawForm.length + tail.length];
            System.arraycopy(rawForm, 0, raw, 0, rawForm.length);
            System.arraycopy(tail, 0, raw, rawForm.length, tail.length);
        }
        return new InboundMessage(CHANNEL, recordingSid, "twilio:recording:" + callSid, caller, CONTENT_TYPE, raw);
    }

}
