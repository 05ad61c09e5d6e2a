package io.contacthub.web.portal;

import io.contacthub.http.RequestBudget;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Budgets of the follow-a-ticket door, which sends codes to customers and checks guesses: per client address, and
 * per reference from all clients together, so neither one client nor many addresses at once can flood a customer
 * with codes or try codes fast. Counted apart from the portal's forms. Kept in memory per node, like
 * {@link PortalLimits}; the durable caps are the codes' own ({@code hub.verification}).
 */
@Component
class FollowLimits {

    private final RequestBudget clients;
    private final RequestBudget references;

    @Autowired
    FollowLimits(FollowSettings settings) {
        this(settings.perClientPerMinute(), settings.perReferencePerMinute(), settings.globalPerMinute());
    }

    FollowLimits(int perClient, int perReference, int global) {
        this.clients = new RequestBudget(perClient, global);
        this.references = new RequestBudget(perReference, global);
    }

    /** @return false when this client, or everyone asking about this reference, made too many requests this minute */
    boolean allow(String clientAddress, String reference) {
        return clients.take(clientAddress) == null && references.take(reference) == null;
    }
}
