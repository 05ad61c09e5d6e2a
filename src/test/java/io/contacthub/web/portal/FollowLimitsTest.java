package io.contacthub.web.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FollowLimitsTest {

    @Test
    void oneClientTryingManyReferencesIsStoppedAtItsBudget() {
        FollowLimits limits = new FollowLimits(3, 100, 1000);
        assertThat(limits.allow("203.0.113.9", "CH-000001")).isTrue();
        assertThat(limits.allow("203.0.113.9", "CH-000002")).isTrue();
        assertThat(limits.allow("203.0.113.9", "CH-000003")).isTrue();
        assertThat(limits.allow("203.0.113.9", "CH-000004")).isFalse();
        assertThat(limits.allowGuess("203.0.113.9")).as("nor try codes").isFalse();
        assertThat(limits.allow("198.51.100.7", "CH-000004")).as("another client still may").isTrue();
    }

    @Test
    void manyClientsAskingAboutOneReferenceAreStoppedAtTheReferencesBudget() {
        FollowLimits limits = new FollowLimits(100, 2, 1000);
        assertThat(limits.allow("203.0.113.1", "CH-000042")).isTrue();
        assertThat(limits.allow("203.0.113.2", "CH-000042")).isTrue();
        assertThat(limits.allow("203.0.113.3", "CH-000042")).isFalse();
        assertThat(limits.allow("203.0.113.3", "CH-000043")).isTrue();
    }
}
