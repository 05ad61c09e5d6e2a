package io.contacthub.channel.voice;

import com.twilio.twiml.VoiceResponse;
import com.twilio.http.HttpMethod;
import com.twilio.twiml.voice.Enqueue;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Leave;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import io.contacthub.backoffice.tracking.WaybillStatusLookup;
import org.springframework.stereotype.Component;

/**
 * The IVR callers hear, as TwiML built with Twilio's SDK: greeting and keypad menu, the step after a
 * key, the waybill prompt, voicemail and goodbye, in Chinese (zh-CN) or English (en-US). URLs are
 * relative, so Twilio resolves them against the webhook it called (and signs them as it calls them).
 * The language and the chosen option travel in each next URL's query, ending in the recording
 * status callback URL, so the voicemail knows what the caller asked for.
 */
@Component
class VoiceTwiml {

    static final String MENU_PATH = "/twilio/voice/menu";
    static final String WAYBILL_PATH = "/twilio/voice/waybill";
    static final String DONE_PATH = "/twilio/voice/done";
    static final String RECORDING_PATH = "/twilio/recording";
    static final String QUEUE_WAIT_PATH = "/twilio/voice/queue/wait";
    static final String QUEUE_RESULT_PATH = "/twilio/voice/queue/result";
    private static final int MAX_WAYBILL_DIGITS = 30;

    private final VoiceProperties properties;

    VoiceTwiml(VoiceProperties properties) {
        this.properties = properties;
    }

    /** The answer to an incoming call: greeting + menu; no key within the timeout goes to voicemail. */
    String greeting(String lang) {
        Gather menu = new Gather.Builder()
                .inputs(Gather.Input.DTMF)
                .numDigits(1)
                .timeout(properties.gatherTimeoutSeconds())
                .action(MENU_PATH + "?lang=" + lang)
                .say(say(lang, zh(lang) ? "您好，欢迎致电物流配送中心。" : "Hello, thank you for calling the distribution centre."))
                .say(say(lang, zh(lang)
                        ? "查询货物状态请按1，投诉请按2，订单请按3，人工服务请按9，留言请按0。"
                        : "For shipment status, press 1. For a complaint, press 2. For orders, press 3. To speak to an agent, press 9. To leave a message, press 0."))
                .build();
        return new VoiceResponse.Builder()
                .gather(menu)
                .say(say(lang, leaveMessage(lang)))
                .record(record(lang, MenuOption.VOICEMAIL, null))
                .build().toXml();
    }

    /** After the menu key (Digits): 1 asks for the waybill number, 2 and 3 a short line + voicemail, else voicemail. */
    String menu(String lang, String digits) {
        MenuOption option = MenuOption.ofDigits(digits);
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        switch (option) {
            case SHIPMENT_STATUS -> {
                Gather waybill = new Gather.Builder()
                        .inputs(Gather.Input.DTMF)
                        .finishOnKey("#")
                        .timeout(properties.gatherTimeoutSeconds())
                        .action(WAYBILL_PATH + "?lang=" + lang)
                        .say(say(lang, zh(lang) ? "请输入运单号码，以井号键结束。" : "Please enter your waybill number, then press the hash key."))
                        .build();
                response.gather(waybill)
                        .say(say(lang, callBack(lang)))
                        .record(record(lang, option, null));
            }
            case COMPLAINT -> response
                    .say(say(lang, zh(lang) ? "很抱歉给您带来不便。请在提示音后说明您的问题。" : "We are sorry for the trouble. Please describe the problem after the beep."))
                    .record(record(lang, option, null));
            case ORDERS -> response
                    .say(say(lang, zh(lang) ? "请在提示音后说明您的订单需求。" : "Please tell us about your order after the beep."))
                    .record(record(lang, option, null));
            default -> response
                    .say(say(lang, leaveMessage(lang)))
                    .record(record(lang, MenuOption.VOICEMAIL, null));
        }
        return response.build().toXml();
    }

