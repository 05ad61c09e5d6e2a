package io.contacthub.limits;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A real embedded PostgreSQL with the hub's migrations, and a connection pool per "node" on it, as several hub nodes
 * share one database. Tests build each node's limits on its own pool.
 */
public final class ClusterDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final List<HikariDataSource> pools = new ArrayList<>();

    public ClusterDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(url(), "postgres", null).locations("classpath:db/migration").load().migrate();
    }

    /** A pool of its own, as a node has. */
    public DataSource node(String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url());
        config.setUsername("postgres");
        config.setMaximumPoolSize(10);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    /** Stops the server, as when the database goes away under running nodes. */
    public void stopServer() throws IOException {
        postgres.close();
    }

    private String url() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        pools.forEach(HikariDataSource::close);
        postgres.close();
    }
}
