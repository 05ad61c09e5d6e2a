package io.contacthub.complaint;

import io.contacthub.notify.CustomerNotifications;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the customer that their complaint was registered (complaint_opened) or resolved
 * (complaint_resolved), through {@link CustomerNotifications} in the caller's transaction. A customer
 * who cannot be reached does not stop the case: the reason is kept on the step for staff.
 */
@Component
class ComplaintNotices {

    private static final Logger log = LoggerFactory.getLogger(ComplaintNotices.class);

    private final CustomerNotifications notifications;

    ComplaintNotices(CustomerNotifications notifications) {
        this.notifications = notifications;
    }

    /** What happened: the outbox row, or why there is none. Both null: the key was used before. */
    record Sent(Long notificationId, String error) {
    }

    Sent opened(long caseId, String ticketRef, ComplaintSettings.Sla sla) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("firstResponseEn", english(sla.firstResponse()));
        vars.put("firstResponseZh", chinese(sla.firstResponse()));
        vars.put("resolutionEn", english(sla.resolution()));
        vars.put("resolutionZh", chinese(sla.resolution()));
        return send(ticketRef, "complaint_opened", vars, "complaint-opened:" + caseId);
    }

    /** @param stepId the RESOLVE step: a case resolved again after a reopening tells the customer again */
    Sent resolved(long caseId, long stepId, String ticketRef, String resolution, String compensation) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("resolution", resolution);
        if (compensation != null && !compensation.isBlank()) {
            vars.put("compensation", compensation);
        }
        return send(ticketRef, "complaint_resolved", vars, "complaint-resolved:" + caseId + ":" + stepId);
    }

    private Sent send(String ticketRef, String template, Map<String, Object> vars, String key) {
        try {
            return notifications.notifyCustomer(ticketRef, template, vars, key, null)
                    .map(q -> new Sent(q.notificationId(), "SUPPRESSED".equals(q.status()) ? "suppressed: " + q.channel()
                            + " to " + q.recipient() + " is opted out" : null))
                    .orElse(new Sent(null, null));
        } catch (CustomerNotifications.NotDeliverable e) {
            log.info("{} for {} not sent: {}", template, ticketRef, e.getMessage());
            return new Sent(null, e.getMessage());
        }
    }

    static String english(Duration d) {
        if (d.toMinutes() % (24 * 60) == 0) {
            long days = d.toDays();
            return days + (days == 1 ? " day" : " days");
        }
        if (d.toMinutes() % 60 == 0) {
            long hours = d.toHours();
            return hours + (hours == 1 ? " hour" : " hours");
        }
        long minutes = Math.max(1, d.toMinutes());
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    static String chinese(Duration d) {
        if (d.toMinutes() % (24 * 60) == 0) {
            return d.toDays() + " 天";
        }
        if (d.toMinutes() % 60 == 0) {
            return d.toHours() + " 小时";
        }
        return Math.max(1, d.toMinutes()) + " 分钟";
    }
}
