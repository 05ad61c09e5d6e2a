package io.contacthub.notify;

import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioWebhookFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's status callbacks for the texts and calls the hub sent ({@code /twilio/sms-status},
 * {@code /twilio/call-status}; signature checked by {@link TwilioWebhookFilter}). The callback URL
 * carries the outbox id ({@code ?n=}), so a report also settles a row the hub lost track of when it
 * stopped mid-send: UNCERTAIN becomes SENT with the provider's id, and is never sent again.
 */
@RestController
class DeliveryReportController {

    private static final Logger log = LoggerFactory.getLogger(DeliveryReportController.class);
    private static final Set<String> DELIVERED = Set.of("delivered", "read", "completed");

    private final JdbcClient jdbc;

    DeliveryReportController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @PostMapping("/twilio/sms-status")
    ResponseEntity<Void> sms(HttpServletRequest request, @RequestParam(name = "n", required = false) Long notificationId) {
        return report(request, notificationId, "MessageSid", "MessageStatus");
    }

    @PostMapping("/twilio/call-status")
    ResponseEntity<Void> call(HttpServletRequest request, @RequestParam(name = "n", required = false) Long notificationId) {
        return report(request, notificationId, "CallSid", "CallStatus");
    }

    private ResponseEntity<Void> report(HttpServletRequest request, Long notificationId, String sidField, String statusField) {
        Map<String, List<String>> form = TwilioWebhookFilter.verifiedParams(request);
        String sid;
        try {
            sid = FormBody.sid(form, sidField);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().build();
        }
        String status = FormBody.first(form, statusField);
        if (status == null || status.isBlank()) {
            return ResponseEntity.badRequest().build();
        }
        String error = FormBody.first(form, "ErrorCode");
        String delivery = status.trim().toLowerCase(java.util.Locale.ROOT) + (error == null || error.isBlank() ? "" : " (error " + error + ")");
        int updated = jdbc.sql("""
                        update notification set delivery_status = :delivery,
                            delivered_at = case when :delivered then now() else delivered_at end,
                            provider_id = coalesce(provider_id, :sid),
                            status = case when status in ('SENDING', 'UNCERTAIN') then 'SENT' else status end,
                            sent_at = coalesce(sent_at, now()),
                            last_error = case when status in ('SENDING', 'UNCERTAIN') then null else last_error end
                        where (provider_id = :sid or (provider_id is null and id = :id))""")
                .param("delivery", delivery)
                .param("delivered", DELIVERED.contains(status.trim().toLowerCase(java.util.Locale.ROOT)))
                .param("sid", sid)
                .param("id", notificationId)
                .update();
        if (updated == 0) {
            log.info("delivery report {} for {} matches no notification of ours", delivery, sid);
        }
        // Twilio only needs a 2xx; an unknown SID is not an error it could fix by retrying.
        return ResponseEntity.noContent().build();
    }
}
