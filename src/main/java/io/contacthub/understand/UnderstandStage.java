package io.contacthub.understand;

import org.springframework.stereotype.Component;

/**
 * Entities, language, intent and urgency of a contact's text. Everything here reads only the
 * first {@code hub.understand.max-scanned-chars} characters ({@link ScannedText}), so one huge
 * message cannot hold a processing worker.
 */
@Component
public class UnderstandStage {

    private final EntityExtractor entities;
    private final LanguageDetector language;
    private final IntentClassifier intents;
    private final int maxScannedChars;

    public UnderstandStage(EntityExtractor entities, LanguageDetector language, IntentClassifier intents,
                           UnderstandProperties properties) {
        this.entities = entities;
        this.language = language;
        this.intents = intents;
        this.maxScannedChars = properties.maxScannedChars();
    }

    /** Declared field naming the intent explicitly (an IVR menu choice); honoured over the keyword rules. */
    public static final String DECLARED_INTENT = "intent";

    /**
     * @param declared numbers the sender gave in form fields, trusted as entities; an {@value #DECLARED_INTENT}
     *                 field naming an {@link Intent} decides the intent
     */
    public Understanding understand(String text, java.util.Map<String, String> declared) {
        ScannedText scanned = ScannedText.prefix(text, maxScannedChars);
        String read = scanned.text();
        IntentClassifier.Classification classification = declaredIntent(declared)
                .map(i -> new IntentClassifier.Classification(i, "declared by the sender (" + i.name() + ")"))
                .orElseGet(() -> intents.classify(read));
        return new Understanding(language.detect(read), classification.intent(), classification.reason(),
                intents.isUrgent(read), entities.extract(read).withDeclared(declared == null ? java.util.Map.of() : declared),
                read.length(), scanned.totalChars());
    }

    private static java.util.Optional<Intent> declaredIntent(java.util.Map<String, String> declared) {
        String value = declared == null ? null : declared.get(DECLARED_INTENT);
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Intent.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
