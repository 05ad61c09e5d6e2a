package io.contacthub.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Working time on a Shanghai service centre's calendar: 09:00–18:00 on working days, holidays and make-up days. */
class BusinessCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    // National Day 2026 as an example calendar: 1–7 October off, Saturday 10 October worked instead.
    private final BusinessCalendar calendar = new BusinessCalendar(SHANGHAI, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(18, 0),
            Set.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 6),
                    LocalDate.of(2026, 10, 7)),
            Set.of(LocalDate.of(2026, 10, 10)));

    @Test
    void eightWorkingHoursFromFridayAfternoonFallDueOnMondayAfternoon() {
        assertThat(calendar.plus(at("2026-11-27T17:00"), Duration.ofHours(8))).isEqualTo(at("2026-11-30T16:00"));
    }

    @Test
    void aTicketOpenedAtNightStartsCountingAtNineAndOneOpenedInTheLunchHourCountsIt() {
        assertThat(calendar.plus(at("2026-11-24T23:40"), Duration.ofHours(2))).isEqualTo(at("2026-11-25T11:00"));
        assertThat(calendar.plus(at("2026-11-24T12:30"), Duration.ofHours(2))).isEqualTo(at("2026-11-24T14:30"));
    }

    @Test
    void holidaysAreSkippedAndAMakeUpWorkingDayCounts() {
        // 30 Sep 15:00–18:00 gives 3 h; 1–7 Oct are off (3 and 4 Oct the weekend); Thursday 8 Oct gives the other 6 h.
        assertThat(calendar.plus(at("2026-09-30T15:00"), Duration.ofHours(9))).isEqualTo(at("2026-10-08T15:00"));
        // Friday 9 Oct 17:00 + 2 h: 1 h on Friday, the make-up Saturday 10 Oct gives the second.
        assertThat(calendar.plus(at("2026-10-09T17:00"), Duration.ofHours(2))).isEqualTo(at("2026-10-10T10:00"));
        assertThat(calendar.isWorkday(LocalDate.of(2026, 10, 10))).isTrue();
        assertThat(calendar.isWorkday(LocalDate.of(2026, 10, 5))).isFalse();
    }

    @Test
    void workingTimeBetweenTwoInstantsLeavesOutNightsWeekendsAndHolidays() {
        assertThat(calendar.between(at("2026-11-27T17:00"), at("2026-11-30T16:00"))).isEqualTo(Duration.ofHours(8));
        assertThat(calendar.between(at("2026-09-30T15:00"), at("2026-10-08T15:00"))).isEqualTo(Duration.ofHours(9));
        assertThat(calendar.between(at("2026-11-30T16:00"), at("2026-11-27T17:00"))).isZero();
    }

    @Test
    void aCalendarWithoutWorkingTimeIsRefused() {
        assertThatThrownBy(() -> new BusinessCalendar(SHANGHAI, Set.of(), LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of(), Set.of()))
                .hasMessageContaining("working days");
        assertThatThrownBy(() -> new BusinessCalendar(SHANGHAI, WEEKDAYS, LocalTime.of(18, 0), LocalTime.of(9, 0), Set.of(), Set.of()))
                .hasMessageContaining("before closing");
    }

    @Test
    void theFirstMatchingPolicyIsTheTicketsAndAClassComplaintsGetTheShortestTargets() {
        List<SlaPolicy> policies = List.of(
                new SlaPolicy("a-class-complaints", List.of(), List.of("COMPLAINT"), List.of("A"), Duration.ofHours(2), Duration.ofHours(16)),
                new SlaPolicy("complaints", List.of(), List.of("COMPLAINT"), List.of(), Duration.ofHours(4), Duration.ofHours(24)),
                new SlaPolicy("standard", List.of(), List.of(), List.of(), Duration.ofHours(9), Duration.ofHours(45)));
        assertThat(first(policies, "EMAIL", "COMPLAINT", "A")).isEqualTo("a-class-complaints");
        assertThat(first(policies, "EMAIL", "COMPLAINT", "B")).isEqualTo("complaints");
        assertThat(first(policies, "SMS", "TRACKING", null)).isEqualTo("standard");
    }

    private static String first(List<SlaPolicy> policies, String channel, String intent, String customerClass) {
        return policies.stream().filter(p -> p.appliesTo(channel, intent, customerClass)).findFirst().orElseThrow().name();
    }

    private static Instant at(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), SHANGHAI).toInstant();
    }
}
