package io.contacthub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.testsupport.HubIntegrationTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Staff see each Camel route's exchanges, failures, time and in-flight count in /actuator/prometheus. */
class CamelRouteMetricsTest extends HubIntegrationTest {

    @Test
    void routeMetricsAreInPrometheus() {
        // The back-office pollers are timer routes that complete an exchange every 200 ms in tests.
        String metrics = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/actuator/prometheus", String.class).getBody(),
                        body -> body != null && body.contains("routeId=\"backoffice-order-dispatch\""));
        assertThat(metrics).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"backoffice-order-dispatch\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("camel_exchanges_succeeded_total\\{[^}]*routeId=\"backoffice-order-dispatch\"");
        assertThat(metrics).containsPattern("camel_route_policy_seconds_count\\{[^}]*failed=\"false\"[^}]*routeId=\"backoffice-order-dispatch\"");
        assertThat(metrics).containsPattern("camel_exchanges_inflight\\{[^}]*routeId=\"backoffice-order-dispatch\"");
        assertThat(metrics).containsPattern("camel_routes_running_routes\\{[^}]*} [1-9]");
        assertThat(metrics).containsPattern("camel_routes_added_routes\\{[^}]*} [1-9]");
    }
}
