package io.contacthub.operations;

import java.time.Duration;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code schema}: UP when the database carries every Flyway migration this build ships, applied
 * successfully. Flyway itself (which reads the migration files) is asked until that is so; then
 * one indexed query on its history table re-checks it every few minutes, so a database swapped for
 * an older backup under a running hub turns readiness off instead of serving on a schema the code
 * does not expect, while a probe every few seconds costs nothing.
 */
@Component("schemaHealthIndicator") // shown as "schema"
class SchemaHealth extends AbstractHealthIndicator {

    private static final Duration RECHECK = Duration.ofMinutes(5);

    private final Flyway flyway;
    private final JdbcClient jdbc;
    private volatile String expectedVersion;
    private volatile Instant checkedAt = Instant.EPOCH;

    SchemaHealth(Flyway flyway, JdbcClient jdbc) {
        super("schema check failed");
        this.flyway = flyway;
        this.jdbc = jdbc;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (expectedVersion == null) {
            MigrationInfoService info = flyway.info();
            MigrationInfo[] pending = info.pending();
            if (pending.length > 0) {
                builder.status(Status.OUT_OF_SERVICE).withDetail("reason", pending.length
                        + " database migration(s) not applied yet, first " + pending[0].getVersion());
                return;
            }
            MigrationInfo current = info.current();
            if (current == null || current.getVersion() == null) {
                builder.status(Status.OUT_OF_SERVICE).withDetail("reason", "no database migration applied");
                return;
            }
            expectedVersion = current.getVersion().getVersion();
            checkedAt = Instant.now();
        }
        if (Instant.now().isAfter(checkedAt.plus(RECHECK))) {
            String problem = problem();
            if (problem != null) {
                builder.down().withDetail("expectedVersion", expectedVersion).withDetail("reason", problem);
                return;
            }
            checkedAt = Instant.now();
        }
        builder.up().withDetail("version", expectedVersion);
    }

    private String problem() {
        String table = quoted(flyway.getConfiguration().getTable());
        String schema = flyway.getConfiguration().getDefaultSchema();
        String history = schema == null || schema.isBlank() ? table : quoted(schema) + "." + table;
        if (jdbc.sql("select exists (select 1 from " + history + " where not success)").query(Boolean.class).single()) {
            return "a database migration failed";
        }
        boolean applied = jdbc.sql("select exists (select 1 from " + history + " where version = ? and success)")
                .param(expectedVersion).query(Boolean.class).single();
        return applied ? null : "the database is not at schema version " + expectedVersion;
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
