package io.contacthub.web.portal;

import io.contacthub.http.RequestBudget;
import io.contacthub.http.RequestBudgets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Budgets of the follow-a-ticket door, which sends codes to customers and checks guesses: per client address (both),
 * and per reference from all clients together (references entered), so neither one client nor many addresses at once
 * can flood a customer with codes, and no client can try codes fast. Counted apart from the portal's forms. Kept like
 * {@link PortalLimits}'s (in memory on one node, for all nodes together in cluster mode); the durable caps are the codes'
 * own ({@code hub.verification}, in the database).
 */
@Component
class FollowLimits {

    private final RequestBudget clients;
    private final RequestBudget references;

    @Autowired
    FollowLimits(FollowSettings settings, RequestBudgets budgets) {
        this.clients = budgets.perMinute("follow-clients", settings.perClientPerMinute(), settings.globalPerMinute());
        this.references = budgets.perMinute("follow-references", settings.perReferencePerMinute(), settings.globalPerMinute());
    }

    /** In this node's memory, whatever the mode. */
    FollowLimits(FollowSettings settings) {
        this(settings.perClientPerMinute(), settings.perReferencePerMinute(), settings.globalPerMinute());
    }

    FollowLimits(int perClient, int perReference, int global) {
        this.clients = new RequestBudget(perClient, global);
        this.references = new RequestBudget(perReference, global);
    }

    /** A reference entered (a code may be sent): false when this client, or everyone about this reference, asked too often. */
    boolean allow(String clientAddress, String reference) {
        return clients.take(clientAddress) == null && references.take(reference) == null;
    }

    /**
     * A code tried: false when this client tried too often. Not counted per reference: a code dies after
     * {@code hub.verification.max-attempts} wrong guesses from anyone, which bounds guessing per reference already.
     */
    boolean allowGuess(String clientAddress) {
        return clients.take(clientAddress) == null;
    }
}
