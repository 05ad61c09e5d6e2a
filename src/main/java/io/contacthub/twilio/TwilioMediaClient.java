package io.contacthub.twilio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
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

    private final HttpClient http;
    private final String authorization;
    private final long maxBytes;
    private final Duration timeout;
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
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
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
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL: " + url);
        }
        String authHost = uri.getHost();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (!allowed(uri)) {
                throw new IOException((hop == 0 ? "refused: " : "refused a redirect to ") + origin(uri)
                        + ", which is not one of Twilio's media hosts (hub.twilio.media-hosts, hub.twilio.api-url)");
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
            if (authorization != null && Objects.equals(uri.getHost(), authHost)) {
                request.header("Authorization", authorization);
            }
            HttpResponse<byte[]> response = send(request.build(), uri);
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> new IOException("HTTP " + status + " without Location"));
                uri = uri.resolve(location);
                continue;
            }
            if (status != 200) {
                throw new IOException("HTTP " + status + " from " + hostOf(uri));
            }
            return new Media(response.body(), response.headers().firstValue("Content-Type").orElse(null));
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects");
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

    private HttpResponse<byte[]> send(HttpRequest request, URI uri) throws IOException {
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, info -> {
            CappedBody subscriber = info.statusCode() == 200
                    ? new CappedBody(maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1), true)
                    : new CappedBody(64 * 1024, -1, false);
            body.set(subscriber);
            return subscriber;
        });
        try {
            // The request timeout covers only the wait for the headers; this covers the body too.
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new IOException("no complete answer within " + timeout.toSeconds() + " s from " + hostOf(uri)
                    + " (hub.twilio.media-timeout)");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading", e);
        } catch (ExecutionException e) {
            // Refusing a body cancels the stream, which may fail the exchange before the refusal arrives.
            MediaTooLarge refused = body.get() == null ? null : body.get().refusal;
            if (refused != null) {
                throw new IOException(refused.getMessage());
            }
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new IOException("no answer within " + timeout.toSeconds() + " s from " + hostOf(uri)
                        + " (hub.twilio.media-timeout)", cause);
            }
            if (cause instanceof MediaTooLarge tooLarge) {
                throw new IOException(tooLarge.getMessage());
            }
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + hostOf(uri);
    }

    private static String hostOf(URI uri) {
        return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    public record Media(byte[] content, String contentType) {
    }

    private static final class MediaTooLarge extends IOException {
        MediaTooLarge(String message) {
            super(message);
        }
    }

    /**
     * The body, up to {@code max} bytes: a larger declared length is refused before any byte is
     * read, a longer body as soon as it passes the limit; either way the connection is dropped.
     * Without {@code keep} the body is not wanted (redirects, errors): it is read and dropped (a short
     * one lets the connection be reused), and a long one is cut off.
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final long declared;
        private final boolean keep;
        private long seen;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private volatile MediaTooLarge refusal;

        CappedBody(long max, long declared, boolean keep) {
            this.max = max;
            this.declared = declared;
            this.keep = keep;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            // The result first, then the cancel: cancelling fails the exchange with "stream cancelled" otherwise.
            if (declared > max) {
                refuse(new MediaTooLarge("media is " + declared + " bytes, over the limit of " + max));
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                seen += item.remaining();
                if (seen > max) {
                    if (keep) {
                        refuse(new MediaTooLarge("media is over the limit of " + max + " bytes"));
                    } else {
                        result.complete(new byte[0]);
                    }
                    subscription.cancel();
                    return;
                }
                if (!keep) {
                    item.position(item.limit());
                    continue;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        private void refuse(MediaTooLarge reason) {
            refusal = reason;
            result.completeExceptionally(reason);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(keep ? bytes.toByteArray() : new byte[0]);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }
    }
}
