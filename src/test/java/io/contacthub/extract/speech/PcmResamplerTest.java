package io.contacthub.extract.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PcmResamplerTest {

    /** Frequency by counting rising zero crossings over the middle of the signal (edges skipped). */
    static double frequency(short[] s, int rate) {
        int from = s.length / 10;
        int to = s.length - s.length / 10;
        int crossings = 0;
        int firstCrossing = -1;
        int lastCrossing = -1;
        for (int i = from + 1; i < to; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                if (firstCrossing < 0) {
                    firstCrossing = i;
                } else {
                    crossings++;
                }
                lastCrossing = i;
            }
        }
        return crossings * (double) rate / (lastCrossing - firstCrossing);
    }

    @Test
    void upsamplingA440HzSineFrom8To16kHzKeepsItsFrequencyDurationAndLoudness() {
        short[] in = TestAudio.sine(440, 8000, 2.0, 0.5);
        short[] out = PcmResampler.resample(in, 8000, 16000);

        assertThat(out.length).isEqualTo(32000);
        assertThat(frequency(out, 16000)).isCloseTo(440.0, within(1.0));
        assertThat(TestAudio.rms(out)).isCloseTo(TestAudio.rms(in), within(TestAudio.rms(in) * 0.02));
    }

    @Test
    void upsampledSineIsSmoothNotStaircased() {
        // A 1 kHz sine at 16 kHz has 16 samples a period; each output sample should sit on the ideal
        // curve (a zero-order hold would be off by up to half a step).
        short[] out = PcmResampler.resample(TestAudio.sine(1000, 8000, 1.0, 0.5), 8000, 16000);
        short[] ideal = TestAudio.sine(1000, 16000, 1.0, 0.5);
        double maxError = 0;
        for (int i = 1000; i < 15000; i++) {
            maxError = Math.max(maxError, Math.abs(out[i] - ideal[i]));
        }
        assertThat(maxError).isLessThan(0.01 * Short.MAX_VALUE);
    }

    @Test
    void downsamplingFrom44_1kHzTo16kHzKeepsAnAudibleToneAndRemovesOneAboveTheNewNyquist() {
        short[] tone = PcmResampler.resample(TestAudio.sine(1000, 44100, 1.0, 0.5), 44100, 16000);
        assertThat(tone.length).isEqualTo(16000);
        assertThat(frequency(tone, 16000)).isCloseTo(1000.0, within(2.0));

        // 10 kHz cannot exist at 16 kHz (Nyquist 8 kHz): it must be filtered out, not folded to 6 kHz.
        short[] aliased = PcmResampler.resample(TestAudio.sine(10000, 44100, 1.0, 0.5), 44100, 16000);
        assertThat(TestAudio.rms(aliased)).isLessThan(0.01 * TestAudio.rms(tone));
    }

    @Test
    void sameRateIsACopyAndEmptyStaysEmpty() {
        short[] in = {1, 2, 3};
        assertThat(PcmResampler.resample(in, 16000, 16000)).containsExactly(1, 2, 3).isNotSameAs(in);
        assertThat(PcmResampler.resample(new short[0], 8000, 16000)).isEmpty();
    }
}
