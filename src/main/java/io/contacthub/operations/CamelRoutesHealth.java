package io.contacthub.operations;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code camelRoutes}: UP only when the Camel context has started and every route that starts by
 * itself is running. While Camel is still starting (loading routes, the first ~seconds after the
 * web server answers) it is DOWN, so neither {@code /actuator/health} nor the readiness probe says
 * the hub is ready before it can process anything.
 */
@Component("camelRoutesHealthIndicator") // shown as "camelRoutes"
class CamelRoutesHealth implements HealthIndicator {

    private final CamelContext camel;

    CamelRoutesHealth(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public Health health() {
        ServiceStatus context = camel.getStatus();
        if (!context.isStarted()) {
            return Health.down().withDetail("context", context.name())
                    .withDetail("reason", "Camel is " + context.name().toLowerCase() + ": routes are not running").build();
        }
        List<String> notRunning = new ArrayList<>();
        int running = 0;
        for (Route route : camel.getRoutes()) {
            ServiceStatus status = camel.getRouteController().getRouteStatus(route.getRouteId());
            if (status != null && status.isStarted()) {
                running++;
            } else if (!Boolean.FALSE.equals(route.isAutoStartup())) {
                notRunning.add(route.getRouteId() + " (" + (status == null ? "unknown" : status.name()) + ")");
            }
        }
        Health.Builder health = notRunning.isEmpty() ? Health.up() : Health.down()
                .withDetail("reason", "routes not running: " + String.join(", ", notRunning));
        return health.withDetail("context", context.name()).withDetail("runningRoutes", running).build();
    }
}
