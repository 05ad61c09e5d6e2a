package io.contacthub.intake.filter;

import io.contacthub.intake.AutomationSignals;
import io.contacthub.intake.ParsedContent;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Out-of-office and other automatic answers (RFC 3834 Auto-Submitted, vendor X- headers). */
@Component
@Order(10)
class AutoReplyFilter implements InboundFilter {

    @Override
    public Optional<String> reasonToIgnore(ParsedContent content) {
        AutomationSignals signals = content.automation();
        String autoSubmitted = lower(signals.autoSubmitted());
        if (autoSubmitted != null && !autoSubmitted.startsWith("no")) {
            return Optional.of("auto-reply (Auto-Submitted: " + signals.autoSubmitted() + ")");
        }
        if (signals.autoReplyHeader() != null) {
            return Optional.of("auto-reply (" + signals.autoReplyHeader() + ")");
        }
        return Optional.empty();
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
