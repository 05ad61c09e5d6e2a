package io.contacthub.web.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortalLimitsTest {

    @Test
    void clientOverItsBudgetPerMinuteIsRefusedWhileOthersAreNot() {
        PortalLimits limits = new PortalLimits(3, 1000);
        assertThat(limits.allow("10.0.0.1")).isTrue();
        assertThat(limits.allow("10.0.0.1")).isTrue();
        assertThat(limits.allow("10.0.0.1")).isTrue();
        assertThat(limits.allow("10.0.0.1")).isFalse();
        assertThat(limits.allow("10.0.0.2")).isTrue();
    }

    @Test
    void manyClientsTogetherAreHeldToTheGlobalBudget() {
        PortalLimits limits = new PortalLimits(3, 4);
        for (int i = 1; i <= 4; i++) {
            assertThat(limits.allow("10.0.1." + i)).isTrue();
        }
        assertThat(limits.allow("10.0.1.5")).as("a fresh address, but the portal as a whole is over budget").isFalse();
    }
}
