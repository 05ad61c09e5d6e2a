package io.contacthub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which doors a node of given roles refuses, for paths as the servlet container hands them over (decoded,
 * path parameters dropped, dot segments resolved; a node's real container is asked the oddly spelled forms in
 * {@link ClusterModeTest}).
 */
class NodeDoorsTest {

    private static NodeDoors node(String roles) {
        return new NodeDoors(new NodeRoles(new ClusterSettings("", List.of(roles.split(",")), "node-x", "hub", 12,
                Duration.ofSeconds(10))));
    }

    @Test
    void anIntakeOnlyNodeTakesContactsButServesNoStaffPageOrStaffApi() {
        NodeDoors intake = node("intake");
        assertThat(intake.refusedRole("/api/messages")).isNull();
        assertThat(intake.refusedRole("/api/messages/")).isNull();
        assertThat(intake.refusedRole("/twilio/sms")).isNull();
        assertThat(intake.refusedRole("/portal/message")).isNull();
        assertThat(intake.refusedRole("/webhooks/fax")).isNull();
        // One message's staff view sits below the public door and is the console's.
        assertThat(intake.refusedRole("/api/messages/42")).isEqualTo("console");
        assertThat(intake.refusedRole("/api/tickets")).isEqualTo("console");
        assertThat(intake.refusedRole("/console")).isEqualTo("console");
        assertThat(intake.refusedRole("/console/queue/rows")).isEqualTo("console");
        assertThat(intake.refusedRole("/login")).isEqualTo("console");
        assertThat(intake.refusedRole("/v3/api-docs")).isEqualTo("console");
    }

    @Test
    void aConsoleOnlyNodeServesStaffButTakesNoContact() {
        NodeDoors console = node("console");
        assertThat(console.refusedRole("/console")).isNull();
        assertThat(console.refusedRole("/api/messages/42")).isNull();
        assertThat(console.refusedRole("/api/messages")).isEqualTo("intake");
        assertThat(console.refusedRole("/twilio/voice")).isEqualTo("intake");
        assertThat(console.refusedRole("/chat/session")).isEqualTo("intake");
        assertThat(console.refusedRole("/portal")).isEqualTo("intake");
    }

    @Test
    void aWorkerNodeServesHealthAndMetricsOnly() {
        NodeDoors ocr = node("ocr,speech");
        assertThat(ocr.refusedRole("/actuator")).isNull();
        assertThat(ocr.refusedRole("/actuator/health")).isNull();
        assertThat(ocr.refusedRole("/actuator/prometheus")).isNull();
        // Only the actuator's own segment is health: a longer first segment is an ordinary path.
        assertThat(ocr.refusedRole("/actuatorx")).isNotNull();
        assertThat(ocr.refusedRole("/actuator-console")).isNotNull();
        assertThat(ocr.refusedRole("/")).isNotNull();
        assertThat(ocr.refusedRole("/css/console.css")).isNotNull();
        assertThat(ocr.refusedRole("/console")).isNotNull();
        assertThat(ocr.refusedRole("/api/messages")).isNotNull();
    }

    @Test
    void aNodeOfEveryRoleRefusesNothing() {
        NodeDoors all = node("all");
        for (String path : List.of("/", "/console", "/api/messages", "/api/messages/1", "/twilio/sms", "/actuator/health")) {
            assertThat(all.refusedRole(path)).as(path).isNull();
        }
    }
}
