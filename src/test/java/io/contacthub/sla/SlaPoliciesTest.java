package io.contacthub.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.testsupport.HubIntegrationTest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The commitments as shipped in application.yml, on the hub's own calendar. */
class SlaPoliciesTest extends HubIntegrationTest {

    @Autowired
    SlaPolicies policies;

    @Test
    void theShippedPoliciesGiveAClassComplaintsTheShortestTargetsAndEveryTicketOne() {
        Instant fridayAfternoon = LocalDateTime.parse("2026-11-27T17:00").atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        SlaPolicies.Targets a = policies.targets("EMAIL", "COMPLAINT", "A", fridayAfternoon);
        assertThat(a.policy().name()).isEqualTo("a-class-complaints");
        assertThat(a.firstResponseDue()).isEqualTo(LocalDateTime.parse("2026-11-30T10:00").atZone(ZoneId.of("Asia/Shanghai")).toInstant());
        SlaPolicies.Targets standard = policies.targets("WEB", "GENERAL", null, fridayAfternoon);
        assertThat(standard.policy().name()).isEqualTo("standard");
        // "Within one working day": 9 working hours from Friday 17:00 is Monday 17:00.
        assertThat(standard.firstResponseDue()).isEqualTo(LocalDateTime.parse("2026-11-30T17:00").atZone(ZoneId.of("Asia/Shanghai")).toInstant());
    }
}
