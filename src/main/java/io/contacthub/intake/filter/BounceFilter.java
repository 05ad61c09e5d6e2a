package io.contacthub.intake.filter;

import io.contacthub.intake.AutomationSignals;
import io.contacthub.intake.ParsedContent;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Delivery failures: DSN reports, the null sender, MAILER-DAEMON and postmaster senders. */
@Component
@Order(20)
class BounceFilter implements InboundFilter {

    @Override
    public Optional<String> reasonToIgnore(ParsedContent content) {
        AutomationSignals signals = content.automation();
        if (signals.reportType() != null && signals.reportType().toLowerCase(Locale.ROOT).contains("delivery-status")) {
            return Optional.of("bounce (delivery status report)");
        }
        if ("<>".equals(signals.returnPath() == null ? null : signals.returnPath().replace(" ", ""))) {
            return Optional.of("bounce (null sender Return-Path: <>)");
        }
        String sender = content.senderEmail() == null ? "" : content.senderEmail().toLowerCase(Locale.ROOT);
        String name = content.senderName() == null ? "" : content.senderName().toLowerCase(Locale.ROOT);
        String local = sender.contains("@") ? sender.substring(0, sender.indexOf('@')) : sender;
        if (local.equals("mailer-daemon") || local.equals("postmaster") || name.replace(" ", "").equals("mailer-daemon")
                || name.replace(" ", "").equals("mailerdaemon")) {
            return Optional.of("bounce (sender " + (sender.isEmpty() ? content.senderName() : sender) + ")");
        }
        return Optional.empty();
    }
}
