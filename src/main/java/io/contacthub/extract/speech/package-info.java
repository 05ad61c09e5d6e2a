/**
 * Offline speech-to-text (Vosk): {@link io.contacthub.extract.speech.SpeechToText} for the
 * voice channel, and the recordings waiting for a model ({@link io.contacthub.extract.speech.PendingTranscriptions}) for
 * the staff API and the operations gauges. Offered as the named interface {@code extract::speech}. Uses nothing of
 * {@code extract.ocr}.
 */
@NamedInterface("speech")
package io.contacthub.extract.speech;

import org.springframework.modulith.NamedInterface;
