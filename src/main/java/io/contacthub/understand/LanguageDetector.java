package io.contacthub.understand;

import org.springframework.stereotype.Component;

/**
 * Chinese or English. Customers write one or the other, mixed with Latin order numbers, so the
 * share of Han characters against Latin words decides.
 */
@Component
public class LanguageDetector {

    public String detect(String text) {
        if (text == null || text.isBlank()) {
            return "en";
        }
        int han = 0;
        int latinWords = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                han++;
                inWord = false;
            } else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
                if (!inWord) {
                    latinWords++;
                }
                inWord = true;
            } else {
                inWord = false;
            }
        }
        // A Chinese sentence of n characters carries about as much as n/2 English words.
        return han > 0 && han >= latinWords ? "zh" : "en";
    }
}
