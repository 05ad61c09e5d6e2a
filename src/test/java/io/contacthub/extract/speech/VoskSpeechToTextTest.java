package io.contacthub.extract.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoskSpeechToTextTest {

    @Test
    void withoutAModelNothingIsAvailableAndTranscribeSaysHowToConfigureOne() throws Exception {
        VoskSpeechToText speech = new VoskSpeechToText("", "", 1, 4);
        try {
            assertThat(speech.available(null)).isFalse();
            assertThat(speech.available("en")).isFalse();
            assertThat(speech.available("zh")).isFalse();
            byte[] wav = TestAudio.wav(TestAudio.sine(440, 8000, 1.0, 0.3), 8000, 1);
            assertThatThrownBy(() -> speech.transcribe(wav, "audio/x-wav", "en"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no Vosk model").hasMessageContaining("HUB_VOSK_MODEL_EN");
            assertThatThrownBy(() -> speech.transcribe(wav, "audio/x-wav", null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("HUB_VOSK_MODEL_ZH");
        } finally {
            speech.destroy();
        }
    }

    @Test
    void aConfiguredModelDirectoryThatDoesNotExistStopsTheStartWithTheSettingNamed(@TempDir Path tmp) {
        String missing = tmp.resolve("no-such-model").toString();
        assertThatThrownBy(() -> new VoskSpeechToText(missing, "", 1, 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HUB_VOSK_MODEL_EN").hasMessageContaining("not a directory");
    }

    @Test
    void aConfiguredDirectoryThatIsNotAModelStopsTheStart(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("README"), "not a model");
        assertThatThrownBy(() -> new VoskSpeechToText("", tmp.toString(), 1, 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HUB_VOSK_MODEL_ZH").hasMessageContaining("cannot load a model");
    }

    @Test
    void theModelsSampleRateIsReadFromItsMfccConfigElse16kHz(@TempDir Path tmp) throws Exception {
        assertThat(VoskSpeechToText.sampleRate(tmp)).isEqualTo(16000);
        Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(tmp.resolve("conf/mfcc.conf"), "--use-energy=false\n--sample-frequency=8000\n--num-ceps=40\n");
        assertThat(VoskSpeechToText.sampleRate(tmp)).isEqualTo(8000);
    }

    @Test
    void voskResultsBecomeOneTranscriptWithWordTimingsAndMeanConfidence() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> segments = List.of(
                json.readTree("""
                        {"result":[{"conf":1.0,"end":0.9,"start":0.5,"word":"where"},
                                   {"conf":0.5,"end":1.2,"start":0.9,"word":"is"}],"text":"where is"}"""),
                json.readTree("""
                        {"result":[{"conf":0.9,"end":2.0,"start":1.4,"word":"parcel"}],"text":"parcel"}"""),
                json.readTree("{\"text\":\"\"}"));

        SpeechToText.Transcript t = VoskSpeechToText.toTranscript(segments, "en", "vosk-model-small-en-us-0.15", 2.5);

        assertThat(t.text()).isEqualTo("where is parcel");
        assertThat(t.words()).extracting(SpeechToText.Word::word).containsExactly("where", "is", "parcel");
        assertThat(t.words().get(2)).isEqualTo(new SpeechToText.Word("parcel", 1.4, 2.0, 0.9));
        assertThat(t.confidence()).isCloseTo(0.8, within(1e-9));
        assertThat(t.model()).isEqualTo("vosk-model-small-en-us-0.15");
        assertThat(t.audioSeconds()).isEqualTo(2.5);
    }

    @Test
    void chineseResultsAreJoinedWithoutSpacesBetweenCharactersAndSilenceHasZeroConfidence() throws Exception {
        ObjectMapper json = new ObjectMapper();
        SpeechToText.Transcript t = VoskSpeechToText.toTranscript(
                List.of(json.readTree("{\"result\":[{\"conf\":1,\"start\":0,\"end\":1,\"word\":\"快递\"},"
                        + "{\"conf\":1,\"start\":1,\"end\":2,\"word\":\"到\"}],\"text\":\"快递 到 哪 了 SF 一\"}")),
                "zh", "vosk-model-small-cn-0.22", 2);
        assertThat(t.text()).isEqualTo("快递到哪了 SF 一");

        SpeechToText.Transcript silence = VoskSpeechToText.toTranscript(
                List.of(json.readTree("{\"text\":\"\"}")), "en", "m", 1);
        assertThat(silence.text()).isEmpty();
        assertThat(silence.words()).isEmpty();
        assertThat(silence.confidence()).isZero();
    }
}
