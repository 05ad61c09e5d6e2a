package io.contacthub.notify;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Say;
import io.contacthub.config.HubSettings;
import io.contacthub.twilio.TwilioRestApi;
import org.springframework.stereotype.Component;

/**
 * Calls the customer through Twilio's Calls API and reads the notification out with {@code <Say>}
 * in Chinese or English, twice, because a phone message cannot be re-read.
 */
@Component
class TwilioCallSender implements ChannelSender {

    private final TwilioRestApi api;
    private final TwilioOutbound numbers;
    private final String statusCallback;

    TwilioCallSender(TwilioRestApi api, TwilioOutbound numbers, HubSettings hub) {
        String publicUrl = hub.publicUrl();
        this.api = api;
        this.numbers = numbers;
        this.statusCallback = publicUrl == null || publicUrl.isBlank() ? null
                : publicUrl.replaceAll("/+$", "") + "/twilio/call-status";
    }

    @Override
    public String channel() {
        return Outbox.VOICE;
    }

    @Override
    public String provider() {
        return "twilio";
    }

    @Override
    public String notConfiguredReason() {
        if (numbers.voiceFrom() == null) {
            return "hub.notify.twilio.voice-from (HUB_VOICE_FROM) is not set";
        }
        return api.notConfiguredReason();
    }

    @Override
    public String describe() {
        return "Twilio Calls API " + api.describe() + " from " + numbers.voiceFrom();
    }

    @Override
    public String send(PendingNotification n) throws SendFailure {
        try {
            return api.createCall(numbers.voiceFrom(), n.recipient(), twiml(n.body(), n.language()), statusCallback == null ? null : statusCallback + "?n=" + n.id());
        } catch (TwilioRestApi.TwilioApiException e) {
            throw new SendFailure(e.getMessage(), e.retryable(), e);
        }
    }

    static String twiml(String text, String language) {
        Say.Language lang = "zh".equals(language) ? Say.Language.ZH_CN : Say.Language.EN_US;
        Say say = new Say.Builder(text).language(lang).build();
        return new VoiceResponse.Builder().say(say).pause(new Pause.Builder().length(1).build()).say(say).build().toXml();
    }
}
