package io.contacthub.cluster;

import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Removes the routes of roles this node does not run, right after Camel starts: on a node without the notify
 * role the outbox and back-office dispatchers (timer routes whose first tick is seconds later) never send. The
 * dispatchers claim their rows with {@code for update skip locked}, so any number of notify nodes is safe.
 */
@Component
class RoutesByRole implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RoutesByRole.class);

    /** Route id prefixes of each role's own routes (routes/outbound/*.yaml). */
    static final Map<Role, List<String>> ROUTES = Map.of(Role.NOTIFY, List.of("notify-", "backoffice-"));

    private final NodeRoles node;

    RoutesByRole(NodeRoles node) {
        this.node = node;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        for (Map.Entry<Role, List<String>> role : ROUTES.entrySet()) {
            if (node.runs(role.getKey())) {
                continue;
            }
            for (Route route : List.copyOf(camelContext.getRoutes())) {
                if (role.getValue().stream().anyMatch(route.getRouteId()::startsWith)) {
                    remove(camelContext, route.getRouteId(), role.getKey());
                }
            }
        }
    }

    private void remove(CamelContext camel, String routeId, Role role) {
        try {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
            log.info("route {} not run on node {}: its role {} is not among {}", routeId, node.nodeId(), role, node.roles());
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop route " + routeId + " (role " + role + "): " + e.getMessage(), e);
        }
    }
}
