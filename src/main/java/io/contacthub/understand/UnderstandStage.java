package io.contacthub.understand;

import org.springframework.stereotype.Component;

/** Entities, language, intent and urgency of a contact's text. */
@Component
public class UnderstandStage {

    private final EntityExtractor entities;
    private final LanguageDetector language;
    private final IntentClassifier intents;

    public UnderstandStage(EntityExtractor entities, LanguageDetector language, IntentClassifier intents) {
        this.entities = entities;
        this.language = language;
        this.intents = intents;
    }

    /** @param declared numbers the sender gave in form fields, trusted as entities */
    public Understanding understand(String text, java.util.Map<String, String> declared) {
        IntentClassifier.Classification classification = intents.classify(text);
        return new Understanding(language.detect(text), classification.intent(), classification.reason(),
                intents.isUrgent(text), entities.extract(text).withDeclared(declared));
    }
}
