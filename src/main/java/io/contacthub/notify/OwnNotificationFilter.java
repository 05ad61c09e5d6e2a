package io.contacthub.notify;

import io.contacthub.intake.ParsedContent;
import io.contacthub.intake.filter.InboundFilter;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loop protection: mail that carries our X-Contact-Hub-Notification header (a notification that
 * came back, e.g. bounced into or forwarded to a mailbox the hub reads) or that comes from one of
 * the hub's own addresses never opens a ticket nor triggers a reply.
 */
@Component
@Order(25)
class OwnNotificationFilter implements InboundFilter {

    private final NotifySettings settings;

    OwnNotificationFilter(NotifySettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<String> reasonToIgnore(ParsedContent content) {
        if (content.automation().hubNotification() != null) {
            return Optional.of("the hub's own notification (X-Contact-Hub-Notification: "
                    + content.automation().hubNotification().trim() + ")");
        }
        if (settings.isOwnAddress(content.senderEmail())) {
            return Optional.of("sent from the hub's own address " + content.senderEmail());
        }
        return Optional.empty();
    }
}
