package io.contacthub.http;

import io.contacthub.limits.SharedBuckets;
import io.contacthub.limits.SharedLimitUnavailable;
import java.time.Duration;

/**
 * A {@link RequestBudget} kept in PostgreSQL for all nodes of a cluster: the same two token buckets (capacity N,
 * refilled greedily, N per minute; see {@link SharedBuckets}) under the keys {@code <door>|client|<address>} and
 * {@code <door>|all}, so N requests a minute means N through all nodes together, not N per node. A request costs one
 * database statement, two when it passes its client's budget.
 * <p>
 * When the database cannot be asked in time the request is refused, as if all clients together were over budget, and
 * asked to come back in {@value #RETRY_WHEN_UNAVAILABLE_SECONDS} s: every door these budgets guard stores what it takes
 * in that same database, so letting the request through would not serve it either, and an unguarded door while the
 * database is merely overloaded would add to its load.
 */
final class SharedRequestBudget {

    static final long RETRY_WHEN_UNAVAILABLE_SECONDS = 5;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final SharedBuckets buckets;
    private final String door;
    private final int perClient;
    private final int global;

    SharedRequestBudget(SharedBuckets buckets, String door, int perClient, int global) {
        this.buckets = buckets;
        this.door = door;
        this.perClient = perClient;
        this.global = global;
    }

    RequestBudget.Refusal take(String clientAddress) {
        String client = door + "|client|" + clientAddress;
        try {
            SharedBuckets.Take own = buckets.take(client, perClient, MINUTE);
            if (!own.taken()) {
                return new RequestBudget.Refusal(false, RequestBudget.seconds(own.nanosToWait()));
            }
            SharedBuckets.Take everyone = buckets.take(door + "|all", global, MINUTE);
            if (!everyone.taken()) {
                buckets.giveBack(client, perClient, MINUTE); // refused for everyone's sake, not for this client's own use
                return new RequestBudget.Refusal(true, RequestBudget.seconds(everyone.nanosToWait()));
            }
            return null;
        } catch (SharedLimitUnavailable e) {
            return new RequestBudget.Refusal(true, RETRY_WHEN_UNAVAILABLE_SECONDS);
        }
    }
}
