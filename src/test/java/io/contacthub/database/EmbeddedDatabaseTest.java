package io.contacthub.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default runs the pinned PostgreSQL major, the same as docker-compose.yml's image, and
 * refuses (without touching it) a data directory another major created.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedServerIsThePinnedMajorAndComposeUsesTheSame() throws Exception {
        try (EmbeddedPostgres postgres = DatabaseConfiguration.EmbeddedDatabase.start(dir.resolve("postgres"));
             Connection c = postgres.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("select current_setting('server_version_num')")) {
            rs.next();
            assertThat(rs.getInt(1) / 10000).isEqualTo(Integer.parseInt(DatabaseConfiguration.EmbeddedDatabase.POSTGRES_MAJOR));
        }
        assertThat(Files.readString(dir.resolve("postgres/PG_VERSION")).trim()).isEqualTo(DatabaseConfiguration.EmbeddedDatabase.POSTGRES_MAJOR);

        Matcher image = Pattern.compile("(?m)^\\s+image:\\s*postgres:(\\d+)").matcher(Files.readString(Path.of("docker-compose.yml")));
        assertThat(image.find()).as("docker-compose.yml names a postgres image").isTrue();
        assertThat(image.group(1)).as("docker-compose.yml's postgres major").isEqualTo(DatabaseConfiguration.EmbeddedDatabase.POSTGRES_MAJOR);
    }

    @Test
    void aDataDirectoryOfAnotherMajorIsRefusedAndLeftAlone() throws Exception {
        Path data = Files.createDirectories(dir.resolve("postgres"));
        Files.writeString(data.resolve("PG_VERSION"), "14\n");

        assertThatThrownBy(() -> DatabaseConfiguration.EmbeddedDatabase.start(data))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("created by PostgreSQL 14")
                .hasMessageContaining("runs PostgreSQL " + DatabaseConfiguration.EmbeddedDatabase.POSTGRES_MAJOR)
                .hasMessageContaining("HUB_DB_URL");
        assertThat(Files.readString(data.resolve("PG_VERSION"))).isEqualTo("14\n");
        try (var files = Files.list(data)) {
            assertThat(files).hasSize(1);
        }
    }
}
