package io.contacthub.extract.speech;

import java.util.List;

/**
 * Offline speech recognition of a recorded call (Vosk). Channels hand it the audio exactly as
 * downloaded; it decodes, resamples to the model's rate and recognises on a bounded pool.
 */
public interface SpeechToText {

    /** Marker stored as an audio file's extraction error while no model can transcribe it yet. */
    String UNTRANSCRIBED_PREFIX = "untranscribed:";

    /** Whether a model for this language ("en", "zh") is loaded, or for any language when null. */
    boolean available(String language);

    /**
     * @param audio       the recording as received (WAV; 8 kHz mono from Twilio)
     * @param contentType e.g. {@code audio/x-wav}
     * @param language    "en" or "zh"; null lets the implementation choose (e.g. the caller's greeting language)
     * @throws UnreadableAudioException for corrupt, empty or unsupported audio (the message becomes FAILED)
     * @throws IllegalStateException    when no model is available for the language (check {@link #available})
     */
    Transcript transcribe(byte[] audio, String contentType, String language);

    /** The recognised text with per-word timings and confidence (0..1), and the model that made it. */
    record Transcript(String text, double confidence, List<Word> words, String model, double audioSeconds) {
    }

    record Word(String word, double start, double end, double confidence) {
    }

    /** The audio cannot be decoded (corrupt, empty, unsupported format). */
    class UnreadableAudioException extends RuntimeException {
        public UnreadableAudioException(String reason) {
            super(reason);
        }

        public UnreadableAudioException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
