package io.contacthub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.testsupport.HubIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.junit.jupiter.api.Test;

/** Staff endpoints refuse anyone who has not signed in; health stays public. */
class StaffApiSecurityTest extends HubIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/tickets", "/api/tickets/CH-000001", "/api/messages", "/api/messages/1",
            "/api/messages/1/raw", "/api/attachments/1", "/actuator/prometheus"})
    void anonymousStaffReadsAreRefused(String path) {
        assertThat(http.getForEntity(path, String.class).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void anonymousReplayIsRefused() {
        ResponseEntity<String> response = http.exchange("/api/messages/1/replay", HttpMethod.POST, HttpEntity.EMPTY, String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThat(http.withBasicAuth("admin", "guess").getForEntity("/api/tickets", String.class).getStatusCode().value())
                .isEqualTo(401);
    }

    @Test
    void adminWithThePasswordFromTheEnvironmentGetsIn() {
        assertThat(http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/api/tickets", String.class).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void healthIsPublic() {
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void supervisorsSeeIntakeCountsInPrometheusMetrics() {
        postMessage("""
                {"email": "metrics@example.com", "subject": "count me", "body": "hello"}""", null);
        ResponseEntity<String> metrics = http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/actuator/prometheus", String.class);
        assertThat(metrics.getStatusCode().value()).isEqualTo(200);
        assertThat(metrics.getBody()).contains("hub_intake_messages_total{channel=\"WEB\",status=\"PROCESSED\"}");
    }

    @Test
    void replayingAMessageThatDidNotFailIsAConflict() {
        long id = readJson(postMessage("""
                {"email": "fine@example.com", "subject": "ok", "body": "fine"}""", null).getBody()).path("messageId").asLong();
        assertThat(staffPost("/api/messages/" + id + "/replay").getStatusCode().value()).isEqualTo(409);
    }
}
