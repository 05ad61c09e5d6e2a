package io.contacthub.channel.voice;

import io.contacthub.calls.CallQueue;
import io.contacthub.calls.CallSettings;
import io.contacthub.calls.CallStatusCallbacks;
import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioWebhookFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Twilio's webhooks for calls with agents (signatures already checked by {@link TwilioWebhookFilter}); the state is
 * the calls module's, this class reads Twilio's parameters and answers TwiML:
 * <ul>
 *   <li>{@code /twilio/voice/queue/wait}: the queue's wait URL (QueuePosition, QueueTime): hold message, or
 *       {@code <Leave>} for voicemail after {@code hub.voice.queue-timeout} or when no agent takes calls;</li>
 *   <li>{@code /twilio/voice/queue/result}: the {@code <Enqueue action>} (QueueResult: hangup = a missed call to call
 *       back; leave, queue-full, error, system-error = voicemail; bridged = after the call with the agent);</li>
 *   <li>{@code /twilio/voice/queue/bridge}: the {@code <Queue url>} run on the caller's side just before an agent is
 *       connected (DequeingCallSid: the agent's leg);</li>
 *   <li>{@code /twilio/voice/status}: status callbacks of every leg (see {@link CallStatusCallbacks});</li>
 *   <li>{@code /twilio/voice/announce}: the recording announcement a called customer hears.</li>
 * </ul>
 */
@RestController
class VoiceQueueController {

    private final CallQueue queue;
    private final CallStatusCallbacks statuses;
    private final CallSettings settings;
    private final VoiceTwiml twiml;

    VoiceQueueController(CallQueue queue, CallStatusCallbacks statuses, CallSettings settings, VoiceTwiml twiml) {
        this.queue = queue;
        this.statuses = statuses;
        this.settings = settings;
        this.twiml = twiml;
    }

    @PostMapping(path = "/twilio/voice/queue/wait", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> waiting(HttpServletRequest request) {
        Map<String, List<String>> params = TwilioWebhookFilter.verifiedParams(request);
        CallQueue.Hold hold = queue.waiting(callSid(params), number(params, "QueueTime"), number(params, "QueuePosition"));
        return xml(twiml.hold(VoiceWebhookController.lang(request), hold.leave(), hold.position(), settings.holdMusicUrl(),
                settings.holdPauseSeconds()));
    }

    @PostMapping(path = "/twilio/voice/queue/result", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> left(HttpServletRequest request) {
        Map<String, List<String>> params = TwilioWebhookFilter.verifiedParams(request);
        String result = FormBody.first(params, "QueueResult");
        queue.left(callSid(params), result);
        String r = result == null ? "" : result.trim().toLowerCase(java.util.Locale.ROOT);
        Long callId = VoiceWebhookController.callId(request);
        if (r.equals("hangup") || r.equals("bridged") || r.equals("redirected") || callId == null) {
            return xml(twiml.hangup());
        }
        return xml(twiml.voicemailAfterQueue(VoiceWebhookController.lang(request), callId));
    }

    @PostMapping(path = "/twilio/voice/queue/bridge", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> bridge(HttpServletRequest request) {
        Map<String, List<String>> params = TwilioWebhookFilter.verifiedParams(request);
        queue.bridged(callSid(params), FormBody.first(params, "DequeingCallSid"));
        String lang = VoiceWebhookController.lang(request);
        return xml(twiml.connecting(lang, settings.recordCalls() ? settings.announcement(lang) : null));
    }

    @PostMapping(path = "/twilio/voice/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> status(HttpServletRequest request) {
        Map<String, List<String>> params = TwilioWebhookFilter.verifiedParams(request);
        Map<String, List<String>> query = query(request);
        String duration = FormBody.first(params, "CallDuration");
        CallStatusCallbacks.Status status = new CallStatusCallbacks.Status(callSid(params), FormBody.first(params, "ParentCallSid"),
                FormBody.first(params, "CallStatus"),
                duration != null && duration.trim().matches("[0-9]{1,7}") ? Integer.valueOf(duration.trim()) : null,
                FormBody.first(params, "From"), FormBody.first(params, "To"));
        String leg = FormBody.first(query, "leg");
        switch (leg == null ? "" : leg) {
            case "offer" -> statuses.offerLeg(id(query, "offer"), status);
            case "agent" -> statuses.placingAgentLeg(id(query, "vc"), status);
            case "customer" -> statuses.customerLeg(id(query, "vc"), status);
            case "" -> statuses.callerLeg(status);
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown leg");
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/twilio/voice/announce", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> announce(HttpServletRequest request) {
        TwilioWebhookFilter.verifiedParams(request);
        String lang = VoiceWebhookController.lang(request);
        return xml(twiml.announce(lang, settings.announcement(lang)));
    }

    private static String callSid(Map<String, List<String>> params) {
        try {
            return FormBody.sid(params, "CallSid");
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** A small non-negative number Twilio sends (seconds, a position); absent or odd: 0. */
    private static int number(Map<String, List<String>> params, String name) {
        String value = FormBody.first(params, name);
        return value != null && value.trim().matches("[0-9]{1,7}") ? Integer.parseInt(value.trim()) : 0;
    }

    private static long id(Map<String, List<String>> query, String name) {
        String value = FormBody.first(query, name);
        if (value == null || !value.matches("[0-9]{1,18}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " is missing");
        }
        return Long.parseLong(value);
    }

    private static Map<String, List<String>> query(HttpServletRequest request) {
        String q = request.getQueryString();
        return q == null ? Map.of() : FormBody.parse(q.getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity<String> xml(String body) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(body);
    }
}
