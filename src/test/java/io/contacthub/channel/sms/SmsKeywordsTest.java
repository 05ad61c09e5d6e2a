package io.contacthub.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.channel.sms.SmsKeywords.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsKeywordsTest {

    @ParameterizedTest
    @CsvSource({"STOP,OPT_OUT", "stop,OPT_OUT", "' Stop. ',OPT_OUT", "Unsubscribe!,OPT_OUT", "cancel,OPT_OUT",
            "END,OPT_OUT", "quit,OPT_OUT", "退订,OPT_OUT", "退订。,OPT_OUT", "TD,OPT_OUT",
            "START,OPT_IN", "unstop,OPT_IN", "yes,OPT_IN", "订阅,OPT_IN", "HELP,HELP", "help?,HELP", "帮助,HELP"})
    void wholeMessageKeywordIsRecognisedWhateverItsCaseAndPunctuation(String text, Kind kind) {
        assertThat(SmsKeywords.recognise(text)).get().extracting(SmsKeywords.Keyword::kind).isEqualTo(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Please stop the delivery", "STOP IT NOW PLEASE", "help me find my parcel", "我要退订单", "stopped"})
    void keywordInsideASentenceIsNotACommand(String text) {
        assertThat(SmsKeywords.recognise(text)).isEmpty();
    }
}
