/**
 * Cluster mode: what this node does ({@link io.contacthub.cluster.NodeRoles}, from {@code HUB_ROLES}), whether
 * stages hand work to each other over Kafka ({@code HUB_KAFKA_BOOTSTRAP_SERVERS}), and which node runs the work
 * that must run once in the cluster (the mailbox pollers, the fax spool). Off by default: one node does
 * everything in-process and is its own leader. This module uses no other module of the hub; the features ask it.
 */
@ApplicationModule(displayName = "Cluster")
package io.contacthub.cluster;

import org.springframework.modulith.ApplicationModule;
