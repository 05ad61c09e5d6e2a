package io.contacthub.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The sign-in throttle's memory on a single node: bounded Caffeine caches that expire on the throttle's clock. */
final class LocalSignInMemory implements SignInMemory {

    private final Cache<String, Failures> failures;
    private final Cache<String, Boolean> knownAddresses;

    LocalSignInMemory(Duration forgetAfter, Duration knownAddressFor, Clock clock) {
        this.failures = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(forgetAfter)
                .ticker(() -> SignInMemory.nanos(clock.instant())).build();
        this.knownAddresses = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(knownAddressFor)
                .ticker(() -> SignInMemory.nanos(clock.instant())).build();
    }

    @Override
    public Seen seen(String pairKey, String addressKey, String accountKey, Instant now) {
        return new Seen(failures.getIfPresent(pairKey), failures.getIfPresent(addressKey), failures.getIfPresent(accountKey),
                knownAddresses.getIfPresent(pairKey) != null);
    }

    @Override
    public int failed(String pairKey, String addressKey, String accountKey, Instant now) {
        for (String key : new String[] {pairKey, addressKey, accountKey}) {
            failures.asMap().merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        }
        Failures pair = failures.getIfPresent(pairKey);
        return pair == null ? 0 : pair.count();
    }

    @Override
    public void succeeded(String pairKey, Instant now) {
        failures.invalidate(pairKey);
        knownAddresses.put(pairKey, Boolean.TRUE);
    }
}