    /**
     * The caller asked for an agent (menu key 9, or straight from the greeting for the classes in
     * {@code hub.voice.direct-to-agent}): into the queue, whose wait URL the hub answers and whose action says how the
     * caller left it.
     */
    String enqueue(String lang, long callId, String queueName, boolean fromGreeting) {
        String query = "?lang=" + lang + "&vc=" + callId;
        return new VoiceResponse.Builder()
                .say(say(lang, fromGreeting
                        ? (zh(lang) ? "您好，欢迎致电物流配送中心。正在为您转接人工服务，请稍候。" : "Hello, thank you for calling the distribution centre. Connecting you to an agent, please hold.")
                        : (zh(lang) ? "正在为您转接人工服务，请稍候。" : "Connecting you to an agent, please hold.")))
                .enqueue(new Enqueue.Builder(queueName)
                        .action(QUEUE_RESULT_PATH + query)
                        .method(HttpMethod.POST)
                        .waitUrl(QUEUE_WAIT_PATH + query)
                        .waitUrlMethod(HttpMethod.POST)
                        .build())
                .build().toXml();
    }

    /** What a waiting caller hears, again and again: their place in the queue, then music or a pause; or leave for voicemail. */
    String hold(String lang, boolean leave, int position, String holdMusicUrl, int pauseSeconds) {
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        if (leave) {
            return response.leave(new Leave.Builder().build()).build().toXml();
        }
        if (position > 0) {
            response.say(say(lang, zh(lang) ? "您前面还有 " + (position - 1) + " 位客户，请稍候，工作人员马上为您服务。"
                    : "You are number " + position + " in the queue. Please hold, an agent will be with you shortly."));
        }
        if (holdMusicUrl != null) {
            response.play(new Play.Builder(holdMusicUrl).build());
        } else {
            response.pause(new Pause.Builder().length(pauseSeconds).build());
        }
        return response.build().toXml();
    }

    /** The caller left the queue without an agent (the hub sent them, or the queue failed): voicemail, as from the menu. */
    String voicemailAfterQueue(String lang, long callId) {
        Record record = new Record.Builder()
                .maxLength(properties.maxRecordingSeconds())
                .playBeep(true)
                .recordingStatusCallback(RECORDING_PATH + "?intent=GENERAL&lang=" + lang + "&vc=" + callId)
                .recordingStatusCallbackEvents(Record.RecordingEvent.COMPLETED)
                .action(DONE_PATH + "?lang=" + lang)
                .build();
        return new VoiceResponse.Builder()
                .say(say(lang, zh(lang) ? "很抱歉，工作人员暂时无法接听。请在提示音后留言，我们会尽快回电。"
                        : "Sorry, no agent can take your call right now. Please leave a message after the beep and we will call you back."))
                .record(record)
                .build().toXml();
    }

    /** An empty answer: nothing more to play (after the caller hung up, or after a call with an agent). */
    String hangup() {
        return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
    }

    /** Said to a caller just before an agent is connected, and the recording announcement when calls are recorded. */
    String connecting(String lang, String announcement) {
        VoiceResponse.Builder response = new VoiceResponse.Builder()
                .say(say(lang, zh(lang) ? "正在为您接通工作人员。" : "Connecting you to an agent now."));
        if (announcement != null) {
            response.say(say(lang, announcement));
        }
        return response.build().toXml();
    }

    /** Said to a customer an agent calls, before they are connected, when calls are recorded. */
    String announce(String lang, String announcement) {
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        if (announcement != null) {
            response.say(say(lang, announcement));
        }
        return response.build().toXml();
    }

    /** The keyed-in waybill number: digits only, at most {@value #MAX_WAYBILL_DIGITS}. */
    static String waybillDigits(String digits) {
        String waybill = digits == null ? "" : digits.replaceAll("[^0-9]", "");
        return waybill.length() > MAX_WAYBILL_DIGITS ? waybill.substring(0, MAX_WAYBILL_DIGITS) : waybill;
    }

