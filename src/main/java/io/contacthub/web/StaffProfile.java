package io.contacthub.web;

import java.time.ZoneId;
import java.util.Locale;

/**
 * How a staff member wants to be shown and reached, as they set it on their profile ({@code /console/profile}).
 *
 * @param username    the sign-in name (what tickets, notes and case steps record)
 * @param displayName the name colleagues see; null: none given (see {@link #name()})
 * @param language    {@code zh} or {@code en}, the console's language at sign-in; null: the browser's language
 * @param timeZone    an IANA zone id as chosen, e.g. {@code Asia/Shanghai}; null: the hub's zone (see {@link #zoneId()})
 * @param phone       where colleagues and calls reach them (a number or an extension); null: none
 * @param team        the team an admin put them in; null: none
 * @param defaultZone the zone they get when they chose none ({@link HubZone}: hub.time-zone, else Asia/Shanghai for
 *                    Chinese, else the JVM's zone)
 */
public record StaffProfile(String username, String displayName, String language, String timeZone, String phone, String team,
                           ZoneId defaultZone) {

    /** The zone to show this person times in: theirs, or the hub's rule ({@link HubZone}) when they chose none. */
    public ZoneId zoneId() {
        return timeZone == null ? defaultZone : ZoneId.of(timeZone);
    }

    /** The display name, or the user name when there is none. */
    public String name() {
        return displayName == null || displayName.isBlank() ? username : displayName;
    }

    /** Their language as a locale, or null when they use the browser's. */
    public Locale locale() {
        return language == null ? null : "zh".equals(language) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }
}
