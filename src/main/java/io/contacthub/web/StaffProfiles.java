package io.contacthub.web;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Staff members' profiles for the rest of the hub, e.g. to show times in someone's own zone:
 * {@code staffProfiles.of(principal.getName()).zoneId()}, or {@code ${@staffProfiles.of(me).zoneId()}} in a template.
 * Read from the database on each call (one primary-key lookup), so a change is seen at once on every node.
 */
@Component("staffProfiles")
public class StaffProfiles {

    private final JdbcClient jdbc;
    private final HubZone hubZone;

    StaffProfiles(JdbcClient jdbc, HubZone hubZone) {
        this.jdbc = jdbc;
        this.hubZone = hubZone;
    }

    /** The account's profile; for a name that is no account (a system actor), one with nothing set. */
    public StaffProfile of(String username) {
        if (username == null || username.isBlank()) {
            return new StaffProfile("", null, null, null, null, null, fallbackZone(null));
        }
        return jdbc.sql("select username, display_name, language, time_zone, phone, team from staff_user where username = ?")
                .param(username)
                .query((rs, n) -> new StaffProfile(rs.getString(1), rs.getString(2), rs.getString(3), validZone(rs.getString(4)),
                        rs.getString(5), rs.getString(6), fallbackZone(rs.getString(3))))
                .optional()
                .orElseGet(() -> new StaffProfile(username, null, null, null, null, null, fallbackZone(null)));
    }

    /**
     * The zone for someone who chose none, by the language of the page being shown (as {@link ViewerTime} decides), or,
     * outside a request, by the language on their profile.
     */
    private java.time.ZoneId fallbackZone(String profileLanguage) {
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocaleContext() != null
                ? org.springframework.context.i18n.LocaleContextHolder.getLocale()
                : profileLanguage == null ? null : java.util.Locale.forLanguageTag(profileLanguage);
        return hubZone.forLocale(locale);
    }

    /** A zone the JVM no longer knows (tzdata changed) falls back to the hub's rather than failing a page. */
    private static String validZone(String zone) {
        return zone != null && java.time.ZoneId.getAvailableZoneIds().contains(zone) ? zone : null;
    }
}
