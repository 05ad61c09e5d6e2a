package io.contacthub.complaint;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One SLA clock of a case (first response or resolution), read at a given moment from the stored
 * due time and the time it was met. Nothing ticks in memory: the same stored timestamps read at a
 * later {@code now} give a later answer, which is what lets tests inject a clock instead of sleeping.
 */
public record SlaClock(Instant dueAt, Instant metAt) {

    public enum State {
        /** not met, not yet due */
        RUNNING,
        /** not met and past due */
        OVERDUE,
        /** met in time */
        MET,
        /** met after it was due */
        MET_LATE
    }

    /**
     * @param remaining time left while RUNNING (ISO-8601, e.g. PT3H20M)
     * @param overdue   how late: now - due while OVERDUE, met - due when MET_LATE
     * @param breached  OVERDUE or MET_LATE
     */
    public record View(OffsetDateTime dueAt, OffsetDateTime metAt, State state, boolean breached, String remaining,
                String overdue) {
    }

    View at(Instant now) {
        State state;
        Duration remaining = null;
        Duration overdue = null;
        if (metAt != null) {
            state = metAt.isAfter(dueAt) ? State.MET_LATE : State.MET;
            if (state == State.MET_LATE) {
                overdue = Duration.between(dueAt, metAt);
            }
        } else if (now.isAfter(dueAt)) {
            state = State.OVERDUE;
            overdue = Duration.between(dueAt, now);
        } else {
            state = State.RUNNING;
            remaining = Duration.between(now, dueAt);
        }
        return new View(utc(dueAt), utc(metAt), state, state == State.OVERDUE || state == State.MET_LATE,
                remaining == null ? null : truncate(remaining).toString(), overdue == null ? null : truncate(overdue).toString());
    }

    private static Duration truncate(Duration d) {
        return Duration.ofSeconds(d.getSeconds());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
