package io.contacthub.understand.forms;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The label vocabulary of the forms customers fax (defaults in application.yml under {@code hub.forms}). A bad
 * value stops the start with the property's name.
 *
 * @param fields         field name → its labels (Chinese and English, as printed on forms) and value kind
 * @param extraLabels    field name → labels a centre adds for its own forms, without repeating the defaults
 * @param formTypes      form type → keywords that identify it and the fields it must carry
 * @param defaultRequired required fields when no form type is recognised
 * @param minConfidence  a field below this confidence (0..1) puts the contact up for human review
 * @param minOcrConfidence a document whose mean OCR confidence (0..100) is below this is reviewed
 */
@Validated
@ConfigurationProperties("hub.forms")
public record FormProperties(@NotEmpty Map<String, FieldSpec> fields, Map<String, List<String>> extraLabels,
                             Map<String, FormType> formTypes, List<String> defaultRequired,
                             @NotNull @DecimalMin("0") @DecimalMax("1") Double minConfidence,
                             @NotNull @DecimalMin("0") @DecimalMax("100") Double minOcrConfidence) {

    /** The value kinds {@link FormFieldExtractor} reads. */
    static final List<String> KINDS = List.of("text", "person", "party", "address", "phone", "integer", "weight", "date", "code", "waybill",
            "order", "email");

    public FormProperties {
        for (Map.Entry<String, FieldSpec> e : (fields == null ? Map.<String, FieldSpec>of() : fields).entrySet()) {
            if (!KINDS.contains(e.getValue().kind())) {
                throw new IllegalArgumentException("hub.forms.fields." + e.getKey() + ".kind must be one of " + KINDS
                        + " (was '" + e.getValue().kind() + "')");
            }
        }
        Map<String, FieldSpec> merged = new LinkedHashMap<>();
        Map<String, List<String>> extra = extraLabels == null ? Map.of() : extraLabels;
        for (Map.Entry<String, FieldSpec> e : (fields == null ? Map.<String, FieldSpec>of() : fields).entrySet()) {
            List<String> labels = new ArrayList<>(e.getValue().labels());
            labels.addAll(extra.getOrDefault(e.getKey(), List.of()));
            merged.put(e.getKey(), new FieldSpec(labels, e.getValue().kind()));
        }
        fields = Map.copyOf(merged);
        extraLabels = extraLabels == null ? Map.of() : Map.copyOf(extraLabels);
        formTypes = formTypes == null ? Map.of() : Map.copyOf(formTypes);
        defaultRequired = defaultRequired == null ? List.of() : List.copyOf(defaultRequired);
    }

    /**
     * @param kind how the value is read and checked: text, person, party (a customer: company or person), address, phone,
     *             integer, weight, date, code, waybill, order, email
     */
    public record FieldSpec(List<String> labels, String kind) {
        public FieldSpec {
            labels = labels == null ? List.of() : List.copyOf(labels);
            // Per field, so not in application.yml: a field without a kind is text.
            kind = kind == null || kind.isBlank() ? "text" : kind.trim().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record FormType(List<String> keywords, List<String> required) {
        public FormType {
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
            required = required == null ? List.of() : List.copyOf(required);
        }
    }
}
