package io.contacthub.extract.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Real recognition with a real model: runs only where HUB_VOSK_MODEL_EN points at one. */
class VoskModelTranscriptionTest {

    @Test
    void anEnglishModelHearsTheParcelInAnEspeakPhoneRecording() throws Exception {
        String model = System.getenv("HUB_VOSK_MODEL_EN");
        if (model == null || model.isBlank()) {
            System.out.println("VOSK MODEL TEST DID NOT RUN: HUB_VOSK_MODEL_EN is not set "
                    + "(scripts/download-vosk-models.sh fetches a model)");
        }
        Assumptions.assumeTrue(model != null && !model.isBlank(), "HUB_VOSK_MODEL_EN is not set");
        if (!TestAudio.espeakInstalled()) {
            System.out.println("VOSK MODEL TEST DID NOT RUN: espeak-ng is not installed");
        }
        Assumptions.assumeTrue(TestAudio.espeakInstalled(), "espeak-ng is not installed");

        VoskSpeechToText speech = new VoskSpeechToText(model, "", 1, 4);
        try {
            byte[] phone = TestAudio.phoneRecording(TestAudio.PHRASE);
            SpeechToText.Transcript t = speech.transcribe(phone, "audio/x-wav", "en");
            System.out.println("Vosk heard: \"" + t.text() + "\" (confidence " + t.confidence() + ")");

            assertThat(t.text()).contains("parcel");
            assertThat(t.words()).isNotEmpty().allSatisfy(w -> {
                assertThat(w.end()).isGreaterThanOrEqualTo(w.start());
                assertThat(w.confidence()).isBetween(0.0, 1.0);
            });
            assertThat(t.audioSeconds()).isCloseTo(AudioDecoder.decode(phone, "audio/wav").seconds(), within(0.01));
            assertThat(t.model()).isEqualTo(java.nio.file.Path.of(model).toAbsolutePath().normalize().getFileName().toString());
        } finally {
            speech.destroy();
        }
    }
}
