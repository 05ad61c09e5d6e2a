package io.contacthub.web.portal;

import io.contacthub.http.RequestBudget;
import io.contacthub.http.RequestBudgets;
import io.contacthub.http.WebSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The portal's public forms (留言, survey) are open to the internet like {@code POST /api/messages},
 * so they have the same budgets ({@code hub.web.rate-limit-per-minute} per client,
 * {@code hub.web.global-rate-limit-per-minute} for all clients), counted apart from the API's. The
 * check runs inside the form handlers, i.e. on whatever path spelling Spring MVC routed there. In cluster mode the
 * budgets hold for all nodes together ({@link RequestBudgets}).
 */
@Component
class PortalLimits {

    private final RequestBudget budget;

    @Autowired
    PortalLimits(WebSettings web, RequestBudgets budgets) {
        this.budget = budgets.perMinute("portal-forms", web.rateLimitPerMinute(), web.globalRateLimitPerMinute());
    }

    PortalLimits(int perClient, int global) {
        this.budget = new RequestBudget(perClient, global);
    }

    /** @return false when this client, or all clients together, sent too many forms in the last minute */
    boolean allow(String clientAddress) {
        return budget.take(clientAddress) == null;
    }
}
