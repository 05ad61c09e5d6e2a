package io.contacthub.web.console;

import io.contacthub.complaint.ComplaintQueries;
import io.contacthub.descriptor.ChannelCatalog;
import io.contacthub.ticket.TicketEvents;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A history event of a ticket as one sentence in the viewer's language ("changed the status from Open to
 * Resolved"): statuses and channels by their labels, never their codes.
 */
@Component("historyText")
public class HistoryText {

    private final MessageSource messages;
    private final ChannelCatalog channels;
    private final ShownText shown;

    HistoryText(MessageSource messages, ChannelCatalog channels, ShownText shown) {
        this.messages = messages;
        this.channels = channels;
        this.shown = shown;
    }

    /** Who did it: the staff member's name, or "the hub" / "the customer". */
    public String actor(String actor, String actorName, Locale locale) {
        if (TicketEvents.HUB.equals(actor) || "customer".equals(actor)) {
            return messages.getMessage("history.actor." + actor, null, locale);
        }
        return actorName != null ? actorName : actor;
    }

    public String describe(TicketEvents.Event e, Locale locale) {
        String key = "history." + e.kind().name();
        Object[] args = switch (e.kind()) {
            case STATUS, REOPENED -> new Object[] {status(e.oldValue(), locale), status(e.newValue(), locale)};
            case ASSIGNED -> {
                if (e.newValue() == null) {
                    key += ".none";
                } else if (e.oldValue() != null) {
                    key += ".from";
                }
                yield new Object[] {e.oldValue(), e.newValue()};
            }
            case REVIEW_FLAGGED -> new Object[] {reviewReason(e.newValue())};
            case REVIEW_CLEARED -> new Object[] {reviewReason(e.oldValue())};
            case MERGED_INTO -> new Object[] {e.newValue()};
            case MERGED_FROM -> new Object[] {e.oldValue()};
            case NOTIFICATION_CANCELLED -> new Object[] {channel(e.oldValue(), locale), String.valueOf(e.notificationId())};
            case NOTIFICATION_RESENT -> new Object[] {channel(e.newValue(), locale), String.valueOf(e.notificationId())};
            case NOTIFICATION_REDIRECTED -> new Object[] {channel(e.oldValue(), locale), channel(e.newValue(), locale),
                    String.valueOf(e.notificationId())};
            case SLA_WARNING, SLA_BREACHED -> {
                key += "." + e.newValue();
                yield new Object[] {};
            }
        };
        return messages.getMessage(key, args, locale);
    }

    /** A complaint case step: "complaint case #3: Investigate". */
    public String step(ComplaintQueries.TicketStep s, Locale locale) {
        String action = messages.getMessage("complaint.action." + s.action(), null, s.action(), locale);
        return messages.getMessage("history.caseStep", new Object[] {String.valueOf(s.caseId()), action}, locale);
    }

    /** A review reason as the hub stored it (in English, one line per reason): translated, joined into one line. */
    private String reviewReason(String stored) {
        return stored == null ? "" : String.join("; ", shown.reviewReasons(stored.strip()));
    }

    private String status(String status, Locale locale) {
        return status == null ? "" : messages.getMessage("history.status." + status, null, status, locale);
    }

    private String channel(String channel, Locale locale) {
        return channel == null ? "" : channels.label(channel, locale);
    }
}
