package io.contacthub.config;

import static io.contacthub.config.SettingsTesting.messages;
import static io.contacthub.config.SettingsTesting.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.ticket.QueueSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code hub.queue}: the shipped "breaching soon" window, and a window that is no time stops the start naming it. */
class QueueSettingsTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(QueueConfiguration.class)
            .withPropertyValues("hub.queue.breaching-soon=2h");

    @Test
    void breachingSoonIsTwoHoursUnlessSet() {
        assertThat(shipped("hub.queue", QueueSettings.class).breachingSoon()).isEqualTo(Duration.ofHours(2));
        hub.withPropertyValues("hub.queue.breaching-soon=30m").run(context ->
                assertThat(context.getBean(QueueSettings.class).breachingSoon()).isEqualTo(Duration.ofMinutes(30)));
    }

    @Test
    void aWindowOfNoTimeStopsStartUpNamingTheProperty() {
        for (String bad : new String[] {"0s", "-1h"}) {
            hub.withPropertyValues("hub.queue.breaching-soon=" + bad).run(context -> {
                assertThat(context).hasFailed();
                assertThat(messages(context.getStartupFailure())).contains("hub.queue.breaching-soon");
            });
        }
    }

    @EnableConfigurationProperties(QueueSettings.class)
    static class QueueConfiguration {
    }
}
