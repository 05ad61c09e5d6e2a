package io.contacthub.cluster;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code clusterLeadership}: whether this node runs the mailbox pollers and the fax
 * spool now. Always UP: a standby node is healthy, and a cluster briefly without a leader (a lease running out)
 * still takes webhooks and processes.
 */
@Component("clusterLeadershipHealthIndicator")
class LeadershipHealth implements HealthIndicator {

    private final Leadership leadership;

    LeadershipHealth(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("node", leadership.nodeId()).withDetail("elected", leadership.elected())
                .withDetail("leader", leadership.isLeader()).build();
    }
}
