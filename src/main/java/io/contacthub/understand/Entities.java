package io.contacthub.understand;

import java.util.List;

/** What was found in a contact's text; phones are E.164, e-mails lower-case. */
public record Entities(List<String> orderNumbers, List<String> waybillNumbers, List<String> phones,
                       List<String> emails) {

    /** These entities plus numbers the sender declared in form fields (orderNumber, waybillNumber). */
    public Entities withDeclared(java.util.Map<String, String> declared) {
        return new Entities(plus(orderNumbers, declared.get("orderNumber")), plus(waybillNumbers, declared.get("waybillNumber")),
                phones, emails);
    }

    private static List<String> plus(List<String> values, String extra) {
        if (extra == null || extra.isBlank() || values.contains(extra.trim().toUpperCase(java.util.Locale.ROOT))) {
            return values;
        }
        List<String> all = new java.util.ArrayList<>(values);
        all.add(0, extra.trim().toUpperCase(java.util.Locale.ROOT));
        return List.copyOf(all);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return orderNumbers.isEmpty() && waybillNumbers.isEmpty() && phones.isEmpty() && emails.isEmpty();
    }
}
