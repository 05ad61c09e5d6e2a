package io.contacthub.channel.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The web form / API message. Either an e-mail or a phone number is needed to answer the customer;
 * an order form adds its {@code fields}.
 */
public record WebMessageRequest(
        @Size(max = 200, message = "must be at most 200 characters") String name,
        @Email(message = "is not a valid e-mail address") @Size(max = 254, message = "must be at most 254 characters") String email,
        @Size(max = 40, message = "must be at most 40 characters") String phone,
        @NotBlank(message = "is required") @Size(max = 300, message = "must be at most 300 characters") String subject,
        @NotBlank(message = "is required") @Size(max = 20000, message = "must be at most 20000 characters") String body,
        @Pattern(regexp = "^[A-Za-z0-9-]{4,40}$", message = "must be 4-40 letters, digits or dashes") String orderNumber,
        @Pattern(regexp = "^[A-Za-z0-9-]{6,40}$", message = "must be 6-40 letters, digits or dashes") String waybillNumber,
        @Size(max = 30, message = "must have at most 30 entries") java.util.Map<String, String> fields) {

    /**
     * Structured fields of a web order form (pickupAddress, deliveryAddress, goods, pieces, weight,
     * requestedDate, contactName, company...): the order system receives them as typed.
     */
    @AssertTrue(message = "field names are 1-40 letters or digits, values at most 1000 characters")
    @Schema(hidden = true) // a check, not a field of the request
    public boolean isFieldsWellFormed() {
        return fields == null || fields.entrySet().stream().allMatch(e -> e.getKey() != null
                && e.getKey().matches("[A-Za-z][A-Za-z0-9]{0,39}") && (e.getValue() == null || e.getValue().length() <= 1000));
    }

    @AssertTrue(message = "give an e-mail address or a phone number so we can answer you")
    @Schema(hidden = true)
    public boolean isReachable() {
        return (email != null && !email.isBlank()) || (phone != null && !phone.isBlank());
    }
}
