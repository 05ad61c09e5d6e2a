package io.contacthub.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlaClockTest {

    private static final Instant DUE = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void beforeItIsDueTheClockRunsWithTheTimeLeft() {
        SlaClock.View view = new SlaClock(DUE, null).at(DUE.minus(Duration.ofMinutes(90)));
        assertThat(view.state()).isEqualTo(SlaClock.State.RUNNING);
        assertThat(view.breached()).isFalse();
        assertThat(view.remaining()).isEqualTo("PT1H30M");
        assertThat(view.overdue()).isNull();
    }

    @Test
    void pastDueAndNotMetIsOverdueAndBreached() {
        SlaClock.View view = new SlaClock(DUE, null).at(DUE.plusSeconds(61));
        assertThat(view.state()).isEqualTo(SlaClock.State.OVERDUE);
        assertThat(view.breached()).isTrue();
        assertThat(view.overdue()).isEqualTo("PT1M1S");
        assertThat(view.remaining()).isNull();
    }

    @Test
    void metInTimeStaysMetWhateverTheTimeNow() {
        SlaClock.View view = new SlaClock(DUE, DUE.minusSeconds(1)).at(DUE.plus(Duration.ofDays(30)));
        assertThat(view.state()).isEqualTo(SlaClock.State.MET);
        assertThat(view.breached()).isFalse();
        assertThat(view.metAt().toInstant()).isEqualTo(DUE.minusSeconds(1));
    }

    @Test
    void metAfterTheDueTimeIsMetLateAndBreached() {
        SlaClock.View view = new SlaClock(DUE, DUE.plus(Duration.ofHours(2))).at(DUE.plus(Duration.ofHours(3)));
        assertThat(view.state()).isEqualTo(SlaClock.State.MET_LATE);
        assertThat(view.breached()).isTrue();
        assertThat(view.overdue()).isEqualTo("PT2H");
    }

    @Test
    void exactlyAtTheDueTimeIsNotYetBreached() {
        assertThat(new SlaClock(DUE, null).at(DUE).breached()).isFalse();
        assertThat(new SlaClock(DUE, DUE).at(DUE.plusSeconds(5)).state()).isEqualTo(SlaClock.State.MET);
    }
}
