package io.contacthub.twilio;

import io.contacthub.config.PositiveAmount;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the hub talks to Twilio, from {@code hub.twilio} (defaults in application.yml, except
 * {@code media-hosts}, whose default is {@link #TWILIO_MEDIA_HOSTS}). A bad value stops the start with
 * the property's name.
 *
 * @param authToken           the account's auth token (TWILIO_AUTH_TOKEN): checks webhook signatures and, with
 *                            the account SID, authenticates API calls and media downloads; empty turns the
 *                            webhooks off (/twilio/** answers 503)
 * @param accountSid          the account SID (TWILIO_ACCOUNT_SID)
 * @param apiUrl              base URL of Twilio's REST API (HUB_TWILIO_API_URL): an egress proxy or a test
 *                            stand-in; recordings and fax media on api.twilio.com are fetched from here instead
 * @param apiTimeout          how long one REST API call (sending an SMS, placing a call) may take
 * @param maxBodyBytes        largest webhook body accepted; a larger one is answered 413
 * @param maxMediaBytes       largest media file (MMS, fax, recording) downloaded; a larger one fails the message
 * @param mediaConnectTimeout a media host that does not connect within this is given up
 * @param mediaTimeout        a media download not complete within this is cut off
 * @param mediaHosts          the only hosts media is downloaded from (HTTPS), besides the origin of api-url:
 *                            "host", "*.domain" or "host/path-prefix"; empty allows api-url's origin only
 */
@Validated
@ConfigurationProperties("hub.twilio")
public record TwilioSettings(
        String authToken,
        String accountSid,
        @NotBlank @Pattern(regexp = "https?://[^/?#\\s]+(/\\S*)?", message = "must be an absolute http(s) URL")
        String apiUrl,
        @PositiveAmount Duration apiTimeout,
        @PositiveAmount DataSize maxBodyBytes,
        @PositiveAmount DataSize maxMediaBytes,
        @PositiveAmount Duration mediaConnectTimeout,
        @PositiveAmount Duration mediaTimeout,
        List<String> mediaHosts) {

    /** Twilio's own media hosts: the default of {@code hub.twilio.media-hosts}. */
    public static final List<String> TWILIO_MEDIA_HOSTS = List.of("api.twilio.com", "*.twilio.com", "*.twiliocdn.com",
            // Twilio's older, unauthenticated media URLs redirect into this bucket (and only this one is allowed).
            "s3-external-1.amazonaws.com/media.twiliocdn.com/");

    public TwilioSettings {
        // Unset credentials mean "not configured" (webhooks off, no API), not a bad value.
        authToken = authToken == null ? "" : authToken.trim();
        accountSid = accountSid == null ? "" : accountSid.trim();
        apiUrl = apiUrl == null ? null : apiUrl.trim();
        mediaHosts = mediaHosts == null ? TWILIO_MEDIA_HOSTS : List.copyOf(mediaHosts);
    }
}
