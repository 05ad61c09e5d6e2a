package io.contacthub.extract.speech;

/**
 * Band-limited resampling of 16-bit mono PCM by windowed-sinc interpolation: each output sample is
 * the input convolved with a Blackman-windowed sinc low-pass centred on the output instant. The
 * cut-off is the lower of the two Nyquist frequencies (times {@link #ROLL_OFF}), so downsampling
 * does not alias and upsampling does not image. Any ratio works (8000 to 16000, 44100 to 16000...).
 */
public final class PcmResampler {

    /** Zero crossings of the sinc kept on each side of the centre (filter quality vs. cost). */
    static final int ZERO_CROSSINGS = 16;
    /** Cut-off as a fraction of the lower Nyquist frequency, leaving room for the transition band. */
    static final double ROLL_OFF = 0.95;

    private PcmResampler() {
    }

    public static short[] resample(short[] input, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        if (fromRate == toRate || input.length == 0) {
            return input.clone();
        }
        double step = (double) fromRate / toRate;               // input samples per output sample
        double cutoff = Math.min(1.0, (double) toRate / fromRate) * ROLL_OFF; // of the input Nyquist
        double halfWidth = ZERO_CROSSINGS / cutoff;             // in input samples
        int outLength = (int) Math.round(input.length / step);
        short[] output = new short[outLength];
        for (int n = 0; n < outLength; n++) {
            double t = n * step;
            int first = Math.max(0, (int) Math.ceil(t - halfWidth));
            int last = Math.min(input.length - 1, (int) Math.floor(t + halfWidth));
            double sum = 0;
            for (int k = first; k <= last; k++) {
                double d = t - k;
                sum += input[k] * cutoff * sinc(cutoff * d) * blackman(d / halfWidth);
            }
            output[n] = clip(sum);
        }
        return output;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-9) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Blackman window over [-1, 1], 1 at the centre and 0 at the edges. */
    private static double blackman(double x) {
        if (Math.abs(x) >= 1) {
            return 0;
        }
        double a = Math.PI * (x + 1); // 0..2pi over the window
        return 0.42 - 0.5 * Math.cos(a) + 0.08 * Math.cos(2 * a);
    }

    private static short clip(double v) {
        long r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }
}
