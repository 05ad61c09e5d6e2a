package io.contacthub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/**
 * Per-route exchange metrics of the hub's Camel routes, written to Micrometer directly (Camel's
 * micrometer component is not used): {@code camel.exchanges.total}, {@code .succeeded} and
 * {@code .failed} counters, a {@code camel.route.policy} timer (tag {@code failed}), the
 * {@code camel.exchanges.inflight} gauge per route, {@code camel.routes.added} and {@code camel.routes.running}. Names, units and tags
 * ({@code camelContext}, {@code routeId}) are those camel-micrometer used, so dashboards keep working.
 * Camel's Spring Boot adds every EventNotifier bean to the context.
 */
@Component
public class CamelRouteMetrics extends EventNotifierSupport implements CamelContextAware {

    private final MeterRegistry registry;
    private final Map<String, RouteMeters> routes = new ConcurrentHashMap<>();
    private CamelContext camel;

    CamelRouteMetrics(MeterRegistry registry) {
        this.registry = registry;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        super.setCamelContext(camelContext);
        if (camelContext == null || camelContext == this.camel) {
            return; // Camel may hand the same context over twice
        }
        this.camel = camelContext;
        // Base unit "routes" as camel-micrometer had it: camel_routes_added_routes, camel_routes_running_routes.
        Gauge.builder("camel.routes.added", camelContext, c -> c.getRoutes().size())
                .baseUnit("routes")
                .tag("camelContext", camelContext.getName())
                .description("Camel routes in the context")
                .register(registry);
        Gauge.builder("camel.routes.running", camelContext,
                        c -> c.getRoutes().stream().filter(r -> c.getRouteController().getRouteStatus(r.getRouteId()) == ServiceStatus.Started).count())
                .baseUnit("routes")
                .tag("camelContext", camelContext.getName())
                .description("Camel routes that are started")
                .register(registry);
    }

    @Override
    public CamelContext getCamelContext() {
        return camel;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        String routeId = exchange.getFromRouteId();
        if (routeId == null) {
            return; // sent by a ProducerTemplate outside any route: counted by the route it reached, if any
        }
        RouteMeters meters = routes.computeIfAbsent(routeId, this::meters);
        boolean failed = event instanceof CamelEvent.ExchangeFailedEvent || exchange.isFailed();
        meters.total.increment();
        (failed ? meters.failed : meters.succeeded).increment();
        (failed ? meters.timeFailed : meters.timeSucceeded).record(exchange.getClock().elapsed(), TimeUnit.MILLISECONDS);
    }

    private RouteMeters meters(String routeId) {
        String context = camel == null ? "" : camel.getName();
        if (camel != null) {
            Gauge.builder("camel.exchanges.inflight", camel, c -> c.getInflightRepository().size(routeId))
                    .tags("camelContext", context, "routeId", routeId)
                    .description("Exchanges in flight on the route")
                    .register(registry);
        }
        return new RouteMeters(
                counter("camel.exchanges.total", context, routeId),
                counter("camel.exchanges.succeeded", context, routeId),
                counter("camel.exchanges.failed", context, routeId),
                timer(context, routeId, false),
                timer(context, routeId, true));
    }

    private Counter counter(String name, String context, String routeId) {
        return Counter.builder(name).tags("camelContext", context, "routeId", routeId).register(registry);
    }

    private Timer timer(String context, String routeId, boolean failed) {
        return Timer.builder("camel.route.policy").tags("camelContext", context, "routeId", routeId, "failed", String.valueOf(failed))
                .description("Time exchanges of the route took").register(registry);
    }

    private record RouteMeters(Counter total, Counter succeeded, Counter failed, Timer timeSucceeded, Timer timeFailed) {
    }
}
