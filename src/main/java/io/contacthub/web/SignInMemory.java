package io.contacthub.web;

import java.time.Instant;

/**
 * What {@link LoginThrottle} remembers: failed sign-ins per key (forgotten {@code forget-after} the last one) and the
 * addresses an account signed in from (forgotten {@code known-address-for} after the sign-in). In this node's memory
 * ({@link LocalSignInMemory}) or, in cluster mode, in PostgreSQL for all nodes ({@link SharedSignInMemory}).
 */
interface SignInMemory {

    record Failures(int count, Instant last) {
    }

    /** What is remembered about one attempt's three keys at {@code now}; a forgotten count is null. */
    record Seen(Failures pair, Failures address, Failures account, boolean knownAddress) {
    }

    Seen seen(String pairKey, String addressKey, String accountKey, Instant now);

    /** @return the pair's failure count after this one */
    int failed(String pairKey, String addressKey, String accountKey, Instant now);

    /** Clears the pair's failures and remembers the address as known for the account. */
    void succeeded(String pairKey, Instant now);

    static long nanos(Instant now) {
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
