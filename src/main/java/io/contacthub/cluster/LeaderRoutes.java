package io.contacthub.cluster;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel routes that only the leader runs (the mailbox pollers, the fax spool): in cluster mode they are created
 * stopped and follow {@link Leadership}; on one node they start by themselves, as any route does.
 */
public final class LeaderRoutes {

    private static final Logger log = LoggerFactory.getLogger(LeaderRoutes.class);
    /** How long a stopping poller may finish the mail or file in hand (it commits it) before it is cut off. */
    private static final long STOP_SECONDS = 10;

    private LeaderRoutes() {
    }

    /**
     * Routes made from this template from now on do not start by themselves when the single pollers are elected:
     * a node that is not leader must never poll, not even once while it starts. Call before adding the routes.
     */
    public static void createStoppedWhenElected(Leadership leadership, CamelContext camel, String templateId) {
        if (!leadership.elected()) {
            return;
        }
        camel.getCamelContextExtension().getContextPlugin(Model.class).addRouteTemplateDefinitionConverter(templateId,
                (RouteTemplateDefinition template, java.util.Map<String, Object> parameters) -> {
                    RouteDefinition route = RouteTemplateDefinition.Converter.DEFAULT_CONVERTER.apply(template, parameters);
                    route.setAutoStartup("false");
                    return route;
                });
    }

    /** When elected, starts these routes on this node while it leads and stops them when it no longer does. */
    public static void runWhileLeading(Leadership leadership, CamelContext camel, String what, List<String> routeIds) {
        if (!leadership.elected() || routeIds.isEmpty()) {
            return;
        }
        leadership.whileLeading(what, () -> routeIds.forEach(id -> start(camel, id)),
                () -> routeIds.forEach(id -> stop(camel, id)));
    }

    private static void start(CamelContext camel, String routeId) {
        try {
            camel.getRouteController().startRoute(routeId);
            log.info("{} started here (leader)", routeId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + routeId + ": " + e.getMessage(), e);
        }
    }

    private static void stop(CamelContext camel, String routeId) {
        if (!camel.getStatus().isStarted()) {
            return; // Camel is stopping anyway, and stops it
        }
        try {
            camel.getRouteController().stopRoute(routeId, STOP_SECONDS, TimeUnit.SECONDS);
            log.info("{} stopped here (no longer leader)", routeId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop " + routeId + ": " + e.getMessage(), e);
        }
    }
}
