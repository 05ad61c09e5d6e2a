package io.contacthub.channel.sms;

import io.contacthub.intake.InboundMessage;
import io.contacthub.twilio.TwilioWebhookFilter;
import com.twilio.twiml.MessagingResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
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
    private final ProducerTemplate producer;
    private final CamelContext camel;

    SmsWebhookController(SmsMapper mapper, ProducerTemplate producer, CamelContext camel) {
        this.mapper = mapper;
        this.producer = producer;
        this.camel = camel;
    }

    @PostMapping(path = "/twilio/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> incoming(HttpServletRequest request) {
        InboundMessage inbound;
        try {
            inbound = mapper.toInbound(TwilioWebhookFilter.verifiedBody(request), TwilioWebhookFilter.verifiedParams(request));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("message", "not an incoming message: " + e.getMessage()));
        }
        if (!camel.getStatus().isStarted()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .body(Map.of("message", "the hub is starting or stopping; please retry in a few seconds"));
        }
        producer.sendBody("direct:sms-in", inbound); // returns after the commit; throws if it failed
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
    }
}
