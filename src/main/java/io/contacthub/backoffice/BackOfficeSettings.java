package io.contacthub.backoffice;

import io.contacthub.config.PositiveAmount;
import io.contacthub.deferred.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.backoffice.*}: where the order, tracking and complaint systems are and how hard the
 * hub tries to reach them. See config/application-backoffice.example.yml. Defaults in application.yml; a bad
 * value stops the start with the property's name. A system without a URL is not configured (hand-offs wait).
 *
 * @param pollDelay     how often each system's due hand-offs are looked for
 * @param batchSize     hand-offs per poll at most
 * @param maxBackoff    the longest wait between two attempts
 * @param giveUpAfter   an order or complaint still undelivered this long after it was recorded is
 *                      FAILED (shown to staff, replayable); until then outages are waited out
 */
@Validated
@ConfigurationProperties("hub.backoffice")
public record BackOfficeSettings(Peer order, Peer tracking, Peer complaint, @PositiveAmount Duration pollDelay,
                                 @NotNull @Positive Integer batchSize, @PositiveAmount Duration maxBackoff,
                                 @PositiveAmount Duration giveUpAfter, @Valid @NotNull OrderRules orderRules,
                                 @Valid @NotNull TrackingRules trackingRules) {

    public BackOfficeSettings {
        // An unset peer is "not configured" (its hand-offs stay QUEUED), not a bad value.
        order = order == null ? Peer.NONE : order;
        tracking = tracking == null ? Peer.NONE : tracking;
        complaint = complaint == null ? Peer.NONE : complaint;
        if (maxBackoff != null && giveUpAfter != null) {
            retryPolicy(maxBackoff, giveUpAfter); // a bad value stops the start, naming the setting
        } // a missing one is reported by its constraint, under its own name
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
        // Checked here rather than with constraints, so the message names hub.backoffice.order-rules.* (see WebSettings.Login).
        public OrderRules {
            if (requiredFields == null) {
                throw new IllegalArgumentException("hub.backoffice.order-rules.required-fields must be set (application.yml"
                        + " lists contact, pickupAddress, deliveryAddress, goods)");
            }
            requiredFields = List.copyOf(requiredFields);
            fieldNames = fieldNames == null ? Map.of() : Map.copyOf(fieldNames); // none renamed
            pointer("order-rules.order-number-pointer", orderNumberPointer);
            if (minConfidence == null || minConfidence.isNaN() || minConfidence < 0 || minConfidence > 1) {
                throw new IllegalArgumentException("hub.backoffice.order-rules.min-confidence must be between 0 and 1 (was "
                        + minConfidence + ")");
            }
        }
    }

    /**
     * JSON pointers into the tracking system's answer for one waybill, and how many failed lookups
     * are tried before the question goes to staff.
     */
    public record TrackingRules(String statusPointer, String descriptionPointer, String locationPointer,
                                String etaPointer, Integer maxAttempts) {
        public TrackingRules {
            pointer("tracking-rules.status-pointer", statusPointer);
            pointer("tracking-rules.description-pointer", descriptionPointer);
            pointer("tracking-rules.location-pointer", locationPointer);
            pointer("tracking-rules.eta-pointer", etaPointer);
            if (maxAttempts == null || maxAttempts < 1) {
                throw new IllegalArgumentException("hub.backoffice.tracking-rules.max-attempts must be at least 1 (was "
                        + maxAttempts + ")");
            }
        }
    }

    /** A JSON pointer (RFC 6901): empty (the whole answer) or starting with a slash. */
    private static void pointer(String property, String value) {
        if (value == null || !(value.isEmpty() || value.startsWith("/"))) {
            throw new IllegalArgumentException("hub.backoffice." + property + " must be a JSON pointer such as /status (was "
                    + (value == null ? null : "'" + value + "'") + ")");
        }
    }
}
