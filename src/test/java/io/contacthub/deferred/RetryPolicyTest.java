package io.contacthub.deferred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.backoffice.BackOfficeSettings;
import io.contacthub.notify.NotifySettings;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The one back-off rule and each kind's horizon, as the shipped defaults set them. */
class RetryPolicyTest {

    private static final OffsetDateTime QUEUED = OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC);

    private final RetryPolicy notifications = notifySettings(null, null, null).retryPolicy();
    private final RetryPolicy handoffs = backOfficeSettings(null, null).retryPolicy();

    @Test
    void theWaitDoublesFromTwoSecondsUpToTheCap() {
        assertThat(notifications.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(notifications.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(notifications.delayAfter(7)).isEqualTo(Duration.ofSeconds(128));
        assertThat(notifications.delayAfter(8)).isEqualTo(Duration.ofSeconds(256));
        assertThat(notifications.delayAfter(9)).as("2^9 s is over the 5 min cap").isEqualTo(Duration.ofMinutes(5));
        assertThat(notifications.delayAfter(62)).as("no overflow however many attempts").isEqualTo(Duration.ofMinutes(5));
        assertThat(notifySettings(Duration.ofHours(1), null, null).retryPolicy().delayAfter(11))
                .isEqualTo(Duration.ofSeconds(2048));
        assertThat(notifySettings(Duration.ofHours(1), null, null).retryPolicy().delayAfter(12)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void notificationsAndHandoffsShareTheRuleAndTheirDefaultHorizonIsADay() {
        for (int attempts = 1; attempts < 40; attempts++) {
            assertThat(notifications.delayAfter(attempts)).as("attempt " + attempts).isEqualTo(handoffs.delayAfter(attempts));
        }
        assertThat(notifications.giveUpAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(handoffs.giveUpAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(notifications.maxAttempts()).as("no limit by count unless set").isNull();
    }

    @Test
    void aNotificationFailingForTenMinutesIsStillRetriedWhereEightAttemptsUsedToEndIt() {
        // The old rule's eighth and last attempt came 254 s after the first (2+4+...+128 s of waits).
        OffsetDateTime eighth = QUEUED.plusSeconds(254);
        assertThat(notifications.afterFailure(8, QUEUED, eighth).retries()).isTrue();
        RetryPolicy.Decision tenMinutes = notifications.afterFailure(9, QUEUED, QUEUED.plusMinutes(10));
        assertThat(tenMinutes.retries()).isTrue();
        assertThat(tenMinutes.retryAt()).isEqualTo(QUEUED.plusMinutes(15));
    }

    @Test
    void retriesEndAtTheHorizonCountedFromWhenTheRoundBegan() {
        RetryPolicy.Decision justBefore = notifications.afterFailure(290, QUEUED, QUEUED.plusHours(24).minusSeconds(1));
        assertThat(justBefore.retries()).isTrue();
        assertThat(justBefore.delay()).isEqualTo(Duration.ofMinutes(5));

        RetryPolicy.Decision atTheHorizon = notifications.afterFailure(291, QUEUED, QUEUED.plusHours(24));
        assertThat(atTheHorizon.retries()).isFalse();
        assertThat(atTheHorizon.gaveUp()).isEqualTo("gave up after 24h (291 attempts)");

        // A hand-off replayed by staff counts its day from the replay.
        OffsetDateTime replayed = QUEUED.plusDays(3);
        assertThat(handoffs.afterFailure(1, replayed, replayed.plusHours(23)).retries()).isTrue();
        assertThat(backOfficeSettings(null, Duration.ofHours(2)).retryPolicy().afterFailure(1, replayed, replayed.plusHours(2))
                .gaveUp()).isEqualTo("gave up after 2h (1 attempt)");
    }

    @Test
    void aLimitByCountEndsRetriesEarlierWhenAKindOrTheOperatorSetsOne() {
        RetryPolicy explicit = notifySettings(null, null, 8).retryPolicy();
        assertThat(explicit.afterFailure(7, QUEUED, QUEUED.plusSeconds(126)).retries()).isTrue();
        assertThat(explicit.afterFailure(8, QUEUED, QUEUED.plusSeconds(254)).gaveUp()).isEqualTo("gave up after 8 attempts");

        RetryPolicy lookups = handoffs.withMaxAttempts(5); // tracking-rules.max-attempts
        assertThat(lookups.afterFailure(4, QUEUED, QUEUED.plusSeconds(30)).retries()).isTrue();
        assertThat(lookups.afterFailure(5, QUEUED, QUEUED.plusSeconds(30)).gaveUp()).isEqualTo("gave up after 5 attempts");
    }

    @Test
    void nonsenseSettingsStopTheStartNamingTheSetting() {
        assertThatThrownBy(() -> notifySettings(Duration.ZERO, null, null)).hasMessageContaining("hub.notify")
                .hasMessageContaining("back-off");
        assertThatThrownBy(() -> notifySettings(null, Duration.ofHours(-1), null)).hasMessageContaining("hub.notify")
                .hasMessageContaining("give-up-after");
        assertThatThrownBy(() -> notifySettings(null, null, 0)).hasMessageContaining("hub.notify")
                .hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> backOfficeSettings(null, Duration.ZERO)).hasMessageContaining("hub.backoffice")
                .hasMessageContaining("give-up-after");
    }

    private static NotifySettings notifySettings(Duration maxBackoff, Duration giveUpAfter, Integer maxAttempts) {
        return new NotifySettings(null, "support@localhost", null, null, Duration.ofSeconds(1), 20, maxAttempts,
                Duration.ofMinutes(2), maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff,
                giveUpAfter == null ? Duration.ofHours(24) : giveUpAfter);
    }

    private static BackOfficeSettings backOfficeSettings(Duration maxBackoff, Duration giveUpAfter) {
        return new BackOfficeSettings(null, null, null, Duration.ofSeconds(2), 20,
                maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff, giveUpAfter == null ? Duration.ofHours(24) : giveUpAfter,
                null, null);
    }
}
