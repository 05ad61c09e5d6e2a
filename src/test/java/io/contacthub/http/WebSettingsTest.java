package io.contacthub.http;

import static io.contacthub.config.SettingsTesting.messages;
import static io.contacthub.config.SettingsTesting.metadata;
import static io.contacthub.config.SettingsTesting.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code hub.web}: shipped defaults, and a bad value stops the start naming its property. */
class WebSettingsTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(WebConfiguration.class)
            .withPropertyValues("hub.web.max-body-bytes=65536", "hub.web.rate-limit-per-minute=60",
                    "hub.web.global-rate-limit-per-minute=1200", "hub.web.trusted-proxies=",
                    "hub.web.forwarded-header=X-Forwarded-For", "hub.web.login.free-attempts=5",
                    "hub.web.login.address-free-attempts=20", "hub.web.login.account-free-attempts=20",
                    "hub.web.login.first-delay=30s", "hub.web.login.max-delay=15m", "hub.web.login.forget-after=24h",
                    "hub.web.login.known-address-for=30d");

    @Test
    void theShippedDefaultsBind() {
        WebSettings shipped = shipped("hub.web", WebSettings.class);
        assertThat(shipped.maxBodyBytesInt()).isEqualTo(65536);
        assertThat(shipped.rateLimitPerMinute()).isEqualTo(60);
        assertThat(shipped.globalRateLimitPerMinute()).isEqualTo(1200);
        assertThat(shipped.trustedProxies()).isEmpty();
        assertThat(shipped.forwardedHeader()).isEqualTo("X-Forwarded-For");
        assertThat(shipped.login().freeAttempts()).isEqualTo(5);
        assertThat(shipped.login().addressFreeAttempts()).isEqualTo(20);
        assertThat(shipped.login().accountFreeAttempts()).isEqualTo(20);
        assertThat(shipped.login().firstDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(shipped.login().maxDelay()).isEqualTo(Duration.ofMinutes(15));
        assertThat(shipped.login().forgetAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(shipped.login().knownAddressFor()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aValidConfigurationStartsWithCommaSeparatedProxies() {
        hub.withPropertyValues("hub.web.trusted-proxies=10.0.0.0/8, 192.168.1.5", "hub.web.forwarded-header=Forwarded")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(WebSettings.class).trustedProxies()).containsExactly("10.0.0.0/8", "192.168.1.5");
                });
    }

    @Test
    void aZeroRateLimitStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.web.rate-limit-per-minute=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.web.rate-limit-per-minute", "greater than 0");
        });
    }

    @Test
    void anUnknownForwardedHeaderStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.web.forwarded-header=X-Real-IP").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.web.forwarded-header", "X-Forwarded-For or Forwarded");
        });
    }

    @Test
    void aProxyGivenByHostNameStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.web.trusted-proxies=10.0.0.1,proxy.internal").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.web.trusted-proxies[1]", "proxy.internal");
        });
    }

    @Test
    void aBadLoginSettingStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.web.login.first-delay=-5s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.web.login.first-delay must be a positive duration");
        });
        hub.withPropertyValues("hub.web.login.free-attempts=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.web.login.free-attempts must be at least 1");
        });
        hub.withPropertyValues("hub.web.login.max-delay=10s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.web.login.max-delay must be at least hub.web.login.first-delay");
        });
    }

    @Test
    void theSettingsAreInTheGeneratedMetadataForIdes() {
        assertThat(metadata()).containsKeys("hub.web.max-body-bytes", "hub.web.rate-limit-per-minute",
                "hub.web.global-rate-limit-per-minute", "hub.web.trusted-proxies", "hub.web.forwarded-header",
                "hub.web.login.free-attempts", "hub.web.login.address-free-attempts", "hub.web.login.account-free-attempts",
                "hub.web.login.first-delay", "hub.web.login.max-delay", "hub.web.login.forget-after",
                "hub.web.login.known-address-for");
    }

    // Not a @Configuration: component scanning of a hub started in a test must not pick it up.
    @EnableConfigurationProperties(WebSettings.class)
    static class WebConfiguration {
    }
}
