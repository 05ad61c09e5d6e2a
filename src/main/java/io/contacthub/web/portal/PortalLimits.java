package io.contacthub.web.portal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The portal's public forms (留言, survey) are open to the internet like {@code POST /api/messages},
 * so they share its per-client budget ({@code hub.web.rate-limit-per-minute}), counted apart.
 */
@Component
class PortalLimits {

    private final int perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    PortalLimits(@Value("${hub.web.rate-limit-per-minute}") int perMinute) {
        this.perMinute = perMinute;
    }

    /** @return false when this client sent too many forms in the last minute */
    boolean allow(String clientAddress) {
        return buckets.get(clientAddress, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build()).tryConsume(1);
    }
}
