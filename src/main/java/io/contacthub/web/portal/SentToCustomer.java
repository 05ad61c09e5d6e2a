package io.contacthub.web.portal;

import io.contacthub.notify.StaffReplies;
import java.util.List;
import java.util.Set;

/**
 * What the portal may show of the hub's own messages on a ticket: only those that actually went out (outbox status
 * SENT, or DELIVERED where a provider confirmed it), dated when they were sent. A message still QUEUED, or FAILED,
 * SUPPRESSED or CANCELLED, never reached the customer, so the portal does not claim it did.
 */
final class SentToCustomer {

    static final Set<String> SENT = Set.of("SENT", "DELIVERED");

    private SentToCustomer() {
    }

    static List<StaffReplies.NotificationView> only(List<StaffReplies.NotificationView> all) {
        return all.stream().filter(n -> SENT.contains(n.status())).map(n -> new StaffReplies.NotificationView(n.id(),
                n.direction(), n.channel(), n.recipient(), n.template(), n.subject(), n.body(), n.status(), n.attempts(),
                null, n.sentAt() == null ? n.createdAt() : n.sentAt(), n.sentAt(), null, null, n.deliveryStatus(), null, null))
                .toList();
    }
}
