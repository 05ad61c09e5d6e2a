package io.contacthub.calls;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Queue;
import com.twilio.twiml.voice.Say;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The TwiML of the calls the hub places to agents, built with Twilio's SDK. Their callback URLs are absolute (a call
 * created over the REST API has no webhook to resolve relative ones against) and carry the hub's own ids, which
 * Twilio signs with each callback.
 */
@Component
class CallTwiml {

    private final CallSettings settings;

    CallTwiml(CallSettings settings) {
        this.settings = settings;
    }

    /**
     * An agent offered a waiting caller: who calls, then {@code <Dial><Queue>}, which bridges the agent to the caller
     * at the head of the queue. The queue's url runs on the caller's side just before they are connected: the hub
     * learns there which agent took which caller. An empty queue (the caller hung up meanwhile) is waited on briefly.
     */
    String offer(String base, long callId, long offerId, String lang, String caller) {
        Dial.Builder dial = new Dial.Builder().timeout(5)
                .queue(new Queue.Builder(settings.queueName())
                        .url(base + "/twilio/voice/queue/bridge?vc=" + callId + "&offer=" + offerId).build());
        record(dial, base, callId, lang);
        return new VoiceResponse.Builder()
                .say(say(lang, zh(lang) ? "您有一个来电，来自 " + caller + "。正在为您接通。" : "Incoming call from " + caller + ". Connecting you now."))
                .dial(dial.build())
                .say(say(lang, zh(lang) ? "来电者已挂断。" : "The caller is no longer waiting. Goodbye."))
                .build().toXml();
    }

    /**
     * A call an agent places: the agent answers first, then the customer is dialled with the centre's number as
     * caller ID; the customer hears the recording announcement first when calls are recorded.
     */
    String outbound(String base, long callId, String lang, String customerNumber, String customerLabel) {
        Number.Builder number = new Number.Builder(customerNumber)
                .statusCallback(base + "/twilio/voice/status?leg=customer&vc=" + callId)
                .statusCallbackEvents(List.of(Number.Event.INITIATED, Number.Event.RINGING, Number.Event.ANSWERED, Number.Event.COMPLETED));
        if (settings.recordCalls() && settings.announcement(lang) != null) {
            number.url(base + "/twilio/voice/announce?lang=" + lang);
        }
        Dial.Builder dial = new Dial.Builder().callerId(settings.centreNumber()).answerOnBridge(true).number(number.build());
        record(dial, base, callId, lang);
        return new VoiceResponse.Builder()
                .say(say(lang, zh(lang) ? "正在为您呼叫客户 " + customerLabel + "。" : "Calling the customer " + customerLabel + "."))
                .dial(dial.build())
                .build().toXml();
    }

    private void record(Dial.Builder dial, String base, long callId, String lang) {
        if (settings.recordCalls()) {
            dial.record(Dial.Record.RECORD_FROM_ANSWER_DUAL)
                    .recordingStatusCallback(base + "/twilio/recording?intent=GENERAL&lang=" + lang + "&vc=" + callId)
                    .recordingStatusCallbackEvents(Dial.RecordingEvent.COMPLETED);
        }
    }

    static Say say(String lang, String text) {
        return new Say.Builder(text).language(zh(lang) ? Say.Language.ZH_CN : Say.Language.EN_US).voice(Say.Voice.ALICE).build();
    }

    static boolean zh(String lang) {
        return !"en".equals(lang);
    }
}
