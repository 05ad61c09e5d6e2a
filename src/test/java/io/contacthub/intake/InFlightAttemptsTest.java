package io.contacthub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Which running attempts keep their messages: those within hub.intake.attempt-timeout. */
class InFlightAttemptsTest {

    private final InFlightAttempts attempts = new InFlightAttempts(null,
            new IntakeProperties(3, Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofMinutes(15),
                    DataSize.ofMegabytes(25), 200_000, 4, 10_000, "seda:process"));

    private final Instant t0 = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void anAttemptHoldsItsMessageUntilItTimesOut() {
        InFlightAttempts.Attempt running = attempts.start(7, 1, t0);

        assertThat(attempts.alive(t0.plus(Duration.ofMinutes(14)))).containsExactly(7L);
        assertThat(attempts.alive(t0.plus(Duration.ofMinutes(16)))).isEmpty();

        attempts.finish(running);
        assertThat(attempts.alive(t0.plus(Duration.ofMinutes(16)))).isEmpty();
    }

    @Test
    void aNewAttemptOnTheSameMessageHoldsItWhileTheTimedOutOneStillRuns() {
        InFlightAttempts.Attempt timedOut = attempts.start(9, 1, t0);
        assertThat(attempts.alive(t0.plus(Duration.ofMinutes(16)))).isEmpty();

        InFlightAttempts.Attempt second = attempts.start(9, 2, t0.plus(Duration.ofMinutes(17)));
        assertThat(attempts.alive(t0.plus(Duration.ofMinutes(18)))).containsExactly(9L);

        // The old one finishing at last does not end the new one's hold.
        attempts.finish(timedOut);
        assertThat(attempts.alive(t0.plus(Duration.ofMinutes(19)))).containsExactly(9L);
        attempts.finish(second);
        assertThat(attempts.alive(t0.plus(Duration.ofMinutes(20)))).isEmpty();
    }
}
