package io.contacthub.web.portal;

import static io.contacthub.config.SettingsTesting.messages;
import static io.contacthub.config.SettingsTesting.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.backoffice.StatusLookupSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code hub.backoffice.status-lookups} and {@code hub.portal.follow}: shipped defaults, a bad value names its property. */
class PortalProgressSettingsTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(ProgressConfiguration.class)
            .withPropertyValues("hub.backoffice.status-lookups.cache-ttl=60s", "hub.backoffice.status-lookups.cache-size=10",
                    "hub.backoffice.status-lookups.deadline=3s", "hub.backoffice.status-lookups.order-status-pointer=/status",
                    "hub.portal.follow.session-ttl=30m", "hub.portal.follow.per-client-per-minute=10",
                    "hub.portal.follow.per-reference-per-minute=6", "hub.portal.follow.global-per-minute=600");

    @Test
    void theShippedDefaultsAreTheDocumentedOnes() {
        StatusLookupSettings lookups = shipped("hub.backoffice.status-lookups", StatusLookupSettings.class);
        assertThat(lookups.cacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(lookups.cacheSize()).isEqualTo(10_000);
        assertThat(lookups.deadline()).isEqualTo(Duration.ofSeconds(3));
        assertThat(lookups.orderStatusPointer()).isEqualTo("/status");
        FollowSettings follow = shipped("hub.portal.follow", FollowSettings.class);
        assertThat(follow.sessionTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(follow.perClientPerMinute()).isEqualTo(10);
        assertThat(follow.perReferencePerMinute()).isEqualTo(6);
        assertThat(follow.globalPerMinute()).isEqualTo(600);
    }

    @Test
    void badValuesStopStartUpNamingTheProperty() {
        hub.run(context -> assertThat(context).hasNotFailed());
        hub.withPropertyValues("hub.backoffice.status-lookups.cache-ttl=0s").run(context ->
                assertThat(messages(context.getStartupFailure())).contains("hub.backoffice.status-lookups.cache-ttl"));
        hub.withPropertyValues("hub.backoffice.status-lookups.order-status-pointer=status").run(context ->
                assertThat(messages(context.getStartupFailure())).contains("hub.backoffice.status-lookups.order-status-pointer"));
        hub.withPropertyValues("hub.portal.follow.per-client-per-minute=0").run(context ->
                assertThat(messages(context.getStartupFailure())).contains("hub.portal.follow.per-client-per-minute"));
    }

    // Not a @Configuration: component scanning of a hub started in a test must not pick it up.
    @EnableConfigurationProperties({StatusLookupSettings.class, FollowSettings.class})
    static class ProgressConfiguration {
    }
}
