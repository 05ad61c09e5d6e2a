package io.contacthub.notify;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Sends per second each provider accepts from this hub ({@code hub.notify.rate-limit.per-second.<provider>},
 * e.g. {@code twilio: 1} for one long code). A dispatcher that finds no token leaves the row QUEUED
 * for its next poll, so a burst of notifications is spread out instead of refused by the provider.
 */
@Component
class ProviderRateLimits {

    @ConfigurationProperties("hub.notify.rate-limit")
    record Settings(Map<String, Double> perSecond) {
        Settings {
            perSecond = perSecond == null ? Map.of() : Map.copyOf(perSecond);
        }
    }

    private final Settings settings;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ProviderRateLimits(Settings settings) {
        this.settings = settings;
    }

    /** Takes one send from the provider's budget; false when it is used up for now. Unlisted providers: no limit. */
    boolean tryAcquire(String provider) {
        Double rate = settings.perSecond().get(provider);
        if (rate == null || rate <= 0) {
            return true;
        }
        return buckets.computeIfAbsent(provider, p -> {
            // Rates below 1/s refill one token every 1/rate seconds; no bursts above one second's worth.
            long capacity = Math.max(1, (long) Math.floor(rate));
            Duration period = rate >= 1 ? Duration.ofSeconds(1) : Duration.ofMillis((long) (1000 / rate));
            return Bucket.builder().addLimit(l -> l.capacity(capacity).refillGreedy(capacity, period)).build();
        }).tryConsume(1);
    }
}
