package io.contacthub.channel.fax;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Hands what the parser read (pages, confidences, fields) to {@link FaxRecorder}, which writes it in
 * the transaction that records the contact. The core passes only {@code ParsedContent} between the
 * two, and that has no place for per-page OCR results. Entries not taken (the contact was never
 * written) expire; a replay parses the fax again.
 */
@Component
class FaxAnalyses {

    private final Cache<Long, List<FaxDocument>> pending = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(10_000).build();

    void put(long messageId, List<FaxDocument> documents) {
        pending.put(messageId, List.copyOf(documents));
    }

    List<FaxDocument> take(long messageId) {
        List<FaxDocument> documents = pending.getIfPresent(messageId);
        pending.invalidate(messageId);
        return documents == null ? List.of() : documents;
    }
}
