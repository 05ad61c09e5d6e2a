package io.contacthub.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The portal's live status: asked when the page opens, reused briefly, the last answer kept for outages. */
class CurrentStatusTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T01:00:00Z"));
    private final List<String> asked = new ArrayList<>();
    private final AtomicReference<Optional<CurrentStatus.Answer>> tracking = new AtomicReference<>();
    private final CurrentStatus status = new CurrentStatus(n -> {
        synchronized (asked) {
            asked.add(n);
        }
        return tracking.get();
    }, n -> Optional.empty(), new StatusLookupSettings(Duration.ofSeconds(60), 100, Duration.ofSeconds(2), "/status"), clock);

    @Test
    void anAnswerIsReusedWithinTheTtlAndAskedAgainAfterIt() {
        tracking.set(Optional.of(new CurrentStatus.Answer(true, "IN_TRANSIT", null, "Shanghai", null)));
        CurrentStatus.Known first = status.waybills(List.of("SF1")).get("SF1");
        assertThat(first.answer().status()).isEqualTo("IN_TRANSIT");
        assertThat(first.fresh()).isTrue();
        assertThat(first.obtainedAt()).isEqualTo(clock.instant());

        tracking.set(Optional.of(new CurrentStatus.Answer(true, "DELIVERED", null, null, null)));
        clock.move(Duration.ofSeconds(30));
        assertThat(status.waybills(List.of("SF1")).get("SF1").answer().status()).isEqualTo("IN_TRANSIT");
        assertThat(asked).containsExactly("SF1");

        clock.move(Duration.ofSeconds(31));
        CurrentStatus.Known later = status.waybills(List.of("SF1")).get("SF1");
        assertThat(later.answer().status()).isEqualTo("DELIVERED");
        assertThat(later.obtainedAt()).isEqualTo(clock.instant());
        assertThat(asked).containsExactly("SF1", "SF1");
    }

    @Test
    void whenTheSystemIsDownTheLastAnswerIsGivenWithItsTimeAndMarkedNotFresh() {
        tracking.set(Optional.of(new CurrentStatus.Answer(true, "IN_TRANSIT", null, null, null)));
        Instant answeredAt = clock.instant();
        status.waybills(List.of("SF2"));
        tracking.set(Optional.empty()); // down, open circuit, too slow
        clock.move(Duration.ofMinutes(5));

        Map<String, CurrentStatus.Known> now = status.waybills(List.of("SF2", "SF3"));
        assertThat(now.get("SF2").answer().status()).isEqualTo("IN_TRANSIT");
        assertThat(now.get("SF2").obtainedAt()).isEqualTo(answeredAt);
        assertThat(now.get("SF2").fresh()).isFalse();
        assertThat(now).as("never answered, not answering now").doesNotContainKey("SF3");
    }

    @Test
    void aLookupSlowerThanTheDeadlineDoesNotHoldThePageAndItsLateAnswerServesTheNextOne() {
        CountDownLatch systemAnswers = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        CurrentStatus slow = new CurrentStatus(n -> {
            if (calls.incrementAndGet() > 1) {
                return Optional.empty(); // later asks fail: only the late first answer can fill the page
            }
            try {
                systemAnswers.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(new CurrentStatus.Answer(true, "OUT_FOR_DELIVERY", null, null, null));
        }, n -> Optional.empty(), new StatusLookupSettings(Duration.ofSeconds(60), 100, Duration.ofMillis(200), "/status"),
                Clock.systemUTC());
        assertThat(slow.waybills(List.of("SF4"))).isEmpty();

        systemAnswers.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> slow.waybills(List.of("SF4")).containsKey("SF4"));
        assertThat(slow.waybills(List.of("SF4")).get("SF4").answer().status()).isEqualTo("OUT_FOR_DELIVERY");
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
