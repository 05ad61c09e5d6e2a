package io.contacthub.standing;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.standing.*} (defaults in application.yml): how customers are classed and graded. A bad value stops the
 * start with the property's name.
 *
 * @param window             the rolling window business volume and credit are counted over, e.g. {@code 90d}
 * @param classAShare        A: the customers making up this first share of the volume (0.70)
 * @param classBShare        B: the next share (0.20); C: the rest, and customers without volume
 * @param volume             {@code orders}: volume is the number of orders placed; {@code value}: their value as
 *                           the order system answered it ({@code order-value-pointer})
 * @param orderValuePointer  where the order system's answer to a new order gives its value (JSON pointer); empty: none
 * @param orderCreditPointer where the order system's answer gives the customer's credit (GOOD, FAIR or POOR);
 *                           empty: credit always comes from {@code credit-rule}
 * @param poorCreditDowngrade a customer of POOR credit is put one class lower (A → B, B → C)
 * @param schedule           when the classes are recomputed (a Spring cron expression); "-" never (on demand only)
 * @param creditRule         the rule credit is computed by when the order system gives none
 */
@Validated
@ConfigurationProperties("hub.standing")
public record StandingSettings(@PositiveAmount Duration window,
                               @NotNull @DecimalMin("0.01") @DecimalMax("1.0") Double classAShare,
                               @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double classBShare,
                               @NotNull @Pattern(regexp = "orders|value", message = "must be orders or value") String volume,
                               String orderValuePointer, String orderCreditPointer, boolean poorCreditDowngrade,
                               @NotBlank String schedule, @Valid @NotNull CreditRule creditRule) {

    public StandingSettings {
        orderValuePointer = orderValuePointer == null ? "" : orderValuePointer.trim();
        orderCreditPointer = orderCreditPointer == null ? "" : orderCreditPointer.trim();
        for (String[] p : new String[][] {{"order-value-pointer", orderValuePointer}, {"order-credit-pointer", orderCreditPointer}}) {
            if (!p[1].isEmpty() && !p[1].matches("(/[A-Za-z0-9_\\-]+)+")) {
                throw new IllegalArgumentException("hub.standing." + p[0] + " must be a JSON pointer such as /orderValue, not " + p[1]);
            }
        }
        if (classAShare != null && classBShare != null && classAShare + classBShare > 1.0) {
            throw new IllegalArgumentException("hub.standing.class-a-share + class-b-share must be at most 1");
        }
        if ("value".equals(volume) && orderValuePointer.isEmpty()) {
            throw new IllegalArgumentException("hub.standing.volume: value needs hub.standing.order-value-pointer");
        }
    }

    /**
     * score = base + min(completed orders × per-completed-order, max-order-bonus) − refused orders × per-refused-order
     * − customer-caused complaints × per-customer-complaint − compensation paid ÷ compensation-per-point;
     * GOOD from {@code good-from}, FAIR from {@code fair-from}, POOR below.
     */
    public record CreditRule(@NotNull Integer base, @NotNull Integer perCompletedOrder, @NotNull Integer maxOrderBonus,
                             @NotNull Integer perRefusedOrder, @NotNull Integer perCustomerComplaint,
                             @NotNull @DecimalMin("0.01") Double compensationPerPoint, @NotNull Integer goodFrom,
                             @NotNull Integer fairFrom) {
    }

    /** The pointer as a PostgreSQL path ({@code /a/b} → {@code {a,b}}). */
    static String path(String pointer) {
        return "{" + pointer.substring(1).replace('/', ',') + "}";
    }
}