    /**
     * After the waybill number (Digits, ended by #), with what the tracking system said while the
     * caller waited. Found: the status is read out, and the caller may still leave a message (marked
     * answered, so the hub does not call back with the same status). Unknown: said so, and the
     * message goes to staff. No answer in time: staff will call back; the lookup is retried.
     */
    String waybill(String lang, String waybill, Optional<WaybillStatusLookup.Status> status) {
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        String keyed = waybill == null || waybill.isEmpty() ? null : waybill;
        if (status.isPresent() && status.get().found()) {
            WaybillStatusLookup.Status s = status.get();
            String spoken = spaced(keyed);
            response.say(say(lang, zh(lang)
                    ? "运单 " + spoken + " 的当前状态是：" + s.status() + (s.description() == null ? "" : "，" + s.description())
                        + (s.location() == null ? "" : "，当前位置：" + s.location()) + (s.eta() == null ? "" : "，预计送达：" + s.eta()) + "。"
                    : "Waybill " + spoken + " is now: " + s.status() + (s.description() == null ? "" : ", " + s.description())
                        + (s.location() == null ? "" : ", at " + s.location()) + (s.eta() == null ? "" : ", expected " + s.eta()) + "."));
            response.say(say(lang, zh(lang) ? "如需人工帮助，请在提示音后留言；否则请挂机。"
                    : "If you need more help, leave a message after the beep; otherwise you can hang up."));
            return response.record(record(lang, MenuOption.SHIPMENT_STATUS, keyed, true)).build().toXml();
        }
        if (status.isPresent()) {
            response.say(say(lang, zh(lang) ? "没有查到这个运单号码。请在提示音后留言，工作人员会帮您查询。"
                    : "We could not find that waybill number. Please leave a message after the beep and our staff will look into it."));
        } else {
            response.say(say(lang, callBack(lang)));
        }
        return response.record(record(lang, MenuOption.SHIPMENT_STATUS, keyed, false)).build().toXml();
    }

    /** Digits read one by one ("1 2 3"), not as one large number. */
    private static String spaced(String digits) {
        return digits == null ? "" : String.join(" ", digits.split(""));
    }

    /** After the voicemail: goodbye and hang up. */
    String done(String lang) {
        return new VoiceResponse.Builder()
                .say(say(lang, zh(lang) ? "感谢您的来电，我们会尽快与您联系。再见。" : "Thank you for calling. We will get back to you soon. Goodbye."))
                .hangup(new Hangup.Builder().build())
                .build().toXml();
    }

    private Record record(String lang, MenuOption option, String waybill) {
        return record(lang, option, waybill, false);
    }

    /** @param answered the caller already heard the waybill's status in this call */
    private Record record(String lang, MenuOption option, String waybill, boolean answered) {
        String callback = RECORDING_PATH + "?intent=" + option.intent.name() + "&lang=" + lang
                + (waybill == null ? "" : "&waybill=" + URLEncoder.encode(waybill, StandardCharsets.UTF_8))
                + (answered ? "&answered=1" : "");
        return new Record.Builder()
                .maxLength(properties.maxRecordingSeconds())
                .playBeep(true)
                .recordingStatusCallback(callback)
                .recordingStatusCallbackEvents(Record.RecordingEvent.COMPLETED)
                .action(DONE_PATH + "?lang=" + lang)
                .build();
    }

    private static Say say(String lang, String text) {
        return new Say.Builder(text)
                .language(zh(lang) ? Say.Language.ZH_CN : Say.Language.EN_US)
                .voice(Say.Voice.ALICE)
                .build();
    }

    private static String leaveMessage(String lang) {
        return zh(lang) ? "请在提示音后留言，留言完毕请挂机。" : "Please leave a message after the beep, then hang up.";
    }

    private static String callBack(String lang) {
        return zh(lang) ? "运单查询暂时无法自动办理，我们会尽快告诉您结果。您也可以在提示音后留言。"
                : "We cannot look up the shipment right now; we will let you know its status soon. You can also leave a message after the beep.";
    }

    private static boolean zh(String lang) {
        return !"en".equals(lang);
    }
}
