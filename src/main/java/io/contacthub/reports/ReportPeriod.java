package io.contacthub.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The days a report covers, as the reader names them in their own zone ({@code from} and {@code to} inclusive);
 * by default the last 30 days up to today. At most {@link #MAX_DAYS} days, so no request can ask the database to
 * group years of contacts by day.
 */
public record ReportPeriod(LocalDate from, LocalDate to, ZoneId zone) {

    public static final int MAX_DAYS = 400;

    /** A period that cannot be read, with the reason in words. */
    public static class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    public static ReportPeriod of(String from, String to, ZoneId zone, LocalDate today) {
        LocalDate end = to == null || to.isBlank() ? today : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(29) : date("from", from);
        if (start.isAfter(end)) {
            throw new Invalid("from (" + start + ") is after to (" + end + ")");
        }
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw new Invalid("a report covers at most " + MAX_DAYS + " days");
        }
        return new ReportPeriod(start, end, zone);
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new Invalid(name + " must be a date such as 2026-11-01");
        }
    }
}
