package io.contacthub.channel.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Downloads attachments a webhook message names by URL, on the processing queue (never in the webhook's request).
 * Only URLs on the source's {@code attachment-hosts} are asked, redirects included (followed by hand, each target
 * checked), so a payload cannot make the hub fetch from inside its own network; no credentials are ever sent. A peer
 * that does not connect within {@code hub.webhook-in.attachment-connect-timeout}, or has not sent the whole answer
 * within {@code attachment-timeout}, is cut off; an answer over the source's {@code max-attachment-bytes} is refused
 * as soon as it is (declared or actually) larger.
 */
@Component
class AttachmentFetcher {

    private static final int MAX_REDIRECTS = 3;

    private final HttpClient http;
    private final Duration timeout;

    @Autowired
    AttachmentFetcher(WebhookSettings settings) {
        this(settings.attachmentConnectTimeout(), settings.attachmentTimeout());
    }

    AttachmentFetcher(Duration connectTimeout, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    record Fetched(byte[] content, String contentType) {
    }

    /** @throws IOException with a reason staff can read: refused host, HTTP status, size, time, network */
    Fetched fetch(String url, List<WebhookSettings.HostRule> allowed, long maxBytes) throws IOException {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL");
        }
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            URI target = uri;
            if (allowed.stream().noneMatch(rule -> rule.matches(target))) {
                throw new IOException((hop == 0 ? "refused: " : "refused a redirect to ") + origin(uri)
                        + " is not one of the source's attachment-hosts " + allowed + "; nothing was fetched from it");
            }
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("User-Agent", "contact-hub").build(), uri, maxBytes);
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> new IOException("HTTP " + status + " without Location from " + origin(target)));
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
        throw new IOException("more than " + MAX_REDIRECTS + " redirects");
    }

    private HttpResponse<byte[]> send(HttpRequest request, URI uri, long maxBytes) throws IOException {
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, info -> {
            CappedBody subscriber = info.statusCode() == 200
                    ? new CappedBody(maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1))
                    : new CappedBody(0, -1); // an error or a redirect: only its status and headers count
            body.set(subscriber);
            return subscriber;
        });
        try {
            // The request timeout covers the wait for the headers only; this covers the body too.
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new IOException("no complete answer within " + timeout.toSeconds() + " s from " + origin(uri)
                    + " (hub.webhook-in.attachment-timeout)");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading", e);
        } catch (ExecutionException e) {
            // Refusing a body cancels the stream, which may fail the exchange before the refusal arrives.
            if (body.get() != null && body.get().refusal != null) {
                throw new IOException(body.get().refusal.getMessage());
            }
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new IOException("no answer within " + timeout.toSeconds() + " s from " + origin(uri), cause);
            }
            if (cause instanceof java.net.ConnectException) {
                throw new IOException("cannot connect to " + origin(uri), cause);
            }
            throw cause instanceof IOException io ? new IOException(io.toString() + " from " + origin(uri), io)
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

    /** Collects at most {@code max} bytes and fails the exchange as soon as there are more. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;
        private volatile TooLarge refusal;

        CappedBody(long max, long declared) {
            this.max = max;
            if (max > 0 && declared > max) {
                refuse(new TooLarge("the attachment is " + declared + " bytes, over the source's limit of " + max
                        + " bytes (max-attachment-bytes)"));
            }
        }

        private void refuse(TooLarge tooLarge) {
            refusal = tooLarge;
            result.completeExceptionally(tooLarge);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (result.isDone()) {
                subscription.cancel();
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone() || max == 0) {
                return; // refused already, or an error or redirect whose body does not matter (read to its end, in time)
            }
            for (ByteBuffer item : items) {
                if (bytes.size() + (long) item.remaining() > max) {
                    refuse(new TooLarge("the attachment is over the source's limit of " + max + " bytes (max-attachment-bytes)"));
                    subscription.cancel();
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable); // no effect once done
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
