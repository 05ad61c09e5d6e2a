package io.contacthub.channel.voice;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
                        ? "查询货物状态请按1，投诉请按2，订单请按3，留言请按0。"
                        : "For shipment status, press 1. For a complaint, press 2. For orders, press 3. To leave a message, press 0."))
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
     * After the waybill number (Digits, ended by #). No tracking system is connected yet, so the caller
     * is told staff will call back and may leave a message; the number goes with the voicemail.
     */
    String waybill(String lang, String digits) {
        String waybill = digits == null ? "" : digits.replaceAll("[^0-9]", "");
        if (waybill.length() > MAX_WAYBILL_DIGITS) {
            waybill = waybill.substring(0, MAX_WAYBILL_DIGITS);
        }
        return new VoiceResponse.Builder()
                .say(say(lang, callBack(lang)))
                .record(record(lang, MenuOption.SHIPMENT_STATUS, waybill.isEmpty() ? null : waybill))
                .build().toXml();
    }

    /** After the voicemail: goodbye and hang up. */
    String done(String lang) {
        return new VoiceResponse.Builder()
                .say(say(lang, zh(lang) ? "感谢您的来电，我们会尽快与您联系。再见。" : "Thank you for calling. We will get back to you soon. Goodbye."))
                .hangup(new Hangup.Builder().build())
                .build().toXml();
    }

    private Record record(String lang, MenuOption option, String waybill) {
        String callback = RECORDING_PATH + "?intent=" + option.intent.name() + "&lang=" + lang
                + (waybill == null ? "" : "&waybill=" + URLEncoder.encode(waybill, StandardCharsets.UTF_8));
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
        return zh(lang) ? "运单查询暂时无法自动办理，我们的工作人员会给您回电。您也可以在提示音后留言。"
                : "We cannot look up shipments automatically yet; our staff will call you back. You can also leave a message after the beep.";
    }

    private static boolean zh(String lang) {
        return !"en".equals(lang);
    }
}
