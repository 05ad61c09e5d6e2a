package io.contacthub.understand;

/**
 * @param intentReason which rule decided the intent (the keyword that matched), for staff to see
 */
public record Understanding(String language, Intent intent, String intentReason, boolean urgent,
                            Entities entities) {
}
