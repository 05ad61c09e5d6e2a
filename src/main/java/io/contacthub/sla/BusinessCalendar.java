package io.contacthub.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Working time as a service centre counts it: working days (Monday to Friday unless set otherwise) between opening
 * and closing time in the centre's zone, without public holidays, and with the make-up working days China moves
 * around its holidays (调休: a Sunday worked so the holiday week is longer). A target of "8 working hours" from Friday
 * 17:00 is due on Monday 16:00, or later if Monday is a holiday.
 *
 * @param extraWorkdays days worked although they fall on a day off (a Sunday before Spring Festival, say)
 */
public record BusinessCalendar(ZoneId zone, Set<DayOfWeek> workdays, LocalTime opens, LocalTime closes, Set<LocalDate> holidays,
                               Set<LocalDate> extraWorkdays) {

    /** Looking further than this for working time means the calendar has none (every day a holiday, say). */
    private static final int MAX_DAYS = 3660;

    public BusinessCalendar {
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("opening time " + opens + " must be before closing time " + closes);
        }
        workdays = Set.copyOf(workdays);
        holidays = Set.copyOf(holidays);
        extraWorkdays = Set.copyOf(extraWorkdays);
        if (workdays.isEmpty() && extraWorkdays.isEmpty()) {
            throw new IllegalArgumentException("a calendar needs working days");
        }
    }

    public boolean isWorkday(LocalDate day) {
        return extraWorkdays.contains(day) || workdays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The instant {@code working} working time after {@code start} (at once, if {@code working} is zero and it is open). */
    public Instant plus(Instant start, Duration working) {
        if (working.isNegative()) {
            throw new IllegalArgumentException("working time cannot be negative");
        }
        ZonedDateTime t = start.atZone(zone);
        Duration left = working;
        for (int i = 0; i < MAX_DAYS; i++) {
            LocalDate day = t.toLocalDate();
            if (isWorkday(day)) {
                ZonedDateTime open = day.atTime(opens).atZone(zone);
                ZonedDateTime close = day.atTime(closes).atZone(zone);
                ZonedDateTime from = t.isAfter(open) ? t : open;
                if (from.isBefore(close)) {
                    Duration today = Duration.between(from, close);
                    if (left.compareTo(today) <= 0) {
                        return from.plus(left).toInstant();
                    }
                    left = left.minus(today);
                }
            }
            t = day.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS + " days of " + start);
    }

    /** Working time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration sum = Duration.ZERO;
        ZonedDateTime t = from.atZone(zone);
        ZonedDateTime end = to.atZone(zone);
        for (int i = 0; i < MAX_DAYS && t.isBefore(end); i++) {
            LocalDate day = t.toLocalDate();
            if (isWorkday(day)) {
                ZonedDateTime open = day.atTime(opens).atZone(zone);
                ZonedDateTime close = day.atTime(closes).atZone(zone);
                ZonedDateTime a = t.isAfter(open) ? t : open;
                ZonedDateTime b = end.isBefore(close) ? end : close;
                if (a.isBefore(b)) {
                    sum = sum.plus(Duration.between(a, b));
                }
            }
            t = day.plusDays(1).atStartOfDay(zone);
        }
        return sum;
    }
}
