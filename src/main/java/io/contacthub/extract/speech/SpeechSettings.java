package io.contacthub.extract.speech;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Speech-to-text with Vosk ({@link VoskSpeechToText}), from {@code hub.speech} (defaults in application.yml).
 * A bad value stops the start with the property's name.
 *
 * @param modelEn   unzipped Vosk model directory for English (HUB_VOSK_MODEL_EN); empty: no English model
 * @param modelZh   unzipped Vosk model directory for Chinese (HUB_VOSK_MODEL_ZH); empty: no Chinese model
 * @param workers   recognitions at once, each using one core (HUB_SPEECH_WORKERS)
 * @param queueSize jobs that may wait for a worker; further callers block
 */
@Validated
@ConfigurationProperties("hub.speech")
public record SpeechSettings(String modelEn, String modelZh, @NotNull @Positive Integer workers,
                             @NotNull @PositiveOrZero Integer queueSize) {

    public SpeechSettings {
        // Unset means "no model": voice messages are kept untranscribed, not a bad value.
        modelEn = modelEn == null ? "" : modelEn.trim();
        modelZh = modelZh == null ? "" : modelZh.trim();
    }
}
