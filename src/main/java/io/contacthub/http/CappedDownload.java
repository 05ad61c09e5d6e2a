package io.contacthub.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A GET of a file a stranger named by URL (an MMS image on Twilio, a webhook's attachment), with the limits such a
 * download needs: only hosts the caller allows are asked, redirects included (followed here, each target checked
 * before it is requested); a declared length over the limit is refused before a byte is read and a longer body as
 * soon as it passes the limit; a peer that has not sent the whole answer in time is cut off, so a trickling server
 * cannot hold a worker. Every failure is an {@link IOException} whose message staff can read.
 */
public final class CappedDownload {

    /** What an error or redirect answer's body may be before it is cut off (it is read only to reuse the connection). */
    private static final long ERROR_BODY_ALLOWANCE = 64 * 1024;

    /**
     * How the caller's downloads are described in refusals.
     *
     * @param what           what is downloaded, as a sentence starts: "the attachment", "media"
     * @param limitName      the limit as staff find it, e.g. "the source's limit of %d bytes (max-attachment-bytes)"
     * @param timeoutSetting the setting that bounds the time, e.g. "hub.twilio.media-timeout"
     */
    public record Wording(String what, String limitName, String timeoutSetting) {
    }

    /** Adds what a request to {@code target} carries (credentials only for the host first asked, say). */
    @FunctionalInterface
    public interface RequestDecorator {
        void decorate(URI target, URI first, HttpRequest.Builder request);
    }

    public record Fetched(byte[] content, String contentType) {
    }

    private final HttpClient http;
    private final Duration timeout;
    private final int maxRedirects;
    private final Wording wording;

    public CappedDownload(Duration connectTimeout, Duration timeout, int maxRedirects, Wording wording) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.maxRedirects = maxRedirects;
        this.wording = wording;
    }

    /**
     * @param allowed        the hosts (and paths) that may be asked
     * @param refusedBecause why another is refused, after its origin: " is not one of the source's attachment-hosts"
     * @throws IOException with a reason staff can read: refused host, HTTP status, size, time, network
     */
    public Fetched fetch(String url, Predicate<URI> allowed, String refusedBecause, long maxBytes, RequestDecorator decorator)
            throws IOException {
        URI first;
        try {
            first = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL");
        }
        URI uri = first;
        for (int hop = 0; hop <= maxRedirects; hop++) {
            if (uri.getHost() == null || uri.getRawUserInfo() != null || !allowed.test(uri)) {
                throw new IOException((hop == 0 ? "refused: " : "refused a redirect to ") + origin(uri) + refusedBecause
                        + "; nothing was fetched from it");
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET().header("User-Agent", "contact-hub");
            decorator.decorate(uri, first, request);
            HttpResponse<byte[]> response = send(request.build(), uri, maxBytes);
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                URI from = uri;
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> new IOException("HTTP " + status + " without Location from " + origin(from)));
                try {
                    uri = uri.resolve(location.trim());
                } catch (IllegalArgumentException e) {
                    throw new IOException("HTTP " + status + " to a Location that is not a URL");
                }
                continue;
            }
            if (status != 200) {
                throw new IOException("HTTP " + status + " from " + origin(uri));
            }
            return new Fetched(response.body(), response.headers().firstValue("Content-Type").orElse(null));
        }
        throw new IOException("more than " + maxRedirects + " redirects");
    }

    private HttpResponse<byte[]> send(HttpRequest request, URI uri, long maxBytes) throws IOException {
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, info -> {
            CappedBody subscriber = info.statusCode() == 200
                    ? new CappedBody(maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1), true)
                    : new CappedBody(ERROR_BODY_ALLOWANCE, -1, false);
            body.set(subscriber);
            return subscriber;
        });
        try {
            // The request timeout covers the wait for the headers only; this covers the body too.
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new IOException("no complete answer within " + timeout.toSeconds() + " s from " + origin(uri)
                    + " (" + wording.timeoutSetting() + ")");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading", e);
        } catch (ExecutionException e) {
            // Refusing a body cancels the stream, which may fail the exchange before the refusal arrives.
            TooLarge refused = body.get() == null ? null : body.get().refusal;
            if (refused != null) {
                throw new IOException(refused.getMessage());
            }
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new IOException("no answer within " + timeout.toSeconds() + " s from " + origin(uri)
                        + " (" + wording.timeoutSetting() + ")", cause);
            }
            if (cause instanceof ConnectException) {
                throw new IOException("cannot connect to " + origin(uri), cause);
            }
            throw cause instanceof IOException io ? new IOException(io + " from " + origin(uri), io)
                    : new IOException(String.valueOf(cause), cause);
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    private static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /**
     * The body, up to {@code max} bytes. Without {@code keep} the body is not wanted (redirects, errors): it is read
     * and dropped, so a short one lets the connection be reused, and a long one is cut off.
     */
    private final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final long declared;
        private final boolean keep;
        private long seen;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private volatile TooLarge refusal;

        CappedBody(long max, long declared, boolean keep) {
            this.max = max;
            this.declared = declared;
            this.keep = keep;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            // The result first, then the cancel: cancelling fails the exchange with "stream cancelled" otherwise.
            if (keep && declared > max) {
                refuse(new TooLarge(wording.what() + " is " + declared + " bytes, over " + wording.limitName().formatted(max)));
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
                        refuse(new TooLarge(wording.what() + " is over " + wording.limitName().formatted(max)));
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

        private void refuse(TooLarge reason) {
            refusal = reason;
            result.completeExceptionally(reason);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error); // no effect once done
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
