package io.contacthub.channel.voice;

import io.contacthub.intake.InboundMessage;
import io.contacthub.intake.MessageQueries;
import io.contacthub.backoffice.tracking.WaybillStatusLookup;
import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioWebhookFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import io.contacthub.intake.WebhookIntake;
import io.contacthub.calls.CallQueue;
import io.contacthub.calls.CallRecordings;
import io.contacthub.calls.CallbackBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Twilio's voice webhooks (signatures already checked by {@link TwilioWebhookFilter}):
 * <ul>
 *   <li>{@code POST /twilio/voice}: an incoming call. The call is committed as a VOICE message keyed by
 *       CallSid (so a caller who hangs up in the menu is still a contact staff see), then answered with
 *       the greeting and menu in the dialled number's language.</li>
 *   <li>{@code POST /twilio/voice/menu}, {@code /waybill}, {@code /done}: the IVR's next steps; they
 *       store nothing, their choices travel on in the URLs.</li>
 *   <li>{@code POST /twilio/recording}: the recording status callback. A completed recording is committed
 *       keyed by RecordingSid and answered 204 at once; download and transcription run on the processing
 *       queue. Other statuses (in-progress, absent: too short or silent, failed) are answered 200 and
 *       stored nowhere: there is no audio to keep, and the call itself is already a contact.</li>
 * </ul>
 */
@RestController
class VoiceWebhookController {

    private static final Logger log = LoggerFactory.getLogger(VoiceWebhookController.class);
    /** The menu key for an agent ("人工服务请按9"). */
    static final String AGENT_DIGIT = "9";

    private final VoiceMapper mapper;
    private final VoiceTwiml twiml;
    private final VoiceProperties properties;
    private final MessageQueries messages;
    private final WebhookIntake intake;
    private final WaybillStatusLookup lookup;
    private final CallQueue queue;
    private final CallbackBase base;
    private final CallRecordings recordings;

    VoiceWebhookController(VoiceMapper mapper, VoiceTwiml twiml, VoiceProperties properties, MessageQueries messages,
                           WebhookIntake intake, WaybillStatusLookup lookup, CallQueue queue, CallbackBase base,
                           CallRecordings recordings) {
        this.queue = queue;
        this.base = base;
        this.recordings = recordings;
        this.lookup = lookup;
        this.mapper = mapper;
        this.twiml = twiml;
        this.properties = properties;
        this.messages = messages;
        this.intake = intake;
    }

    @PostMapping(path = "/twilio/voice", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> incoming(HttpServletRequest request) {
        Map<String, List<String>> params = TwilioWebhookFilter.verifiedParams(request);
        InboundMessage call;
        try {
            call = mapper.call(TwilioWebhookFilter.verifiedBody(request), params);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not an incoming call: " + e.getMessage());
        }
        intake.commit("direct:voice-in", call); // committed before the answer, also while the node starts or stops
        String lang = properties.languageFor(FormBody.first(params, "To"));
        if (queue.straightToAgent(call.sender())) {
            long id = queue.enqueue(call.externalId(), call.sender(), FormBody.first(params, "To"), lang, base.of(request));
            return xml(twiml.enqueue(lang, id, queue.queueName(), true));
        }
        return xml(twiml.greeting(lang));
    }

    @PostMapping(path = "/twilio/voice/menu", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> menu(HttpServletRequest request) {
        Map<String, List<String>> params = TwilioWebhookFilter.verifiedParams(request);
        String digits = FormBody.first(params, "Digits");
        if (AGENT_DIGIT.equals(digits == null ? "" : digits.trim())) {
            String callSid;
            try {
                callSid = FormBody.sid(params, "CallSid");
            } catch (IllegalArgumentException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a call: " + e.getMessage());
            }
            String from = FormBody.first(params, "From");
            if (from == null || from.isBlank()) { // Twilio sends it; else the caller of the call as committed
                from = messages.findByExternalId(VoiceMapper.CHANNEL, callSid).map(MessageQueries.MessageView::sender).orElse(null);
            }
            long id = queue.enqueue(callSid, from == null ? null : from.trim(), FormBody.first(params, "To"), lang(request),
                    base.of(request));
            return xml(twiml.enqueue(lang(request), id, queue.queueName(), false));
        }
        return xml(twiml.menu(lang(request), digits));
    }

    @PostMapping(path = "/twilio/voice/waybill", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> waybill(HttpServletRequest request) {
        String waybill = VoiceTwiml.waybillDigits(FormBody.first(TwilioWebhookFilter.verifiedParams(request), "Digits"));
        // Twilio waits 15 s for the answer; the caller should not wait more than a few.
        return xml(twiml.waybill(lang(request), waybill, waybill.isEmpty() ? java.util.Optional.empty()
                : lookup.lookupNow(waybill, properties.trackingLookupDeadline())));
    }

    @PostMapping(path = "/twilio/voice/done", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> done(HttpServletRequest request) {
        TwilioWebhookFilter.verifiedParams(request);
        return xml(twiml.done(lang(request)));
    }

    @PostMapping(path = "/twilio/recording", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> recording(HttpServletRequest request) {
        Map<String, List<String>> params = TwilioWebhookFilter.verifiedParams(request);
        String status = FormBody.first(params, "RecordingStatus");
        if (status != null && !status.trim().equalsIgnoreCase("completed")) {
            log.info("recording {} of call {}: status {} (error {}), nothing to keep", FormBody.first(params, "RecordingSid"),
                    FormBody.first(params, "CallSid"), status, FormBody.first(params, "ErrorCode"));
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("ignored: recording status " + status.trim());
        }
        InboundMessage recording;
        try {
            String callSid = FormBody.first(params, "CallSid");
            String caller = callSid == null ? null : messages.findByExternalId(VoiceMapper.CHANNEL, callSid.trim())
                    .map(MessageQueries.MessageView::sender).orElse(null);
            Long callId = callId(request);
            if (callId != null) { // a call with an agent (or a voicemail after the queue): the customer is the call's
                String customer = recordings.recorded(callId, callSid, FormBody.sid(params, "RecordingSid"));
                caller = customer != null ? customer : caller;
            }
            recording = mapper.recording(TwilioWebhookFilter.verifiedBody(request), params, request.getQueryString(), caller);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a recording callback: " + e.getMessage());
        }
        intake.commit("direct:voice-in", recording); // committed before the answer, also while the node starts or stops
        return ResponseEntity.noContent().build();
    }

    /** The hub's call id in the callback URL ({@code vc}), which the hub wrote and Twilio signed; null when absent. */
    static Long callId(HttpServletRequest request) {
        String query = request.getQueryString();
        String vc = query == null ? null : FormBody.first(FormBody.parse(query.getBytes(StandardCharsets.UTF_8)), "vc");
        if (vc == null || !vc.matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.valueOf(vc);
    }

    static String lang(HttpServletRequest request) {
        String query = request.getQueryString();
        String lang = query == null ? null : FormBody.first(FormBody.parse(query.getBytes(StandardCharsets.UTF_8)), "lang");
        return VoiceProperties.language(lang, "zh");
    }

    private static ResponseEntity<String> xml(String twiml) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(twiml);
    }
}
