package io.contacthub.http;

import io.contacthub.limits.SharedBuckets;
import org.springframework.stereotype.Component;

/**
 * Makes the public doors' {@link RequestBudget}s: in this node's memory on a single node, as always, and in
 * PostgreSQL for all nodes together in cluster mode, where a load balancer would otherwise give a client one budget
 * per node.
 */
@Component
public class RequestBudgets {

    private final SharedBuckets shared;

    RequestBudgets(SharedBuckets shared) {
        this.shared = shared;
    }

    /**
     * @param door               names the budget among the nodes (each door's budgets are counted apart), e.g. {@code api-messages}
     * @param perClientPerMinute requests one client address may make per minute
     * @param globalPerMinute    requests all clients together may make per minute
     */
    public RequestBudget perMinute(String door, int perClientPerMinute, int globalPerMinute) {
        return shared.active()
                ? new RequestBudget(perClientPerMinute, globalPerMinute,
                        new SharedRequestBudget(shared, door, perClientPerMinute, globalPerMinute))
                : new RequestBudget(perClientPerMinute, globalPerMinute);
    }
}
