package io.contacthub.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times as the person looking at the page lives them. Everything is stored in UTC; a staff member sees their
 * profile's zone, anyone else (customers, staff who chose none) {@code hub.time-zone}, or Asia/Shanghai on a
 * Chinese page and the JVM's zone on an English one. In a template: {@code ${@viewerTime.format(t.createdAt)}}
 * gives "2026-12-02 09:00 GMT+8"; form inputs are read back with {@link #parseLocal(String)}.
 */
@Component("viewerTime")
public class ViewerTime {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final StaffProfiles profiles;
    private final HubZone hubZone;

    ViewerTime(StaffProfiles profiles, HubZone hubZone) {
        this.profiles = profiles;
        this.hubZone = hubZone;
    }

    /** The zone of whoever the current request is for. */
    public ZoneId zone() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof StaffPrincipal) {
            // the profile's zone, or (none chosen) the same rule as below for this page's language
            return profiles.of(auth.getName()).zoneId();
        }
        return defaultZone(LocaleContextHolder.getLocale());
    }

    /** The zone for someone who chose none: {@code hub.time-zone}, else by the page's language. */
    public ZoneId defaultZone(Locale locale) {
        return hubZone.forLocale(locale);
    }

    /** "2026-12-02 09:00 GMT+8"; empty for no time. */
    public String format(TemporalAccessor at) {
        return withZone(at, MINUTES);
    }

    /** With seconds: "2026-12-02 09:00:05 GMT+8". */
    public String formatSeconds(TemporalAccessor at) {
        return withZone(at, SECONDS);
    }

    /** The local date only ("2026-12-02"): the zone decides which day it is, but is not shown. */
    public String formatDate(TemporalAccessor at) {
        ZonedDateTime local = local(at);
        return local == null ? "" : DATE.format(local);
    }

    /** For a {@code datetime-local} input: "2026-12-02T09:00" in the viewer's zone. */
    public String inputValue(TemporalAccessor at) {
        ZonedDateTime local = local(at);
        return local == null ? "" : INPUT.format(local);
    }

    /** A {@code datetime-local} input's value (local time in the viewer's zone) as an instant; null when blank. */
    public Instant parseLocal(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim()).atZone(zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a local date and time (yyyy-MM-ddTHH:mm): " + value, e);
        }
    }

    /** The zone as shown beside times and form inputs: "GMT+8" (with the id as its long form: {@link #zoneName()}). */
    public String zoneLabel() {
        return offsetLabel(zone());
    }

    /** The zone's IANA id, e.g. "Asia/Shanghai". */
    public String zoneName() {
        return zone().getId();
    }

    private String withZone(TemporalAccessor at, DateTimeFormatter pattern) {
        ZonedDateTime local = local(at);
        return local == null ? "" : pattern.format(local) + " " + offsetLabel(local);
    }

    private ZonedDateTime local(TemporalAccessor at) {
        if (at == null) {
            return null;
        }
        ZoneId zone = zone();
        if (at instanceof OffsetDateTime o) {
            return o.atZoneSameInstant(zone);
        }
        if (at instanceof ZonedDateTime z) {
            return z.withZoneSameInstant(zone);
        }
        if (at instanceof Instant i) {
            return i.atZone(zone);
        }
        if (at instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atZone(zone);
        }
        return Instant.from(at).atZone(zone);
    }

    /** GMT+8, GMT+5:30, GMT (as the instant's offset, so summer time shows as it is). */
    private static String offsetLabel(ZonedDateTime at) {
        return offsetLabel(at.getOffset());
    }

    private static String offsetLabel(ZoneId zone) {
        return offsetLabel(zone.getRules().getOffset(Instant.now()));
    }

    private static String offsetLabel(java.time.ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            return "GMT";
        }
        int h = Math.abs(seconds) / 3600;
        int m = Math.abs(seconds) % 3600 / 60;
        return "GMT" + (seconds < 0 ? "-" : "+") + h + (m == 0 ? "" : ":" + String.format("%02d", m));
    }
}
