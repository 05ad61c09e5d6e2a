package io.contacthub.backoffice.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.backoffice.BackOfficeClient;
import io.contacthub.backoffice.BackOfficeSettings;
import io.contacthub.backoffice.HandoffType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks the tracking system about one waybill while someone waits (a caller in the IVR), within a
 * deadline. Not recorded as a hand-off: nothing is lost when it fails, the caller's question is
 * recorded by the voice channel and answered later like any other.
 */
@Component
public class WaybillStatusLookup {

    private static final Logger log = LoggerFactory.getLogger(WaybillStatusLookup.class);

    private final BackOfficeClient client;
    private final BackOfficeSettings.TrackingRules rules;
    private final ObjectMapper json;

    WaybillStatusLookup(BackOfficeClient client, BackOfficeSettings settings, ObjectMapper json) {
        this.client = client;
        this.rules = settings.trackingRules();
        this.json = json;
    }

    /** {@code found} false: the tracking system does not know the waybill. */
    public record Status(boolean found, String status, String description, String location, String eta) {
    }

    /** Empty when the tracking system is not configured, fails, or does not answer within the deadline. */
    public Optional<Status> lookupNow(String waybill, Duration deadline) {
        if (waybill == null || waybill.isBlank() || !client.configured("TRACKING")) {
            return Optional.empty();
        }
        HandoffType.Request request = new HandoffType.Request("GET",
                "/waybills/" + URLEncoder.encode(waybill, StandardCharsets.UTF_8), null);
        try {
            BackOfficeClient.Response response = CompletableFuture.supplyAsync(() -> client.call("TRACKING", request, null))
                    .get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (!response.answered()) {
                log.info("waybill {} not looked up while the caller waited: {}", waybill, response.error());
                return Optional.empty();
            }
            if (response.status() == 404) {
                return Optional.of(new Status(false, null, null, null, null));
            }
            if (response.status() != 200) {
                return Optional.empty();
            }
            JsonNode answer = json.readTree(response.body() == null ? "" : response.body());
            String status = answer == null ? "" : answer.at(rules.statusPointer()).asText("");
            if (status.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Status(true, status, text(answer, rules.descriptionPointer()),
                    text(answer, rules.locationPointer()), text(answer, rules.etaPointer())));
        } catch (java.util.concurrent.TimeoutException e) {
            log.info("waybill {}: the tracking system did not answer within {} while the caller waited", waybill, deadline);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            log.info("waybill {} not looked up while the caller waited: {}", waybill, e.toString());
            return Optional.empty();
        }
    }

    private static String text(JsonNode answer, String pointer) {
        String s = answer.at(pointer).asText("");
        return s.isBlank() ? null : s;
    }
}
