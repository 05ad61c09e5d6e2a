package io.contacthub.extract.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.extract.BoundedWorkers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Vosk behind {@link SpeechToText}. Each configured model ({@code hub.speech.model-en},
 * {@code hub.speech.model-zh}) is loaded once at start-up and shared; every job gets its own
 * {@link Recognizer}. A configured directory that is missing or not a model stops the start-up.
 *
 * <p>Bounded: at most {@code hub.speech.workers} recognitions run at once on this bean's own
 * threads, and at most {@code hub.speech.queue-size} more wait for a worker. A caller beyond that
 * blocks in {@link #transcribe} until a place frees up (back-pressure: the processing workers that
 * call it slow down and intake waits behind them, as with the processing queue), so memory never
 * grows with a burst of calls.
 */
@Component
public class VoskSpeechToText implements SpeechToText, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VoskSpeechToText.class);
    static final int DEFAULT_SAMPLE_RATE = 16000;
    private static final Pattern SAMPLE_FREQUENCY = Pattern.compile("--sample-frequency=(\\d+)");
    private static final Pattern SPACE_BETWEEN_HAN = Pattern.compile("(?<=\\p{IsHan}) +(?=\\p{IsHan})");
    /** Samples handed to the recognizer per call: 0.25 s at 16 kHz. */
    private static final int CHUNK_SAMPLES = 4000;

    private final Map<String, LoadedModel> models = new LinkedHashMap<>();
    private final BoundedWorkers workers;
    private final ObjectMapper json = new ObjectMapper();

    /** A loaded model: shared by all jobs of its language. */
    record LoadedModel(String language, String name, Path directory, Model model, int sampleRate) {
    }

    @Autowired
    public VoskSpeechToText(SpeechSettings settings) {
        this(settings.modelEn(), settings.modelZh(), settings.workers(), settings.queueSize());
    }

    public VoskSpeechToText(String modelEn, String modelZh, int workers, int queueSize) {
        if (workers < 1 || queueSize < 0) {
            throw new IllegalArgumentException("hub.speech.workers must be >= 1 and hub.speech.queue-size >= 0");
        }
        load("en", "hub.speech.model-en (HUB_VOSK_MODEL_EN)", modelEn);
        load("zh", "hub.speech.model-zh (HUB_VOSK_MODEL_ZH)", modelZh);
        this.workers = new BoundedWorkers("speech", workers, queueSize);
        if (models.isEmpty()) {
            log.info("Speech-to-text: no Vosk model configured (HUB_VOSK_MODEL_EN, HUB_VOSK_MODEL_ZH); voice messages "
                    + "are kept with their audio, marked untranscribed, and transcribed once a model is configured "
                    + "(scripts/download-vosk-models.sh)");
        } else {
            models.values().forEach(m -> log.info("Speech-to-text: Vosk model for '{}' loaded from {} ({} Hz)",
                    m.language(), m.directory(), m.sampleRate()));
            log.info("Speech-to-text: {} worker(s), {} more jobs may wait; further callers block", workers, queueSize);
        }
    }

    private void load(String language, String setting, String directory) {
        if (directory == null || directory.isBlank()) {
            return;
        }
        Path dir = Path.of(directory.strip()).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(setting + " is set to " + dir + ", which is not a directory. Point it at an "
                    + "unzipped Vosk model (scripts/download-vosk-models.sh fetches them) or unset it to run without "
                    + language + " transcription.");
        }
        try {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            Model model = new Model(dir.toString());
            models.put(language, new LoadedModel(language, dir.getFileName().toString(), dir, model, sampleRate(dir)));
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException(setting + " is set to " + dir + ", but Vosk cannot load a model from it ("
                    + e.getMessage() + "). It must be an unzipped Vosk model directory (with am/, conf/, graph/).", e);
        }
    }

    /** The model's rate from {@code conf/mfcc.conf} ({@code --sample-frequency=16000}), else 16000. */
    static int sampleRate(Path modelDir) {
        Path mfcc = modelDir.resolve("conf").resolve("mfcc.conf");
        try {
            if (Files.isRegularFile(mfcc)) {
                Matcher m = SAMPLE_FREQUENCY.matcher(Files.readString(mfcc, StandardCharsets.UTF_8));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException | NumberFormatException e) {
            log.warn("Speech-to-text: cannot read {} ({}); assuming {} Hz", mfcc, e.getMessage(), DEFAULT_SAMPLE_RATE);
        }
        return DEFAULT_SAMPLE_RATE;
    }

    @Override
    public boolean available(String language) {
        return language == null ? !models.isEmpty() : models.containsKey(normalize(language));
    }

    /** The model directory's name for a language ("vosk-model-small-en-us-0.15"), or null. */
    public String modelName(String language) {
        LoadedModel m = models.get(normalize(language));
        return m == null ? null : m.name();
    }

    @Override
    public Transcript transcribe(byte[] audio, String contentType, String language) {
        LoadedModel model = choose(language);
        return workers.run(() -> recognize(model, AudioDecoder.decode(audio, contentType, model.sampleRate())));
    }

    private LoadedModel choose(String language) {
        if (language != null && !language.isBlank()) {
            LoadedModel m = models.get(normalize(language));
            if (m == null) {
                throw new IllegalStateException("no Vosk model for language '" + language + "' is configured"
                        + (models.isEmpty() ? " (none is: set HUB_VOSK_MODEL_EN / HUB_VOSK_MODEL_ZH to an unzipped model,"
                        + " see scripts/download-vosk-models.sh)" : " (loaded: " + models.keySet() + ")")
                        + "; check available(language) first");
            }
            return m;
        }
        // The hub's callers are mostly Chinese-speaking: prefer zh, then en.
        for (String l : List.of("zh", "en")) {
            if (models.containsKey(l)) {
                return models.get(l);
            }
        }
        throw new IllegalStateException("no Vosk model is configured: set HUB_VOSK_MODEL_EN / HUB_VOSK_MODEL_ZH to an "
                + "unzipped model (scripts/download-vosk-models.sh); check available(null) first");
    }

    private static String normalize(String language) {
        String l = language.strip().toLowerCase();
        int dash = l.indexOf('-') >= 0 ? l.indexOf('-') : l.indexOf('_');
        return dash > 0 ? l.substring(0, dash) : l;
    }

    /** One recognizer per job on the shared model; results with per-word timings and confidence. */
    Transcript recognize(LoadedModel model, AudioDecoder.Pcm pcm) throws IOException {
        List<JsonNode> segments = new ArrayList<>();
        try (Recognizer recognizer = new Recognizer(model.model(), model.sampleRate())) {
            recognizer.setWords(true);
            short[] samples = pcm.samples();
            short[] chunk = new short[CHUNK_SAMPLES];
            for (int offset = 0; offset < samples.length; offset += CHUNK_SAMPLES) {
                int n = Math.min(CHUNK_SAMPLES, samples.length - offset);
                System.arraycopy(samples, offset, chunk, 0, n);
                if (recognizer.acceptWaveForm(chunk, n)) {
                    segments.add(json.readTree(recognizer.getResult()));
                }
            }
            segments.add(json.readTree(recognizer.getFinalResult()));
        }
        return toTranscript(segments, model.language(), model.name(), pcm.seconds());
    }

    /** Vosk's JSON results ({@code {"result":[{"word","start","end","conf"}...],"text":...}}) as one transcript. */
    static Transcript toTranscript(List<JsonNode> segments, String language, String modelName, double audioSeconds) {
        List<Word> words = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (JsonNode segment : segments) {
            for (JsonNode w : segment.path("result")) {
                words.add(new Word(w.path("word").asText(), w.path("start").asDouble(), w.path("end").asDouble(),
                        w.path("conf").asDouble()));
            }
            String t = segment.path("text").asText("").strip();
            if (!t.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ").append(t);
            }
        }
        String joined = text.toString();
        if ("zh".equals(language)) {
            joined = SPACE_BETWEEN_HAN.matcher(joined).replaceAll(""); // Vosk separates Chinese words by spaces
        }
        double confidence = words.stream().mapToDouble(Word::confidence).average().orElse(0);
        return new Transcript(joined, confidence, List.copyOf(words), modelName, audioSeconds);
    }

    @Override
    public void destroy() throws InterruptedException {
        if (workers.shutdown(30)) {
            models.values().forEach(m -> m.model().close());
        } else {
            log.warn("Speech-to-text: recognitions still running at shutdown; models left to the process exit");
        }
    }
}
