package io.contacthub.calls;

import static io.contacthub.calls.VoiceCalls.children;
import static io.contacthub.calls.VoiceCalls.xml;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The TwiML of calls the hub places when calls are recorded: what Twilio is told to record, and what the customer hears. */
class CallTwimlTest {

    private static final String BASE = "https://hub.example.cn";

    private static CallTwiml recording(Map<String, String> announcement) {
        return new CallTwiml(new CallSettings("hub-agents", Duration.ofSeconds(120), 20, 15, null, List.of(), "+8610950000",
                true, announcement));
    }

    @Test
    void aRecordedPlacedCallRecordsBothSidesFromAnswerAndTheCustomerHearsTheAnnouncementFirst() throws Exception {
        String twiml = recording(Map.of("zh", "为了保证服务质量，您的通话将被录音。")).outbound(BASE, 42, "zh", "+8613900000001", "王先生");
        Element dial = children(xml(twiml)).get(1);
        assertThat(dial.getAttribute("record")).isEqualTo("record-from-answer-dual");
        assertThat(dial.getAttribute("recordingStatusCallback")).isEqualTo(BASE + "/twilio/recording?intent=GENERAL&lang=zh&vc=42");
        assertThat(dial.getAttribute("recordingStatusCallbackEvent")).isEqualTo("completed");
        Element number = children(dial).get(0);
        assertThat(number.getAttribute("url")).as("played to the customer before they are connected")
                .isEqualTo(BASE + "/twilio/voice/announce?lang=zh");
    }

    @Test
    void withoutAnAnnouncementTheCustomerIsConnectedAtOnceButTheCallIsStillRecorded() throws Exception {
        Element dial = children(xml(recording(Map.of()).outbound(BASE, 7, "en", "+8613900000001", "Mr Wang"))).get(1);
        assertThat(dial.getAttribute("record")).isEqualTo("record-from-answer-dual");
        assertThat(children(dial).get(0).hasAttribute("url")).isFalse();
    }

    @Test
    void anOfferedAgentsCallToTheQueueIsRecordedToo() throws Exception {
        Element dial = children(xml(recording(Map.of()).offer(BASE, 9, 3, "zh", "+8613900000001"))).get(1);
        assertThat(dial.getAttribute("recordingStatusCallback")).isEqualTo(BASE + "/twilio/recording?intent=GENERAL&lang=zh&vc=9");
    }
}
