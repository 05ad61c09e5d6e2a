package io.contacthub.web;

import io.contacthub.limits.SharedCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The sign-in throttle's memory in cluster mode: the same counts and known addresses as {@link LocalSignInMemory},
 * kept in PostgreSQL ({@link SharedCounters}), so a guesser spreading attempts over the nodes behind a load balancer is
 * counted once, and a success on one node is known on the others. A check is one query, a failure one upsert. Time is
 * the throttle's clock, each node's own; they agree within NTP's margin, which shifts a delay by no more than that.
 */
final class SharedSignInMemory implements SignInMemory {

    private final SharedCounters counters;
    private final Duration forgetAfter;
    private final Duration knownAddressFor;

    SharedSignInMemory(SharedCounters counters, Duration forgetAfter, Duration knownAddressFor) {
        this.counters = counters;
        this.forgetAfter = forgetAfter;
        this.knownAddressFor = knownAddressFor;
    }

    @Override
    public Seen seen(String pairKey, String addressKey, String accountKey, Instant now) {
        Map<String, SharedCounters.Count> read = counters.read(
                List.of(failures(pairKey), failures(addressKey), failures(accountKey), known(pairKey)), now);
        return new Seen(of(read.get(failures(pairKey))), of(read.get(failures(addressKey))), of(read.get(failures(accountKey))),
                read.containsKey(known(pairKey)));
    }

    @Override
    public int failed(String pairKey, String addressKey, String accountKey, Instant now) {
        return counters.add(List.of(failures(pairKey), failures(addressKey), failures(accountKey)), now, forgetAfter)
                .getOrDefault(failures(pairKey), 0);
    }

    @Override
    public void succeeded(String pairKey, Instant now) {
        counters.forget(failures(pairKey));
        counters.mark(known(pairKey), now, knownAddressFor);
    }

    private static Failures of(SharedCounters.Count count) {
        return count == null ? null : new Failures(count.count(), count.last());
    }

    private static String failures(String key) {
        return "sign-in|failed|" + key;
    }

    private static String known(String pairKey) {
        return "sign-in|known|" + pairKey;
    }
}
