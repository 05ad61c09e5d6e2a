package io.contacthub.twilio;

import io.contacthub.http.CappedDownload;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Downloads media Twilio holds for a message (MMS images and documents, fax files, voicemail
 * recordings). Sends HTTP Basic auth (account SID + auth token) when both are configured, which
 * Twilio needs when "HTTP auth on media URLs" is enforced. Redirects are followed by hand so that the
 * credentials go only to the host they were meant for, never to the storage host Twilio redirects to.
 * <p>
 * Only Twilio's hosts are asked, over HTTPS ({@code hub.twilio.media-hosts}: {@code api.twilio.com},
 * its regional {@code *.twilio.com} and the media hosts {@code *.twiliocdn.com}), plus the origin of
 * {@code hub.twilio.api-url} (an egress proxy, or the stand-in tests use): a URL or a redirect
 * anywhere else is refused before it is requested, so a media URL cannot make the hub fetch from
 * inside its own network. A peer that does not connect within {@code hub.twilio.media-connect-timeout}
 * or has not sent the whole answer within {@code hub.twilio.media-timeout} is cut off, so a trickling
 * server cannot hold a processing worker.
 */
@Component
public class TwilioMediaClient {

    private static final int MAX_REDIRECTS = 5;
    static final List<String> TWILIO_MEDIA_HOSTS = TwilioSettings.TWILIO_MEDIA_HOSTS;

    private final CappedDownload download;
    private final String authorization;
    private final long maxBytes;
    private final List<String[]> hosts;
    private final URI apiOrigin;

    /** With Twilio's own hosts and API only (tests that stub the download). */
    public TwilioMediaClient(String accountSid, String authToken, long maxBytes, Duration timeout) {
        this(accountSid, authToken, maxBytes, timeout, Duration.ofSeconds(10), "https://api.twilio.com", TWILIO_MEDIA_HOSTS);
    }

    @Autowired
    public TwilioMediaClient(TwilioSettings settings) {
        this(settings.accountSid(), settings.authToken(), settings.maxMediaBytes().toBytes(), settings.mediaTimeout(),
                settings.mediaConnectTimeout(), settings.apiUrl(), settings.mediaHosts());
    }

    public TwilioMediaClient(String accountSid, String authToken, long maxBytes, Duration timeout, Duration connectTimeout,
                             String apiUrl, List<String> mediaHosts) {
        this.authorization = accountSid == null || accountSid.isBlank() || authToken == null || authToken.isBlank()
                ? null
                : "Basic " + Base64.getEncoder().encodeToString((accountSid.trim() + ":" + authToken.trim())
                        .getBytes(StandardCharsets.UTF_8));
        this.maxBytes = maxBytes;
        this.download = new CappedDownload(connectTimeout, timeout, MAX_REDIRECTS, new CappedDownload.Wording("media",
                "the limit of %d bytes (hub.twilio.max-media-bytes)", "hub.twilio.media-timeout"));
        List<String[]> parsed = new ArrayList<>();
        for (String entry : mediaHosts) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            String e = entry.trim().toLowerCase(Locale.ROOT);
            int slash = e.indexOf('/');
            parsed.add(slash < 0 ? new String[] {e, "/"} : new String[] {e.substring(0, slash), e.substring(slash)});
        }
        this.hosts = List.copyOf(parsed);
        URI api = URI.create(apiUrl == null || apiUrl.isBlank() ? "https://api.twilio.com" : apiUrl.trim());
        if (api.getScheme() == null || api.getHost() == null) {
            throw new IllegalArgumentException("hub.twilio.api-url must be an absolute URL, not " + apiUrl);
        }
        this.apiOrigin = api;
    }

    /**
     * @throws IOException with a reason staff can read: not a Twilio host, HTTP status, size over the
     *                     limit, too slow, network error
     */
    public Media download(String url) throws IOException {
        CappedDownload.Fetched fetched = download.fetch(url, this::allowed,
                ", which is not one of Twilio's media hosts (hub.twilio.media-hosts, hub.twilio.api-url)", maxBytes,
                (target, first, request) -> {
                    if (authorization != null && Objects.equals(target.getHost(), first.getHost())) {
                        request.header("Authorization", authorization);
                    }
                });
        return new Media(fetched.content(), fetched.contentType());
    }

    /** HTTPS to one of Twilio's hosts (a path prefix where the entry has one), or the configured API's own origin. */
    boolean allowed(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getRawUserInfo() != null) {
            return false;
        }
        if (scheme.equalsIgnoreCase(apiOrigin.getScheme()) && host.equalsIgnoreCase(apiOrigin.getHost())
                && port(uri) == port(apiOrigin)) {
            return true;
        }
        if (!scheme.equals("https") || port(uri) != 443) {
            return false;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        for (String[] entry : hosts) {
            boolean hostMatches = entry[0].startsWith("*.") ? host.endsWith(entry[0].substring(1)) : host.equals(entry[0]);
            if (hostMatches && path.startsWith(entry[1])) {
                return true;
            }
        }
        return false;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
    }

    public record Media(byte[] content, String contentType) {
    }
}
