package io.contacthub.complaint;

import java.util.Locale;
import java.util.Optional;

/** How bad a complaint is; each severity has its own SLA durations ({@code hub.complaint.sla.<severity>}). */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    static Optional<Severity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An urgent contact (urgency URGENT: 紧急, asap ...) is HIGH; CRITICAL and LOW are for staff to set. */
    static Severity fromUrgency(String urgency) {
        return "URGENT".equalsIgnoreCase(urgency) ? HIGH : MEDIUM;
    }
}
