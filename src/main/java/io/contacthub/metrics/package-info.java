/**
 * Per-route metrics of the Camel routes.
 */
@ApplicationModule(displayName = "Metrics")
package io.contacthub.metrics;

import org.springframework.modulith.ApplicationModule;
