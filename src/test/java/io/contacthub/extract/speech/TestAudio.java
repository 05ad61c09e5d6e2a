package io.contacthub.extract.speech;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Generated recordings: sines as WAV (PCM or µ-law) and speech from espeak-ng. */
public final class TestAudio {

    public static final String PHRASE = "Where is my parcel S F one two three";

    private TestAudio() {
    }

    public static short[] sine(double frequency, int sampleRate, double seconds, double amplitude) {
        short[] s = new short[(int) Math.round(sampleRate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(amplitude * Short.MAX_VALUE * Math.sin(2 * Math.PI * frequency * i / sampleRate));
        }
        return s;
    }

    /** Interleaved 16-bit PCM samples as a WAV file. */
    public static byte[] wav(short[] interleaved, int sampleRate, int channels) {
        byte[] bytes = new byte[interleaved.length * 2];
        for (int i = 0; i < interleaved.length; i++) {
            bytes[2 * i] = (byte) interleaved[i];
            bytes[2 * i + 1] = (byte) (interleaved[i] >> 8);
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, channels, true, false);
        return write(new AudioInputStream(new ByteArrayInputStream(bytes), format, interleaved.length / channels));
    }

    /** The same samples µ-law encoded, as Twilio may deliver a recording. */
    public static byte[] ulawWav(short[] mono, int sampleRate) {
        try {
            AudioInputStream pcm = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav(mono, sampleRate, 1)));
            AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, sampleRate, 8, 1, 1, sampleRate, false);
            return write(AudioSystem.getAudioInputStream(ulaw, pcm));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] write(AudioInputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean espeakInstalled() {
        try {
            Process p = new ProcessBuilder("espeak-ng", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** espeak-ng speaking the text (22050 Hz mono WAV as it writes it). */
    public static byte[] espeak(String text) {
        try {
            Path out = Files.createTempFile("espeak", ".wav");
            try {
                Process p = new ProcessBuilder("espeak-ng", "-v", "en", "-s", "150", "-w", out.toString(), text)
                        .redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("espeak-ng failed: " + log);
                }
                return Files.readAllBytes(out);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A phone-quality recording of the phrase: espeak-ng, then 8 kHz mono 16-bit WAV like Twilio's. */
    public static byte[] phoneRecording(String text) {
        AudioDecoder.Pcm pcm = AudioDecoder.decode(espeak(text), "audio/x-wav", 8000);
        return wav(pcm.samples(), 8000, 1);
    }

    public static double rms(short[] s) {
        double sum = 0;
        for (short v : s) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / Math.max(1, s.length));
    }
}
