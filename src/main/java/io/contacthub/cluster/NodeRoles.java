package io.contacthub.cluster;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What this node does, for the features that start work only where it belongs. */
@Component
public class NodeRoles {

    private static final Logger log = LoggerFactory.getLogger(NodeRoles.class);

    private final ClusterSettings settings;
    private final Set<Role> roles;

    NodeRoles(ClusterSettings settings) {
        this.settings = settings;
        this.roles = settings.roleSet();
        if (settings.clustered()) {
            log.info("cluster mode: node {} runs {}; stages hand work on through Kafka at {}", settings.nodeId(), roles,
                    settings.kafkaBootstrapServers());
        } else if (!roles.equals(Set.of(Role.values()))) {
            log.warn("node {} runs only {} but no Kafka is configured (HUB_KAFKA_BOOTSTRAP_SERVERS): work of the other "
                    + "roles waits in the database for a node that runs them", settings.nodeId(), roles);
        }
    }

    public boolean runs(Role role) {
        return roles.contains(role);
    }

    public Set<Role> roles() {
        return roles;
    }

    public boolean clustered() {
        return settings.clustered();
    }

    public String nodeId() {
        return settings.nodeId();
    }

    public ClusterSettings settings() {
        return settings;
    }
}
