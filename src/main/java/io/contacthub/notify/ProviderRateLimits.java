package io.contacthub.notify;

import io.contacthub.limits.SharedBuckets;
import io.contacthub.limits.SharedLimitUnavailable;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Sends per second each provider accepts from this hub ({@code hub.notify.rate-limit.per-second.<provider>},
 * e.g. {@code twilio: 1} for one long code). A dispatcher that finds no token leaves the row QUEUED
 * for its next poll, so a burst of notifications is spread out instead of refused by the provider.
 * <p>
 * The provider counts what the whole hub sends, so in cluster mode the budget is one for all nodes ({@link SharedBuckets},
 * key {@code provider|<name>}, the same bucket as in memory). When the database cannot be asked, nothing is sent:
 * the row waits QUEUED for the next poll, which costs seconds, where sending could cost a provider's refusal.
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
    private final SharedBuckets shared;

    /** In this node's memory, whatever the mode. */
    ProviderRateLimits(Settings settings) {
        this(settings, null);
    }

    /** @param shared where the budgets are kept for all nodes in cluster mode */
    @Autowired
    ProviderRateLimits(Settings settings, SharedBuckets shared) {
        this.settings = settings;
        this.shared = shared != null && shared.active() ? shared : null;
    }

    /** Takes one send from the provider's budget; false when it is used up for now. Unlisted providers: no limit. */
    boolean tryAcquire(String provider) {
        Double rate = settings.perSecond().get(provider);
        if (rate == null || rate <= 0) {
            return true;
        }
        // Rates below 1/s refill one token every 1/rate seconds; no bursts above one second's worth.
        long capacity = Math.max(1, (long) Math.floor(rate));
        Duration period = rate >= 1 ? Duration.ofSeconds(1) : Duration.ofMillis((long) (1000 / rate));
        if (shared != null) {
            try {
                return shared.take("provider|" + provider, capacity, period).taken();
            } catch (SharedLimitUnavailable e) {
                return false;
            }
        }
        return buckets.computeIfAbsent(provider, p ->
                Bucket.builder().addLimit(l -> l.capacity(capacity).refillGreedy(capacity, period)).build()).tryConsume(1);
    }
}
