package io.contacthub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contacthub.config.HubSettings;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Which zone a reader sees times in, how the zone is labelled, and how a datetime-local input is read back. */
class ViewerTimeTest {

    /** 2026-12-02 01:00 UTC: 09:00 in Shanghai. */
    private static final Instant NINE_IN_SHANGHAI = Instant.parse("2026-12-02T01:00:00Z");

    private TimeZone jvmZone;

    @BeforeEach
    void jvmInNewYork() {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
    }

    @AfterEach
    void restore() {
        TimeZone.setDefault(jvmZone);
        SecurityContextHolder.clearContext();
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aChineseReaderWithoutSettingsSeesShanghaiTimeWithTheOffset() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        ViewerTime time = viewerTime("", null);
        assertThat(time.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(time.format(NINE_IN_SHANGHAI)).isEqualTo("2026-12-02 09:00 GMT+8");
        assertThat(time.formatSeconds(NINE_IN_SHANGHAI.plusSeconds(5))).isEqualTo("2026-12-02 09:00:05 GMT+8");
        assertThat(time.format(NINE_IN_SHANGHAI.atOffset(ZoneOffset.UTC))).as("an OffsetDateTime from the database")
                .isEqualTo("2026-12-02 09:00 GMT+8");
        assertThat(time.zoneLabel()).isEqualTo("GMT+8");
    }

    @Test
    void anEnglishReaderWithoutSettingsSeesTheJvmZone() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        ViewerTime time = viewerTime("", null);
        assertThat(time.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(time.format(NINE_IN_SHANGHAI)).isEqualTo("2026-12-01 20:00 GMT-5");
    }

    @Test
    void theHubsZoneComesBeforeTheLanguageAndTheProfilesZoneBeforeBoth() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(viewerTime("Asia/Kolkata", null).format(NINE_IN_SHANGHAI)).isEqualTo("2026-12-02 06:30 GMT+5:30");
        signedInStaff("anna");
        assertThat(viewerTime("Asia/Kolkata", "Europe/Berlin").format(NINE_IN_SHANGHAI)).isEqualTo("2026-12-02 02:00 GMT+1");
        assertThat(viewerTime("Asia/Kolkata", null).format(NINE_IN_SHANGHAI)).as("staff who chose no zone")
                .isEqualTo("2026-12-02 06:30 GMT+5:30");
        assertThat(viewerTime("", null).format(NINE_IN_SHANGHAI)).as("staff who chose none, no hub zone, Chinese page")
                .isEqualTo("2026-12-02 09:00 GMT+8");
    }

    @Test
    void aStaffProfileWithoutAZoneFollowsTheSameRule() {
        HubZone hubZone = new HubZone(new HubSettings("data", "", "", ""));
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        StaffProfile none = new StaffProfile("anna", null, null, null, null, null, hubZone.forLocale(LocaleContextHolder.getLocale()));
        assertThat(none.zoneId()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(new HubZone(new HubSettings("data", "", "", "UTC")).forLocale(Locale.SIMPLIFIED_CHINESE)).isEqualTo(ZoneId.of("UTC"));
        assertThat(hubZone.forLocale(null)).isEqualTo(ZoneId.of("America/New_York"));
    }

    @Test
    void summerTimeShowsTheOffsetOfThatDay() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        ViewerTime berlin = viewerTime("Europe/Berlin", null);
        assertThat(berlin.format(Instant.parse("2026-07-01T07:00:00Z"))).isEqualTo("2026-07-01 09:00 GMT+2");
        assertThat(berlin.format(Instant.parse("2026-12-01T08:00:00Z"))).isEqualTo("2026-12-01 09:00 GMT+1");
        assertThat(berlin.formatDate(Instant.parse("2026-06-30T22:30:00Z"))).as("already the next day in Berlin")
                .isEqualTo("2026-07-01");
        assertThat(viewerTime("UTC", null).format(NINE_IN_SHANGHAI)).isEqualTo("2026-12-02 01:00 GMT");
    }

    @Test
    void aDatetimeLocalInputRoundTripsInTheReadersZone() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        ViewerTime shanghai = viewerTime("", null);
        assertThat(shanghai.inputValue(NINE_IN_SHANGHAI)).isEqualTo("2026-12-02T09:00");
        assertThat(shanghai.parseLocal("2026-12-02T09:00")).isEqualTo(NINE_IN_SHANGHAI);
        assertThat(shanghai.parseLocal(shanghai.inputValue(NINE_IN_SHANGHAI))).isEqualTo(NINE_IN_SHANGHAI);

        ViewerTime berlin = viewerTime("Europe/Berlin", null);
        Instant summer = berlin.parseLocal("2026-07-01T09:00");
        assertThat(summer).isEqualTo(Instant.parse("2026-07-01T07:00:00Z"));
        assertThat(berlin.inputValue(summer)).isEqualTo("2026-07-01T09:00");
        assertThat(berlin.parseLocal("2026-12-01T09:00")).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(berlin.parseLocal(" ")).isNull();
        assertThat(berlin.format(null)).isEmpty();
        assertThatThrownBy(() -> berlin.parseLocal("tomorrow at nine")).isInstanceOf(IllegalArgumentException.class);
        assertThat(OffsetDateTime.ofInstant(summer, ZoneOffset.UTC).getHour()).as("stored in UTC").isEqualTo(7);
    }

    private static void signedInStaff(String username) {
        var roles = List.of(new SimpleGrantedAuthority("ROLE_AGENT"));
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new StaffPrincipal(username, "{noop}x", true, roles, 0, false), null, roles));
    }

    /** A ViewerTime with this hub.time-zone and (for a signed-in staff member) this zone on their profile. */
    private static ViewerTime viewerTime(String hubTimeZone, String profileZone) {
        HubZone hubZone = new HubZone(new HubSettings("data", "", "", hubTimeZone));
        StaffProfiles profiles = new StaffProfiles(null, hubZone) {
            @Override
            public StaffProfile of(String username) {
                return new StaffProfile(username, null, null, profileZone, null, null, hubZone.forLocale(LocaleContextHolder.getLocale()));
            }
        };
        return new ViewerTime(profiles, hubZone);
    }
}
