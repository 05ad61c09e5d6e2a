package io.contacthub.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.contacthub.extract.speech.AudioDecoder;
import io.contacthub.extract.speech.SpeechToText.UnreadableAudioException;
import io.contacthub.extract.speech.TestAudio;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recording decoding for speech-to-text (extract/speech AudioDecoder and PcmResampler) on arbitrary
 * bytes, as a Twilio recording download or a replay hands them over: the result is 16 kHz mono PCM
 * (the rate Vosk models take) with its duration, or {@link UnreadableAudioException} saying why.
 * Anything else, or more than {@link Budget#PER_INPUT} on one input, is a finding.
 */
class WavDecodingFuzzTest {

    static {
        Budget.init(); // before Jazzer's agent: what it may rewrite in a shared test JVM (see Budget)
    }

    private static final int MODEL_RATE = 16_000;

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void recordingsDecodeOrAreRefused(byte[] audio) {
        AudioDecoder.Pcm pcm;
        try {
            pcm = Budget.within(() -> AudioDecoder.decode(audio, "audio/x-wav", MODEL_RATE));
        } catch (UnreadableAudioException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(pcm.sampleRate()).isEqualTo(MODEL_RATE);
        assertThat(pcm.samples()).isNotEmpty();
        assertThat(pcm.littleEndianBytes()).hasSize(2 * pcm.samples().length);
    }

    static Stream<byte[]> seeds() {
        short[] tone = TestAudio.sine(440, 8000, 0.05, 0.5);
        short[] stereo = new short[2 * tone.length];
        for (int i = 0; i < tone.length; i++) {
            stereo[2 * i] = tone[i];
            stereo[2 * i + 1] = (short) -tone[i];
        }
        return Stream.of(
                TestAudio.wav(tone, 8000, 1),
                TestAudio.wav(stereo, 8000, 2),
                TestAudio.wav(TestAudio.sine(300, 22050, 0.02, 0.3), 22050, 1),
                muLawWav());
    }

    /** 8 kHz µ-law mono, as Twilio records calls. */
    private static byte[] muLawWav() {
        int samples = 400;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(58 + samples).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(50 + samples).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(18).putShort((short) 7).putShort((short) 1).putInt(8000).putInt(8000)
                .putShort((short) 1).putShort((short) 8).putShort((short) 0);
        b.put("fact".getBytes()).putInt(4).putInt(samples);
        b.put("data".getBytes()).putInt(samples);
        for (int i = 0; i < samples; i++) {
            b.put((byte) (0x80 + (i % 32)));
        }
        return b.array();
    }
}
