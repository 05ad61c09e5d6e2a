package io.contacthub.backoffice.order;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The order fields of one contact, from what the sender declared (web order form) and what the
 * hub read from a form (fax OCR, labelled lines in a mail: {@code entities.form.fields}, each a
 * value or a {@code {value, confidence}} object). Fields read with a confidence below the minimum count as
 * missing: a guess never goes to the order system.
 */
record OrderFields(Map<String, String> values, Map<String, String> unsure) {

    static OrderFields of(Map<String, String> declared, JsonNode readFields, double minConfidence) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> unsure = new LinkedHashMap<>();
        if (readFields != null && readFields.isObject()) {
            readFields.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                String value = v.isObject() ? v.path("value").asText("") : v.asText("");
                double confidence = v.isObject() && v.has("confidence") ? v.path("confidence").asDouble(1.0) : 1.0;
                if (value.isBlank()) {
                    return;
                }
                if (confidence < minConfidence) {
                    unsure.put(e.getKey(), value.strip());
                } else {
                    values.put(e.getKey(), value.strip());
                }
            });
        }
        // What the sender typed into a form field is trusted over what was read from text.
        declared.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                values.put(k, v.strip());
                unsure.remove(k);
            }
        });
        return new OrderFields(values, unsure);
    }

    boolean has(String field) {
        return values.containsKey(field);
    }
}
