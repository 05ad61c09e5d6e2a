package io.contacthub.channel.webhook;

import io.contacthub.http.CappedDownload;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
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

    private static final CappedDownload.Wording WORDING = new CappedDownload.Wording("the attachment",
            "the source's limit of %d bytes (max-attachment-bytes)", "hub.webhook-in.attachment-timeout");

    private final CappedDownload download;

    @Autowired
    AttachmentFetcher(WebhookSettings settings) {
        this(settings.attachmentConnectTimeout(), settings.attachmentTimeout());
    }

    AttachmentFetcher(Duration connectTimeout, Duration timeout) {
        this.download = new CappedDownload(connectTimeout, timeout, MAX_REDIRECTS, WORDING);
    }

    record Fetched(byte[] content, String contentType) {
    }

    /** @throws IOException with a reason staff can read: refused host, HTTP status, size, time, network */
    Fetched fetch(String url, List<WebhookSettings.HostRule> allowed, long maxBytes) throws IOException {
        CappedDownload.Fetched fetched = download.fetch(url, uri -> allowed.stream().anyMatch(rule -> rule.matches(uri)),
                " is not one of the source's attachment-hosts " + allowed, maxBytes, (target, first, request) -> {
                    // no credentials are ever sent to an attachment host
                });
        return new Fetched(fetched.content(), fetched.contentType());
    }
}
