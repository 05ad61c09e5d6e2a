package io.contacthub.config;

import static io.contacthub.config.SettingsTesting.messages;
import static io.contacthub.config.SettingsTesting.metadata;
import static io.contacthub.config.SettingsTesting.shipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.backoffice.BackOfficeSettings;
import io.contacthub.backoffice.CircuitSettings;
import io.contacthub.notify.NotifySettings;
import io.contacthub.notify.RecipientRules;
import io.contacthub.notify.StatusChangeSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code hub.notify}, {@code hub.notify.recipients} and {@code hub.backoffice}: shipped defaults, and a bad value
 * stops the start naming its property instead of falling back to a default.
 */
class DeliverySettingsTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withUserConfiguration(DeliveryConfiguration.class)
            .withPropertyValues("hub.notify.from=support@localhost", "hub.notify.poll-delay=1s", "hub.notify.batch-size=20",
                    "hub.notify.max-backoff=5m", "hub.notify.give-up-after=24h", "hub.notify.sending-stale-after=2m",
                    "hub.notify.recipients.allowed-countries=CN,HK", "hub.notify.recipients.automatic-per-recipient=10",
                    "hub.notify.recipients.automatic-window=24h",
                    "hub.backoffice.poll-delay=2s", "hub.backoffice.batch-size=20", "hub.backoffice.max-backoff=5m",
                    "hub.backoffice.give-up-after=24h", "hub.backoffice.order-rules.required-fields=contact,goods",
                    "hub.backoffice.order-rules.order-number-pointer=/orderNumber",
                    "hub.backoffice.order-rules.min-confidence=0.6", "hub.backoffice.tracking-rules.status-pointer=/status",
                    "hub.backoffice.tracking-rules.description-pointer=/description",
                    "hub.backoffice.tracking-rules.location-pointer=/location",
                    "hub.backoffice.tracking-rules.eta-pointer=/estimatedDelivery",
                    "hub.backoffice.tracking-rules.max-attempts=5", "hub.notify.status-changes=RESOLVED",
                    "hub.backoffice.circuit-open-seconds=30");

    @Test
    void theShippedDefaultsAreTheDocumentedOnes() {
        NotifySettings notify = shipped("hub.notify", NotifySettings.class);
        assertThat(notify.from()).isEqualTo("support@localhost");
        assertThat(notify.fromName()).isEqualTo("Contact Hub");
        assertThat(notify.smtpConfigured()).isFalse();
        assertThat(notify.pollDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(notify.batchSize()).isEqualTo(20);
        assertThat(notify.maxAttempts()).as("unset: retried until give-up-after").isNull();
        assertThat(notify.sendingStaleAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(notify.maxBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(notify.giveUpAfter()).isEqualTo(Duration.ofHours(24));
        RecipientRules recipients = shipped("hub.notify.recipients", RecipientRules.class);
        assertThat(recipients.allowedCountries()).containsExactly("CN", "HK", "MO", "TW");
        assertThat(recipients.automaticPerRecipient()).isEqualTo(10);
        assertThat(recipients.automaticWindow()).isEqualTo(Duration.ofHours(24));
        BackOfficeSettings backOffice = shipped("hub.backoffice", BackOfficeSettings.class);
        assertThat(backOffice.order().configured()).isFalse();
        assertThat(backOffice.pollDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backOffice.batchSize()).isEqualTo(20);
        assertThat(backOffice.maxBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(backOffice.giveUpAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(backOffice.orderRules().requiredFields()).containsExactly("contact", "pickupAddress", "deliveryAddress", "goods");
        assertThat(backOffice.orderRules().orderNumberPointer()).isEqualTo("/orderNumber");
        assertThat(backOffice.orderRules().minConfidence()).isEqualTo(0.6);
        assertThat(backOffice.trackingRules().etaPointer()).isEqualTo("/estimatedDelivery");
        assertThat(backOffice.trackingRules().maxAttempts()).isEqualTo(5);
        assertThat(shipped("hub.backoffice", CircuitSettings.class).circuitOpenSeconds()).isEqualTo(30);
        assertThat(shipped("hub.notify", StatusChangeSettings.class).statusChanges()).containsExactly("RESOLVED");
    }

    @Test
    void aValidConfigurationStartsAndMaxAttemptsMayBeSet() {
        hub.withPropertyValues("hub.notify.max-attempts=8", "hub.notify.own-addresses=Orders@Example.com")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    NotifySettings notify = context.getBean(NotifySettings.class);
                    assertThat(notify.maxAttempts()).isEqualTo(8);
                    assertThat(notify.ownAddresses()).isEqualTo(List.of("orders@example.com"));
                    assertThat(context.getBean(BackOfficeSettings.class).orderRules().requiredFields())
                            .containsExactly("contact", "goods");
                });
    }

    @Test
    void aZeroBatchSizeStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.notify.batch-size=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.notify.batch-size", "greater than 0");
        });
        hub.withPropertyValues("hub.backoffice.batch-size=-3").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.backoffice.batch-size", "greater than 0");
        });
    }

    @Test
    void zeroMaxAttemptsOrAZeroPollDelayStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.notify.max-attempts=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("max-attempts");
        });
        hub.withPropertyValues("hub.notify.poll-delay=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.notify.poll-delay", "above zero");
        });
        hub.withPropertyValues("hub.notify.recipients.automatic-window=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.notify.recipients.automatic-window");
        });
    }

    @Test
    void aBadRuleStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.backoffice.tracking-rules.max-attempts=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.backoffice.tracking-rules.max-attempts");
        });
        hub.withPropertyValues("hub.backoffice.order-rules.min-confidence=60").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.backoffice.order-rules.min-confidence");
        });
        hub.withPropertyValues("hub.backoffice.tracking-rules.status-pointer=status").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.backoffice.tracking-rules.status-pointer");
        });
        hub.withPropertyValues("hub.notify.recipients.allowed-countries=China").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.notify.recipients.allowed-countries", "'CHINA'");
        });
    }

    @Test
    void anUnknownStatusOrAZeroCircuitPauseStopsStartUpNamingTheProperty() {
        hub.withPropertyValues("hub.notify.status-changes=resolved, DONE").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.notify.status-changes", "'DONE'");
        });
        hub.withPropertyValues("hub.backoffice.circuit-open-seconds=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("hub.backoffice.circuit-open-seconds", "greater than 0");
        });
        hub.withPropertyValues("hub.notify.status-changes=closed,Pending").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(StatusChangeSettings.class).statusChanges()).containsExactly("CLOSED", "PENDING");
        });
    }

    @Test
    void theSettingsAreInTheGeneratedMetadataForIdes() {
        assertThat(metadata()).containsKeys("hub.notify.smtp-url", "hub.notify.from", "hub.notify.batch-size",
                "hub.notify.max-attempts", "hub.notify.give-up-after", "hub.notify.sending-stale-after",
                "hub.notify.recipients.allowed-countries", "hub.notify.recipients.automatic-per-recipient",
                "hub.backoffice.poll-delay", "hub.backoffice.batch-size", "hub.backoffice.give-up-after",
                "hub.backoffice.order.url", "hub.backoffice.order-rules.min-confidence",
                "hub.backoffice.tracking-rules.max-attempts", "hub.backoffice.circuit-open-seconds",
                "hub.notify.status-changes");
    }

    // Not a @Configuration: component scanning of a hub started in a test must not pick it up.
    @EnableConfigurationProperties({NotifySettings.class, RecipientRules.class, BackOfficeSettings.class,
            StatusChangeSettings.class, CircuitSettings.class})
    static class DeliveryConfiguration {
    }
}
