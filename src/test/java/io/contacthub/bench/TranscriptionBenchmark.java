package io.contacthub.bench;

import io.contacthub.extract.speech.AudioDecoder;
import io.contacthub.extract.speech.SpeechToText;
import io.contacthub.extract.speech.TestAudio;
import io.contacthub.extract.speech.VoskSpeechToText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Speech-to-text speed with a real Vosk model: N generated phone recordings (espeak-ng, 8 kHz mono
 * WAV like Twilio's) through {@link VoskSpeechToText} (decode + resample + pool + recognize +
 * JSON), against Vosk called directly on the same audio already at 16 kHz. Prints the real-time
 * factor (processing time / audio time; below 1 is faster than real time) on one core and on
 * all cores, and our pipeline's overhead. Without a model it says so and exits 0.
 *
 * <pre>
 * HUB_VOSK_MODEL_EN=models/vosk-model-small-en-us-0.15 ./mvnw -Pbench test-compile exec:exec@transcription-benchmark
 * </pre>
 */
public final class TranscriptionBenchmark {

    public static void main(String[] args) throws Exception {
        String model = System.getProperty("bench.voskModel", "");
        if (model.isBlank()) {
            model = System.getenv().getOrDefault("HUB_VOSK_MODEL_EN", "");
        }
        if (model.isBlank()) {
            System.out.println("TranscriptionBenchmark: no Vosk model configured (set HUB_VOSK_MODEL_EN or "
                    + "-Dbench.voskModel to an unzipped English model, see scripts/download-vosk-models.sh); nothing measured.");
            return;
        }
        if (!TestAudio.espeakInstalled()) {
            System.out.println("TranscriptionBenchmark: espeak-ng is not installed (apt-get install espeak-ng); nothing measured.");
            return;
        }
        int n = Integer.getInteger("bench.recordings", 20);
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = Integer.getInteger("bench.speechWorkers", cores);

        String[] phrases = {
                "Where is my parcel S F one two three", "I want to book a pickup for tomorrow morning",
                "The box arrived damaged and I would like a refund", "Please call me back about order five five six seven",
                "Can you store forty pallets in your warehouse next month"};
        List<byte[]> recordings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            recordings.add(TestAudio.phoneRecording(phrases[i % phrases.length] + " number " + (i + 1)));
        }
        List<AudioDecoder.Pcm> pcm16k = new ArrayList<>();
        double audioSeconds = 0;
        for (byte[] r : recordings) {
            AudioDecoder.Pcm p = AudioDecoder.decode(r, "audio/x-wav", 16000);
            pcm16k.add(p);
            audioSeconds += p.seconds();
        }
        System.out.printf("%d recordings, %.1f s of 8 kHz audio in all; model %s; %d cores%n", n, audioSeconds, model, cores);

        // Decode + resample alone.
        long t0 = System.nanoTime();
        for (byte[] r : recordings) {
            AudioDecoder.decode(r, "audio/x-wav", 16000);
        }
        double decodeSeconds = (System.nanoTime() - t0) / 1e9;

        // Vosk directly on the prepared 16 kHz PCM, one thread.
        LibVosk.setLogLevel(LogLevel.WARNINGS);
        double direct;
        try (Model m = new Model(Path.of(model).toAbsolutePath().toString())) {
            directOnce(m, pcm16k.get(0)); // warm-up
            t0 = System.nanoTime();
            for (AudioDecoder.Pcm p : pcm16k) {
                directOnce(m, p);
            }
            direct = (System.nanoTime() - t0) / 1e9;
        }

        // The hub's path, one worker, then one per core.
        double ours;
        VoskSpeechToText one = new VoskSpeechToText(model, "", 1, 4);
        try {
            one.transcribe(recordings.get(0), "audio/x-wav", "en"); // warm-up
            t0 = System.nanoTime();
            for (byte[] r : recordings) {
                one.transcribe(r, "audio/x-wav", "en");
            }
            ours = (System.nanoTime() - t0) / 1e9;
        } finally {
            one.destroy();
        }
        double parallel;
        VoskSpeechToText many = new VoskSpeechToText(model, "", threads, 2 * threads);
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            t0 = System.nanoTime();
            List<Future<SpeechToText.Transcript>> jobs = new ArrayList<>();
            for (byte[] r : recordings) {
                jobs.add(callers.submit(() -> many.transcribe(r, "audio/x-wav", "en")));
            }
            for (Future<SpeechToText.Transcript> j : jobs) {
                j.get();
            }
            parallel = (System.nanoTime() - t0) / 1e9;
        } finally {
            callers.shutdown();
            many.destroy();
        }

        System.out.println();
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        System.out.printf("| decode + resample 8 -> 16 kHz, all recordings | %.3f s (%.1f%% of audio time) |%n", decodeSeconds, 100 * decodeSeconds / audioSeconds);
        System.out.printf("| Vosk direct on 16 kHz PCM, 1 thread: RTF | %.3f |%n", direct / audioSeconds);
        System.out.printf("| VoskSpeechToText, 1 worker: RTF per core | %.3f |%n", ours / audioSeconds);
        System.out.printf("| pipeline overhead (ours - direct) / direct | %+.1f%% |%n", 100 * (ours - direct) / direct);
        System.out.printf("| VoskSpeechToText, %d workers: RTF overall / per core | %.3f / %.3f |%n", threads,
                parallel / audioSeconds, parallel * Math.min(threads, cores) / audioSeconds);
    }

    private static void directOnce(Model model, AudioDecoder.Pcm pcm) throws Exception {
        try (Recognizer r = new Recognizer(model, pcm.sampleRate())) {
            r.setWords(true);
            byte[] bytes = pcm.littleEndianBytes();
            for (int off = 0; off < bytes.length; off += 8000) {
                int len = Math.min(8000, bytes.length - off);
                byte[] chunk = new byte[len];
                System.arraycopy(bytes, off, chunk, 0, len);
                r.acceptWaveForm(chunk, len);
            }
            r.getFinalResult();
        }
    }

    private TranscriptionBenchmark() {
    }
}
