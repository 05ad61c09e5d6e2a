package io.contacthub.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.testsupport.HubIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A mailbox that cannot be reached shows in /actuator/health and degrades the hub; working ones report their last poll. */
class MailboxHealthTest extends HubIntegrationTest {

    @Test
    void unreachableMailboxIsReportedAndTurnsHealthDegraded() {
        JsonNode health = await().atMost(Duration.ofSeconds(30)).until(
                () -> readJson(http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/actuator/health", String.class).getBody()),
                h -> h.at("/components/intakeSources/details/mailbox:unreachable/consecutiveFailures").asInt() >= 3);

        assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
        JsonNode unreachable = health.at("/components/intakeSources/details/mailbox:unreachable");
        assertThat(unreachable.path("lastSuccess").asText()).isEqualTo("never");
        assertThat(unreachable.path("lastErrorMessage").asText()).isNotBlank();
        JsonNode support = health.at("/components/intakeSources/details/mailbox:support");
        assertThat(support.path("lastSuccess").asText()).isNotEqualTo("never");
        assertThat(support.path("consecutiveFailures").asInt()).isZero();
        assertThat(health.at("/components/intakeSources/details/mailbox:orders/lastSuccess").asText()).isNotEqualTo("never");
    }
}
