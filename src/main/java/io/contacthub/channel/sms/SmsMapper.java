package io.contacthub.channel.sms;

import io.contacthub.intake.InboundMessage;
import io.contacthub.twilio.FormBody;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A verified Twilio incoming-message webhook to an InboundMessage: keyed by MessageSid, sent by
 * From, the raw original being the form body exactly as Twilio posted it.
 */
@Component
class SmsMapper {

    static final String CHANNEL = "SMS";
    static final String CONTENT_TYPE = FormBody.CONTENT_TYPE;

    /** @throws IllegalArgumentException when the request is not an incoming message (no usable MessageSid or From) */
    InboundMessage toInbound(byte[] rawForm, Map<String, List<String>> params) {
        String sid = FormBody.sid(params, FormBody.first(params, "MessageSid") != null ? "MessageSid" : "SmsSid");
        String from = FormBody.first(params, "From");
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("From is missing");
        }
        String to = FormBody.first(params, "To");
        return new InboundMessage(CHANNEL, sid, "twilio:" + (to == null ? "" : to.trim()), from.trim(),
                CONTENT_TYPE, rawForm);
    }
}
