package io.contacthub.cluster;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Cluster mode, from {@code hub.cluster} (defaults in application.yml). A bad value stops the start with the
 * property's name.
 *
 * @param kafkaBootstrapServers {@code HUB_KAFKA_BOOTSTRAP_SERVERS}; empty (the default): one node, stages hand
 *                              work on in-process, no broker
 * @param roles                 {@code HUB_ROLES}: {@code all} or a comma-separated list of {@link Role}s
 * @param nodeId                how this node is named in logs, health and leadership ({@code HUB_NODE_ID})
 * @param topicPrefix           Kafka topics are {@code <prefix>.processing}, {@code .ocr}, {@code .speech}
 * @param partitions            partitions of each topic when the hub creates it: the most consumers of one
 *                              kind of work that can take part at once
 * @param leaderLease           how long the single pollers' leadership lasts without being renewed: a node that
 *                              dies is replaced by another within about this long
 */
@ConfigurationProperties("hub.cluster")
public record ClusterSettings(String kafkaBootstrapServers, List<String> roles, String nodeId, String topicPrefix,
                              int partitions, Duration leaderLease) {

    public ClusterSettings {
        kafkaBootstrapServers = kafkaBootstrapServers == null ? "" : kafkaBootstrapServers.strip();
        roles = roles == null || roles.isEmpty() ? List.of("all") : List.copyOf(roles);
        if (nodeId == null || nodeId.isBlank()) {
            throw new IllegalArgumentException("hub.cluster.node-id (HUB_NODE_ID) must name this node");
        }
        nodeId = nodeId.strip();
        if (topicPrefix == null || !topicPrefix.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("hub.cluster.topic-prefix must be letters, digits, '.', '_' or '-' (was "
                    + topicPrefix + ")");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("hub.cluster.partitions must be at least 1 (was " + partitions + ")");
        }
        if (leaderLease == null || leaderLease.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("hub.cluster.leader-lease must be at least 2s (was " + leaderLease + ")");
        }
        roleSet(roles); // fails on an unknown role now, not at the first use
    }

    /** Whether stages hand work to each other over Kafka. */
    public boolean clustered() {
        return !kafkaBootstrapServers.isEmpty();
    }

    /** The roles as a set; {@code all} (alone or among others) means every role. */
    public Set<Role> roleSet() {
        return roleSet(roles);
    }

    private static Set<Role> roleSet(List<String> names) {
        EnumSet<Role> set = EnumSet.noneOf(Role.class);
        for (String name : names) {
            if (name.isBlank()) {
                continue;
            }
            if (name.strip().equalsIgnoreCase("all")) {
                return EnumSet.allOf(Role.class);
            }
            set.add(Role.parse(name));
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("hub.cluster.roles (HUB_ROLES) names no role; use all or a list such as "
                    + "intake,processing");
        }
        return set;
    }
}
