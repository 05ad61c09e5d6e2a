/**
 * Limits that must hold for the whole cluster, not per node: token buckets ({@link io.contacthub.limits.SharedBuckets})
 * and counters that are forgotten after a while ({@link io.contacthub.limits.SharedCounters}), both kept in
 * PostgreSQL, which every node shares. Used only in cluster mode ({@code NodeRoles.clustered()}); a single node keeps
 * its limits in memory and never asks these. A call that cannot reach the database within
 * {@link io.contacthub.limits.SharedCalls#TIMEOUT} throws {@link io.contacthub.limits.SharedLimitUnavailable}; each
 * user of a limit decides what that means for it (they all refuse).
 */
@ApplicationModule(displayName = "Shared limits", allowedDependencies = {"cluster"})
package io.contacthub.limits;

import org.springframework.modulith.ApplicationModule;
