package io.contacthub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code GET <order system>/orders/<number>} for someone looking at the order now (the member portal), through the
 * order system's circuit breaker. Not recorded as a hand-off: nothing is lost when it fails, the page shows the last
 * known status instead ({@link CurrentStatus}).
 */
@Component
class OrderStatusLookup {

    private static final Logger log = LoggerFactory.getLogger(OrderStatusLookup.class);
    /** As {@code GET /api/orders/{orderNumber}} accepts: nothing else is put into the order system's URL. */
    static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9-]{1,40}");

    private final BackOfficeClient client;
    private final StatusLookupSettings settings;
    private final ObjectMapper json;

    OrderStatusLookup(BackOfficeClient client, StatusLookupSettings settings, ObjectMapper json) {
        this.client = client;
        this.settings = settings;
        this.json = json;
    }

    boolean configured() {
        return client.configured("ORDER");
    }

    /** Empty when the order system is not configured, fails or gives no status; found false: it has no such order. */
    Optional<CurrentStatus.Answer> lookup(String number) {
        if (number == null || !NUMBER.matcher(number).matches() || !configured()) {
            return Optional.empty();
        }
        BackOfficeClient.Response response = client.call("ORDER",
                new HandoffType.Request("GET", "/orders/" + URLEncoder.encode(number, StandardCharsets.UTF_8), null), null);
        if (!response.answered()) {
            log.info("order {} not looked up for the portal: {}", number, response.error());
            return Optional.empty();
        }
        if (response.status() == 404) {
            return Optional.of(CurrentStatus.Answer.UNKNOWN);
        }
        if (response.status() != 200) {
            log.info("order {} not looked up for the portal: the order system answered HTTP {}", number, response.status());
            return Optional.empty();
        }
        try {
            JsonNode answer = json.readTree(response.body() == null ? "" : response.body());
            String status = answer == null ? "" : answer.at(settings.orderStatusPointer()).asText("");
            return status.isBlank() ? Optional.empty() : Optional.of(new CurrentStatus.Answer(true, status, null, null, null));
        } catch (Exception e) {
            log.info("order {}: the order system's answer is not JSON", number);
            return Optional.empty();
        }
    }
}
