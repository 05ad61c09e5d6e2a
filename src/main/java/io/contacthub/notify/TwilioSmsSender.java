package io.contacthub.notify;

import io.contacthub.config.HubSettings;
import io.contacthub.twilio.TwilioRestApi;
import org.springframework.stereotype.Component;

/** Texts a notification through Twilio's Messages API; delivery reports come back to /twilio/sms-status. */
@Component
class TwilioSmsSender implements ChannelSender {

    private final TwilioRestApi api;
    private final TwilioOutbound numbers;
    private final String statusCallback;

    TwilioSmsSender(TwilioRestApi api, TwilioOutbound numbers, HubSettings hub) {
        String publicUrl = hub.publicUrl();
        this.api = api;
        this.numbers = numbers;
        this.statusCallback = publicUrl == null || publicUrl.isBlank() ? null
                : publicUrl.replaceAll("/+$", "") + "/twilio/sms-status";
    }

    @Override
    public String channel() {
        return Outbox.SMS;
    }

    @Override
    public String provider() {
        return "twilio";
    }

    @Override
    public String notConfiguredReason() {
        if (numbers.smsFrom() == null) {
            return "hub.notify.twilio.sms-from (HUB_SMS_FROM) is not set";
        }
        return api.notConfiguredReason();
    }

    @Override
    public String describe() {
        return "Twilio Messages API " + api.describe() + " from " + numbers.smsFrom()
                + (statusCallback == null ? " (no delivery reports: hub.public-url is not set)" : "");
    }

    @Override
    public String send(PendingNotification n) throws SendFailure {
        try {
            return api.createMessage(numbers.smsFrom(), n.recipient(), n.body(), statusCallback == null ? null : statusCallback + "?n=" + n.id());
        } catch (TwilioRestApi.TwilioApiException e) {
            throw new SendFailure(e.getMessage(), e.retryable(), e);
        }
    }
}
