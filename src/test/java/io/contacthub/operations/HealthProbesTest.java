package io.contacthub.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.testsupport.HubProcess;
import io.contacthub.testsupport.HubProcess.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * What a load balancer or Kubernetes reads from the hub: 503 whenever the hub cannot serve (database
 * gone, Camel not started yet, shutting down), 200 while it serves, even degraded, with the reason.
 */
class HealthProbesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * With the database gone (or no staff account yet) nobody can sign in, so these hubs show health
     * details to anyone, as an operator may choose to; the default shows them to staff only.
     */
    private static HubProcess hubShowingDetails() {
        return new HubProcess().set("management.endpoint.health.show-details", "always")
                .set("management.endpoint.health.show-components", "always");
    }

    @Test
    void missingTesseractIsDegraded200WithTheReasonAndAStoppedDatabaseIs503() throws Exception {
        EmbeddedPostgres database = EmbeddedPostgres.builder().start();
        try (HubProcess hub = hubShowingDetails()
                .set("hub.db.url", database.getJdbcUrl("postgres", "postgres"))
                .set("hub.db.user", "postgres")
                .set("hub.ocr.tesseract", "/nonexistent/bin/tesseract")
                .start()) {
            Response health = hub.get("/actuator/health");
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            JsonNode body = json(health);
            assertThat(body.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(body.path("description").asText()).contains("OCR unavailable").contains("/nonexistent/bin/tesseract");
            assertThat(body.at("/components/ocr/status").asText()).isEqualTo("DEGRADED");
            assertThat(body.at("/components/ocr/details/reason").asText()).contains("/nonexistent/bin/tesseract");
            // Degraded OCR does not take the node out of the load balancer.
            Response readiness = hub.get("/actuator/health/readiness");
            assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
            assertThat(json(readiness).path("status").asText()).isEqualTo("UP");
            assertThat(hub.get("/actuator/health/liveness").status()).isEqualTo(200);

            database.close();

            // Asked at once: each answer waits for the connection pool to give up on the database.
            CompletableFuture<Response> whileDown = CompletableFuture.supplyAsync(() -> hub.get("/actuator/health"));
            CompletableFuture<Response> readinessWhileDown = CompletableFuture.supplyAsync(() -> hub.get("/actuator/health/readiness"));
            Response down = whileDown.get(90, TimeUnit.SECONDS);
            assertThat(down.status()).as(down.body()).isEqualTo(503);
            assertThat(json(down).path("status").asText()).isEqualTo("DOWN");
            assertThat(json(down).at("/components/db/status").asText()).isEqualTo("DOWN");
            Response notReady = readinessWhileDown.get(90, TimeUnit.SECONDS);
            assertThat(notReady.status()).as(notReady.body()).isEqualTo(503);
            assertThat(json(notReady).path("status").asText()).isEqualTo("DOWN");
            // A restart would not bring the database back: liveness stays up.
            assertThat(hub.get("/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            database.close();
        }
    }

    @Test
    void healthIs503UntilCamelRoutesRunAndReadinessTurnsOutOfServiceBeforeRoutesStop() throws Exception {
        CountDownLatch camelMayStart = new CountDownLatch(1);
        CountDownLatch camelWaiting = new CountDownLatch(1);
        List<String> timeline = new CopyOnWriteArrayList<>();
        List<Response> readinessAtShutdown = new CopyOnWriteArrayList<>();
        HubProcess hub = hubShowingDetails();
        hub.bean("holdCamelBack", new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                camelContext.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
                    @Override
                    public void notify(CamelEvent event) {
                        if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                            ReadinessState state = hub.bean(ApplicationAvailability.class).getReadinessState();
                            timeline.add("camel stopping, readiness " + state);
                        }
                    }
                });
                camelWaiting.countDown();
                try {
                    camelMayStart.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
            }
        });
        hub.listener((ApplicationListener<ContextClosedEvent>) event -> {
            CamelContext camel = event.getApplicationContext().getBean(CamelContext.class);
            boolean routesRunning = camel.getRoutes().stream()
                    .allMatch(r -> camel.getRouteController().getRouteStatus(r.getRouteId()) == ServiceStatus.Started);
            // A probe arriving now, while the web server still answers.
            readinessAtShutdown.add(HubProcess.get(hub.port(), "/actuator/health/readiness", false));
            timeline.add("closing, routes all running " + routesRunning);
        });
        CompletableFuture<?> started = hub.startInBackground();
        try {
            assertThat(camelWaiting.await(120, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.port() > 0);

            // The web server answers, Camel has not started: nobody may be told the hub is fine.
            Response health = hub.get("/actuator/health");
            assertThat(health.status()).as(health.body()).isEqualTo(503);
            assertThat(json(health).path("status").asText()).isEqualTo("DOWN");
            assertThat(json(health).at("/components/camelRoutes/status").asText()).isEqualTo("DOWN");
            assertThat(json(health).at("/components/camelRoutes/details/reason").asText()).contains("routes are not running");
            Response readiness = hub.get("/actuator/health/readiness");
            assertThat(readiness.status()).as(readiness.body()).isEqualTo(503);

            camelMayStart.countDown();
            started.get(120, TimeUnit.SECONDS);
            Response ready = hub.get("/actuator/health/readiness");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            JsonNode readyBody = json(ready);
            assertThat(readyBody.path("status").asText()).isEqualTo("UP");
            assertThat(readyBody.path("components").fieldNames()).toIterable()
                    .containsExactlyInAnyOrder("readinessState", "db", "schema", "camelRoutes", "staffAccounts");
            assertThat(readyBody.at("/components/schema/details/version").asText()).isNotBlank();
        } finally {
            camelMayStart.countDown();
            hub.close();
        }

        assertThat(readinessAtShutdown).hasSize(1);
        Response atShutdown = readinessAtShutdown.get(0);
        assertThat(atShutdown.status()).as(atShutdown.body()).isEqualTo(503);
        assertThat(JSON.readTree(atShutdown.body()).path("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(timeline).containsExactly("closing, routes all running true", "camel stopping, readiness REFUSING_TRAFFIC");
    }

    private static JsonNode json(Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON (" + response.status() + "): " + response.body(), e);
        }
    }
}
