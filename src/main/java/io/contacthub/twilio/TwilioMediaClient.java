package io.contacthub.twilio;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Downloads media Twilio holds for a message (MMS images and documents; later recordings). Sends
 * HTTP Basic auth (account SID + auth token) when both are configured, which Twilio needs when
 * "HTTP auth on media URLs" is enforced. Redirects are followed by hand so that the credentials
 * go only to the host they were meant for, never to the storage host Twilio redirects to.
 */
@Component
public class TwilioMediaClient {

    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String authorization;
    private final long maxBytes;
    private final Duration timeout;

    public TwilioMediaClient(@Value("${hub.twilio.account-sid:}") String accountSid,
                             @Value("${hub.twilio.auth-token:}") String authToken,
                             @Value("${hub.twilio.max-media-bytes:10485760}") long maxBytes,
                             @Value("${hub.twilio.media-timeout:30s}") Duration timeout) {
        this.authorization = accountSid == null || accountSid.isBlank() || authToken == null || authToken.isBlank()
                ? null
                : "Basic " + Base64.getEncoder().encodeToString((accountSid.trim() + ":" + authToken.trim())
                        .getBytes(StandardCharsets.UTF_8));
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /**
     * @throws IOException with a reason staff can read: HTTP status, size over the limit, network error
     */
    public Media download(String url) throws IOException {
        URI uri = URI.create(url);
        String authHost = uri.getHost();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
            if (authorization != null && Objects.equals(uri.getHost(), authHost)) {
                request.header("Authorization", authorization);
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while downloading", e);
            }
            int status = response.statusCode();
            try (InputStream body = response.body()) {
                if (status >= 300 && status < 400) {
                    String location = response.headers().firstValue("Location")
                            .orElseThrow(() -> new IOException("HTTP " + status + " without Location"));
                    uri = uri.resolve(location);
                    continue;
                }
                if (status != 200) {
                    throw new IOException("HTTP " + status + " from " + hostOf(uri));
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw new IOException("media is " + declared + " bytes, over the limit of " + maxBytes);
                }
                byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (content.length > maxBytes) {
                    throw new IOException("media is over the limit of " + maxBytes + " bytes");
                }
                return new Media(content, response.headers().firstValue("Content-Type").orElse(null));
            }
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects");
    }

    private static String hostOf(URI uri) {
        return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    public record Media(byte[] content, String contentType) {
    }
}
