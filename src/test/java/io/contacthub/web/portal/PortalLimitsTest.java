package io.contacthub.web.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortalLimitsTest {

    @Test
    void clientOverItsBudgetPerMinuteIsRefusedWhileOthersAreNot() {
        PortalLimits limits = new PortalLimits(3);
        assertThat(limits.allow("10.0.0.1")).isTrue();
        assertThat(limits.allow("10.0.0.1")).isTrue();
        assertThat(limits.allow("10.0.0.1")).isTrue();
        assertThat(limits.allow("10.0.0.1")).isFalse();
        assertThat(limits.allow("10.0.0.2")).isTrue();
    }
}
