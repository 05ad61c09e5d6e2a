/**
 * What an operator (a load balancer, Kubernetes, Prometheus) reads about a running hub: the checks
 * behind {@code /actuator/health/readiness}, and the backlog, failure and source gauges on
 * {@code /actuator/prometheus}. See docs/OPERATIONS.md.
 */
@ApplicationModule(displayName = "Operations")
package io.contacthub.operations;

import org.springframework.modulith.ApplicationModule;
