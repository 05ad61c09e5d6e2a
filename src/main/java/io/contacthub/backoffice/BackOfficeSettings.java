package io.contacthub.backoffice;

import io.contacthub.deferred.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.backoffice.*}: where the order, tracking and complaint systems are and how hard the
 * hub tries to reach them. See config/application-backoffice.example.yml.
 *
 * @param pollDelay     how often each system's due hand-offs are looked for
 * @param batchSize     hand-offs per poll at most
 * @param maxBackoff    the longest wait between two attempts
 * @param giveUpAfter   an order or complaint still undelivered this long after it was recorded is
 *                      FAILED (shown to staff, replayable); until then outages are waited out
 */
@ConfigurationProperties("hub.backoffice")
public record BackOfficeSettings(Peer order, Peer tracking, Peer complaint, Duration pollDelay, Integer batchSize,
                                 Duration maxBackoff, Duration giveUpAfter, OrderRules orderRules,
                                 TrackingRules trackingRules) {

    public BackOfficeSettings {
        order = order == null ? Peer.NONE : order;
        tracking = tracking == null ? Peer.NONE : tracking;
        complaint = complaint == null ? Peer.NONE : complaint;
        pollDelay = pollDelay == null ? Duration.ofSeconds(2) : pollDelay;
        batchSize = batchSize == null || batchSize < 1 ? 20 : batchSize;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        giveUpAfter = giveUpAfter == null ? Duration.ofHours(24) : giveUpAfter;
        orderRules = orderRules == null ? new OrderRules(null, null, null, null) : orderRules;
        trackingRules = trackingRules == null ? new TrackingRules(null, null, null, null, null) : trackingRules;
        retryPolicy(maxBackoff, giveUpAfter); // a bad value stops the start, naming the setting
    }

    /** The hub's one back-off rule with the hand-offs' cap and horizon; types may add a limit by count. */
    public RetryPolicy retryPolicy() {
        return retryPolicy(maxBackoff, giveUpAfter);
    }

    private static RetryPolicy retryPolicy(Duration maxBackoff, Duration giveUpAfter) {
        try {
            return new RetryPolicy(maxBackoff, giveUpAfter, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hub.backoffice: " + e.getMessage(), e);
        }
    }

    public Peer peer(String system) {
        return switch (system) {
            case "ORDER" -> order;
            case "TRACKING" -> tracking;
            case "COMPLAINT" -> complaint;
            default -> throw new IllegalArgumentException("unknown back-office system " + system);
        };
    }

    /**
     * One HTTP peer. Credentials: {@code token} (sent as Bearer) or {@code username}/{@code password}
     * (Basic); set them from environment variables, never in a file in the repository.
     */
    public record Peer(String url, String username, String password, String token) {
        static final Peer NONE = new Peer(null, null, null, null);

        public Peer {
            url = url == null || url.isBlank() ? null : url.trim().replaceAll("/+$", "");
            token = token == null || token.isBlank() ? null : token.trim();
            username = username == null || username.isBlank() ? null : username.trim();
        }

        public boolean configured() {
            return url != null;
        }
    }

    /**
     * @param requiredFields     fields an ORDER contact must have before it is sent to the order system;
     *                           {@code contact} means an e-mail address or phone number of the customer
     * @param fieldNames         the order system's names for the hub's field names (hub name → theirs)
     * @param orderNumberPointer where the order system's answer gives the new order's number (JSON pointer)
     * @param minConfidence      fields read by OCR below this confidence count as missing
     */
    public record OrderRules(List<String> requiredFields, Map<String, String> fieldNames, String orderNumberPointer,
                             Double minConfidence) {
        public OrderRules {
            requiredFields = requiredFields == null ? List.of("contact", "pickupAddress", "deliveryAddress", "goods") : List.copyOf(requiredFields);
            fieldNames = fieldNames == null ? Map.of() : Map.copyOf(fieldNames);
            orderNumberPointer = orderNumberPointer == null || orderNumberPointer.isBlank() ? "/orderNumber" : orderNumberPointer;
            minConfidence = minConfidence == null ? 0.6 : minConfidence;
        }
    }

    /**
     * JSON pointers into the tracking system's answer for one waybill, and how many failed lookups
     * are tried before the question goes to staff.
     */
    public record TrackingRules(String statusPointer, String descriptionPointer, String locationPointer,
                                String etaPointer, Integer maxAttempts) {
        public TrackingRules {
            statusPointer = statusPointer == null ? "/status" : statusPointer;
            descriptionPointer = descriptionPointer == null ? "/description" : descriptionPointer;
            locationPointer = locationPointer == null ? "/location" : locationPointer;
            etaPointer = etaPointer == null ? "/estimatedDelivery" : etaPointer;
            maxAttempts = maxAttempts == null || maxAttempts < 1 ? 5 : maxAttempts;
        }
    }
}
