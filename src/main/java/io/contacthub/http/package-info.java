/**
 * The hub's doors to the internet as such: request-body limits, the per-client request budget of the public
 * doors ({@link io.contacthub.http.RequestBudget}: the message API and the portal's forms) and their settings.
 */
@ApplicationModule(displayName = "HTTP")
package io.contacthub.http;

import org.springframework.modulith.ApplicationModule;
