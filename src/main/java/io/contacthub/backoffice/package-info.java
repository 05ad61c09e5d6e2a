/**
 * The order, tracking and complaint systems as integrations: hand-offs recorded and retried
 * ({@link io.contacthub.backoffice.Handoffs}), one HTTP client behind a circuit breaker. Its API is the base package;
 * {@code backoffice.tracking} is also offered as the named interface {@code tracking} (a waybill's status while a
 * caller waits). Depends on the core, never the other way round.
 */
@ApplicationModule(displayName = "Back office")
package io.contacthub.backoffice;

import org.springframework.modulith.ApplicationModule;
