package io.contacthub.operations;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code staffAccounts}: UP once the first staff account exists (it is created at the first start),
 * so a node is not put behind the load balancer while nobody could sign in to the console. Accounts
 * are not removed by the hub, so once seen the database is not asked again.
 */
@Component("staffAccountsHealthIndicator") // shown as "staffAccounts"
class StaffAccountHealth extends AbstractHealthIndicator {

    private final JdbcClient jdbc;
    private volatile boolean exists;

    StaffAccountHealth(JdbcClient jdbc) {
        super("staff account check failed");
        this.jdbc = jdbc;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!exists) {
            exists = jdbc.sql("select exists (select 1 from staff_user)").query(Boolean.class).single();
        }
        if (exists) {
            builder.up();
        } else {
            builder.status(Status.OUT_OF_SERVICE).withDetail("reason", "no staff account yet");
        }
    }
}
