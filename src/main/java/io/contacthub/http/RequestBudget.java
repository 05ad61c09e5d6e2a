package io.contacthub.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * How many requests one public door (the message API, the portal's forms) takes per minute: a
 * budget per client address, and one for all clients together, so that many addresses at once
 * (a botnet, or one client rotating addresses) cannot flood intake either. A client over its own
 * budget does not use up the shared one.
 * <p>
 * On a single node both are Bucket4j buckets in this node's memory (capacity N, refilled greedily, N per minute), the
 * clients' forgotten 10 minutes after their last request. In cluster mode ({@link RequestBudgets}) the same buckets are
 * kept in PostgreSQL for all nodes together ({@link SharedRequestBudget}), so a client cannot multiply its budget by
 * the number of nodes behind the load balancer.
 */
public final class RequestBudget {

    /** Why a request was refused and when to come back. */
    public record Refusal(boolean everyone, long retryAfterSeconds) {
    }

    private final int perClient;
    private final SharedRequestBudget shared;
    private final Bucket all;
    private final Cache<String, Bucket> clients = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    /**
     * @param perClientPerMinute requests one client address may make per minute
     * @param globalPerMinute    requests all clients together may make per minute
     */
    public RequestBudget(int perClientPerMinute, int globalPerMinute) {
        this(perClientPerMinute, globalPerMinute, null);
    }

    /** @param shared where the budgets are kept for all nodes; null: in this node's memory */
    RequestBudget(int perClientPerMinute, int globalPerMinute, SharedRequestBudget shared) {
        if (perClientPerMinute < 1 || globalPerMinute < 1) {
            throw new IllegalArgumentException("rate limits must be at least 1 per minute, not " + perClientPerMinute
                    + " per client and " + globalPerMinute + " for all clients");
        }
        this.perClient = perClientPerMinute;
        this.shared = shared;
        this.all = perMinute(globalPerMinute);
    }

    /** @return null when the request may go on; otherwise who is over budget and for how long */
    public Refusal take(String clientAddress) {
        if (shared != null) {
            return shared.take(clientAddress == null ? "" : clientAddress);
        }
        Bucket client = clients.get(clientAddress == null ? "" : clientAddress, k -> perMinute(perClient));
        ConsumptionProbe own = client.tryConsumeAndReturnRemaining(1);
        if (!own.isConsumed()) {
            return new Refusal(false, seconds(own.getNanosToWaitForRefill()));
        }
        ConsumptionProbe shared = all.tryConsumeAndReturnRemaining(1);
        if (!shared.isConsumed()) {
            client.addTokens(1); // refused for everyone's sake, not for this client's own use
            return new Refusal(true, seconds(shared.getNanosToWaitForRefill()));
        }
        return null;
    }

    private static Bucket perMinute(int n) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(n).refillGreedy(n, Duration.ofMinutes(1)).build())
                .build();
    }

    static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
