package io.contacthub.web.console;

import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/** The time zones offered in the staff forms: the IANA region zones (Asia/Shanghai, Europe/Berlin ...) and UTC. */
final class TimeZones {

    private static final Pattern REGION = Pattern.compile("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+");

    private static final List<String> CHOICES = java.util.stream.Stream.concat(java.util.stream.Stream.of("UTC"),
            ZoneId.getAvailableZoneIds().stream().filter(z -> REGION.matcher(z).matches()).sorted()).toList();

    private TimeZones() {
    }

    static List<String> choices() {
        return CHOICES;
    }
}
