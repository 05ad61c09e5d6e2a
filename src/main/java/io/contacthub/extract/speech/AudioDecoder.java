package io.contacthub.extract.speech;

import io.contacthub.extract.speech.SpeechToText.UnreadableAudioException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Recorded audio to 16-bit mono PCM at a chosen rate, in-process: WAV (or AIFF/AU) with PCM or
 * µ-law/A-law samples at any rate and channel count (channels are averaged), then
 * {@link PcmResampler}. Anything else, empty or broken input is an {@link UnreadableAudioException}
 * saying why. MP3 is not supported (Twilio recordings are WAV unless ".mp3" is asked for).
 */
public final class AudioDecoder {

    private AudioDecoder() {
    }

    /** Mono samples and their rate. */
    public record Pcm(short[] samples, int sampleRate) {
        public double seconds() {
            return (double) samples.length / sampleRate;
        }

        /** Little-endian 16-bit bytes, the layout Vosk's {@code acceptWaveForm(byte[], int)} takes. */
        public byte[] littleEndianBytes() {
            byte[] out = new byte[samples.length * 2];
            for (int i = 0; i < samples.length; i++) {
                out[2 * i] = (byte) samples[i];
                out[2 * i + 1] = (byte) (samples[i] >> 8);
            }
            return out;
        }
    }

    /** Lowest and highest sample rate read (below: no speech; above: beyond any audio interface). */
    static final int MIN_SAMPLE_RATE = 4_000;
    static final int MAX_SAMPLE_RATE = 384_000;
    /** More is no recording of a call (WAVE_FORMAT_EXTENSIBLE names 18 speaker positions). */
    static final int MAX_CHANNELS = 32;

    /** Decodes and resamples to {@code targetRate}. */
    public static Pcm decode(byte[] audio, String contentType, int targetRate) {
        Pcm pcm = decode(audio, contentType);
        short[] resampled = PcmResampler.resample(pcm.samples(), pcm.sampleRate(), targetRate);
        if (resampled.length == 0) {
            throw new UnreadableAudioException("audio too short: " + pcm.samples().length + " samples at "
                    + pcm.sampleRate() + " Hz is not one sample at " + targetRate + " Hz");
        }
        return new Pcm(resampled, targetRate);
    }

    /** Decodes at the recording's own rate, channels averaged to mono. */
    public static Pcm decode(byte[] audio, String contentType) {
        if (audio == null || audio.length == 0) {
            throw new UnreadableAudioException("empty audio (0 bytes)");
        }
        if (looksLikeMp3(audio) || (contentType != null && contentType.toLowerCase().contains("mpeg"))) {
            throw new UnreadableAudioException("unsupported audio format: MP3 ("
                    + (contentType == null ? "detected by its header" : contentType)
                    + "); only WAV with PCM or µ-law samples can be transcribed");
        }
        AudioInputStream source;
        try {
            source = AudioSystem.getAudioInputStream(new ByteArrayInputStream(audio));
        } catch (UnsupportedAudioFileException e) {
            throw new UnreadableAudioException("unsupported or corrupt audio: not a WAV file that can be read ("
                    + audio.length + " bytes" + (contentType == null ? "" : ", " + contentType) + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableAudioException("corrupt audio: " + e.getMessage(), e);
        }
        AudioFormat format = source.getFormat();
        int channels = Math.max(1, format.getChannels());
        int rate = Math.round(format.getSampleRate());
        // The header's rate is taken on trust by the resampler: 1 Hz made every sample of a short file
        // into 16,000 (memory and minutes of CPU), 520 MHz made a whole recording into no sample at all.
        if (!(format.getSampleRate() >= MIN_SAMPLE_RATE && format.getSampleRate() <= MAX_SAMPLE_RATE)) {
            throw new UnreadableAudioException("corrupt audio: sample rate " + format.getSampleRate()
                    + " Hz (recordings are read at " + MIN_SAMPLE_RATE + " to " + MAX_SAMPLE_RATE + " Hz)");
        }
        if (channels > MAX_CHANNELS) {
            throw new UnreadableAudioException("corrupt audio: " + channels + " channels (at most " + MAX_CHANNELS
                    + " are read)");
        }
        AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, format.getSampleRate(), 16,
                channels, 2 * channels, format.getSampleRate(), false);
        byte[] bytes;
        try (AudioInputStream in = format.matches(target) ? source : convert(source, target)) {
            bytes = readFrames(in, 2 * channels);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableAudioException("corrupt audio: " + e.getMessage(), e);
        }
        int frameBytes = 2 * channels;
        int frames = bytes.length / frameBytes;
        if (frames == 0) {
            throw new UnreadableAudioException("audio has no samples (" + format + ")");
        }
        short[] mono = new short[frames];
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int i = f * frameBytes + 2 * c;
                sum += (short) ((bytes[i] & 0xff) | (bytes[i + 1] << 8));
            }
            mono[f] = (short) (sum / channels);
        }
        return new Pcm(mono, rate);
    }

    /**
     * All whole frames of the stream. Not {@code readAllBytes()}: an AudioInputStream reads whole frames
     * only and answers 0 (not -1) when asked for less than one, and readAllBytes then asks again forever
     * once its buffer's free space is smaller than a frame (a header with 7,683 channels, 15,366-byte
     * frames, hung the worker). The buffer here always holds whole frames, and 0 read ends the audio.
     */
    private static byte[] readFrames(AudioInputStream in, int frameBytes) throws IOException {
        byte[] buffer = new byte[frameBytes * Math.max(1, 65536 / frameBytes)];
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) > 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static AudioInputStream convert(AudioInputStream source, AudioFormat target) {
        try {
            return AudioSystem.getAudioInputStream(target, source);
        } catch (IllegalArgumentException e) {
            throw new UnreadableAudioException("unsupported audio format: " + source.getFormat()
                    + " (WAV with 8/16-bit PCM, µ-law or A-law samples can be transcribed)", e);
        }
    }

    private static boolean looksLikeMp3(byte[] a) {
        boolean id3 = a.length >= 3 && a[0] == 'I' && a[1] == 'D' && a[2] == '3';
        boolean frameSync = a.length >= 2 && (a[0] & 0xff) == 0xff && (a[1] & 0xe0) == 0xe0;
        return id3 || frameSync;
    }
}
