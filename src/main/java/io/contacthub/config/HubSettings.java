package io.contacthub.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The top-level {@code hub.*} settings that belong to no one part of the hub (defaults in application.yml). A
 * bad value stops the start with the property's name.
 *
 * @param dataDir       where the hub keeps its data: the embedded PostgreSQL under postgres/ (HUB_DATA_DIR)
 * @param adminPassword the password of the first staff account, created with it when there is none
 *                      (HUB_ADMIN_PASSWORD); empty: none is created
 * @param publicUrl     the hub's address as Twilio reaches it, e.g. https://hub.example.cn (HUB_PUBLIC_URL): webhook
 *                      signatures are checked against it behind a proxy and delivery reports are asked for at it;
 *                      empty: the URL each request arrives at, and no delivery reports
 * @param timeZone      the zone times are shown in to anyone who chose none on their profile, and to customers
 *                      (HUB_TIME_ZONE, an IANA id such as Asia/Shanghai); empty: Asia/Shanghai on a Chinese
 *                      page, the JVM's own zone ({@code TZ}) on an English one
 */
@Validated
@ConfigurationProperties("hub")
public record HubSettings(
        @NotBlank String dataDir,
        String adminPassword,
        @Pattern(regexp = "(https?://[^/?#\\s]+(/\\S*)?)?", message = "must be an absolute http(s) URL, or empty")
        String publicUrl,
        String timeZone) {

    public HubSettings {
        dataDir = dataDir == null ? null : dataDir.trim();
        adminPassword = adminPassword == null ? "" : adminPassword;
        // Unset means "not behind a proxy" (see above), not a bad value; a trailing slash is dropped.
        publicUrl = publicUrl == null ? "" : publicUrl.trim().replaceAll("/+$", "");
        timeZone = timeZone == null ? "" : timeZone.trim();
        if (!timeZone.isEmpty() && !java.time.ZoneId.getAvailableZoneIds().contains(timeZone) && !"UTC".equals(timeZone)) {
            throw new IllegalArgumentException("hub.time-zone: '" + timeZone + "' is no IANA time-zone id (such as Asia/Shanghai)");
        }
    }
}
