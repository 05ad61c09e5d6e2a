package io.contacthub.channel.sms;

import io.contacthub.http.ApiProblem;
import io.contacthub.intake.InboundMessage;
import io.contacthub.twilio.TwilioWebhookFilter;
import com.twilio.twiml.MessagingResponse;
import jakarta.servlet.http.HttpServletRequest;
import io.contacthub.intake.WebhookIntake;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /twilio/sms}: Twilio's incoming-message webhook. The signature was checked by
 * {@link TwilioWebhookFilter}; here the message is committed through {@code direct:sms-in} and
 * only then answered 200 with an empty TwiML {@code <Response/>} (no automatic reply). Processing
 * runs afterwards on the processing queue, well inside Twilio's 15 seconds.
 */
@RestController
class SmsWebhookController {

    private static final String EMPTY_TWIML = new MessagingResponse.Builder().build().toXml();

    private final SmsMapper mapper;
    private final WebhookIntake intake;

    SmsWebhookController(SmsMapper mapper, WebhookIntake intake) {
        this.mapper = mapper;
        this.intake = intake;
    }

    @PostMapping(path = "/twilio/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> incoming(HttpServletRequest request) {
        InboundMessage inbound;
        try {
            inbound = mapper.toInbound(TwilioWebhookFilter.verifiedBody(request), TwilioWebhookFilter.verifiedParams(request));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "not an incoming message: " + e.getMessage());
        }
        intake.commit("direct:sms-in", inbound); // committed before the answer, also while the node starts or stops
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
    }
}
