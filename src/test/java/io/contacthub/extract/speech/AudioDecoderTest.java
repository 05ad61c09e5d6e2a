package io.contacthub.extract.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.contacthub.extract.speech.SpeechToText.UnreadableAudioException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class AudioDecoderTest {

    @Test
    void twilioStyle8kHzPcmWavBecomes16kHzMonoOfTheSameDuration() {
        byte[] wav = TestAudio.wav(TestAudio.sine(440, 8000, 3.0, 0.4), 8000, 1);
        AudioDecoder.Pcm pcm = AudioDecoder.decode(wav, "audio/x-wav", 16000);
        assertThat(pcm.sampleRate()).isEqualTo(16000);
        assertThat(pcm.samples()).hasSize(48000);
        assertThat(pcm.seconds()).isCloseTo(3.0, within(0.001));
        assertThat(PcmResamplerTest.frequency(pcm.samples(), 16000)).isCloseTo(440.0, within(1.0));
    }

    @Test
    void muLawWavIsDecodedToTheSameToneAsPcm() {
        byte[] ulaw = TestAudio.ulawWav(TestAudio.sine(440, 8000, 2.0, 0.4), 8000);
        AudioDecoder.Pcm pcm = AudioDecoder.decode(ulaw, "audio/wav", 16000);
        assertThat(pcm.samples()).hasSize(32000);
        assertThat(PcmResamplerTest.frequency(pcm.samples(), 16000)).isCloseTo(440.0, within(1.0));
        assertThat(TestAudio.rms(pcm.samples())).isCloseTo(0.4 * Short.MAX_VALUE / Math.sqrt(2), within(400.0));
    }

    @Test
    void stereoIsAveragedToMono() {
        short[] left = TestAudio.sine(440, 8000, 1.0, 0.4);
        short[] interleaved = new short[left.length * 2];
        for (int i = 0; i < left.length; i++) {
            interleaved[2 * i] = left[i];
            interleaved[2 * i + 1] = 0;   // silent right channel
        }
        AudioDecoder.Pcm pcm = AudioDecoder.decode(TestAudio.wav(interleaved, 8000, 2), "audio/wav");
        assertThat(pcm.samples()).hasSize(8000);
        assertThat(pcm.samples()[2]).isEqualTo((short) (left[2] / 2));
    }

    @Test
    void espeakSpeechAt8kHzBecomes16kHzMonoOfTheRightDurationAndIsNotSilent() {
        Assumptions.assumeTrue(TestAudio.espeakInstalled(),
                "SKIPPED: espeak-ng is not installed (apt-get install espeak-ng; .ci/run installs it)");
        byte[] original = TestAudio.espeak(TestAudio.PHRASE);
        double spokenSeconds = AudioDecoder.decode(original, "audio/wav").seconds();
        byte[] phone = TestAudio.phoneRecording(TestAudio.PHRASE);   // 8 kHz mono, like Twilio

        AudioDecoder.Pcm pcm = AudioDecoder.decode(phone, "audio/x-wav", 16000);

        assertThat(pcm.sampleRate()).isEqualTo(16000);
        assertThat(spokenSeconds).isGreaterThan(1.5);
        assertThat(pcm.seconds()).isCloseTo(spokenSeconds, within(spokenSeconds * 0.05));
        assertThat(TestAudio.rms(pcm.samples())).as("speech energy").isGreaterThan(300);
    }

    @Test
    void zeroBytesAreUnreadable() {
        assertThatThrownBy(() -> AudioDecoder.decode(new byte[0], "audio/wav", 16000))
                .isInstanceOf(UnreadableAudioException.class).hasMessageContaining("empty audio");
    }

    @Test
    void randomBytesAreUnreadable() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        noise[0] = 'x'; // not accidentally an MP3 frame sync
        assertThatThrownBy(() -> AudioDecoder.decode(noise, "audio/wav", 16000))
                .isInstanceOf(UnreadableAudioException.class).hasMessageContaining("not a WAV file");
    }

    @Test
    void aWavCutInsideItsHeaderIsUnreadable() {
        byte[] wav = TestAudio.wav(TestAudio.sine(440, 8000, 1.0, 0.4), 8000, 1);
        assertThatThrownBy(() -> AudioDecoder.decode(Arrays.copyOf(wav, 20), "audio/wav", 16000))
                .isInstanceOf(UnreadableAudioException.class).hasMessageContaining("audio");
    }

    @Test
    void aWavWithNoSamplesIsUnreadable() {
        byte[] empty = TestAudio.wav(new short[0], 8000, 1);
        assertThatThrownBy(() -> AudioDecoder.decode(empty, "audio/wav", 16000))
                .isInstanceOf(UnreadableAudioException.class).hasMessageContaining("no samples");
    }

    @Test
    void mp3IsRefusedAsUnsupported() {
        byte[] mp3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> AudioDecoder.decode(mp3, "audio/mpeg", 16000))
                .isInstanceOf(UnreadableAudioException.class).hasMessageStartingWith("unsupported audio format");
    }
}
