package io.contacthub.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * search_grams was rewritten for speed (V27, issue 17); the parts stored before were made by the first version
 * (V14) and are not rebuilt, so the two must give the same array for every text: the same pairs, sorted, once each.
 */
class SearchGramsTest {

    /** V14's search_grams in a UTF8 database, as it was. */
    private static final String FIRST_VERSION = """
            create function search_grams_v14(doc text) returns bigint[] language sql immutable parallel safe as '
                select coalesce(array_agg(distinct (ascii(a)::bigint << 21) | ascii(b)), ''{}'')
                from (select string_to_array(doc, null) c) s, unnest(c[1:cardinality(c) - 1], c[2:]) u(a, b)'""";

    private static final String[] PIECES = {"Please check the delivery of my goods, order SO2026000123", "运单号", "还没到",
            "SF1234567890123", "zhang@example.cn", "+86 138 0013 8000", "ＳＦ１２３", "😀", "𝟏𝟐", " ", "\n", "a", "aa", "破损",
            "[#CH-000123]", "é", "e\u0301", "\t", "ß", "İ"};

    @Test
    void givesWhatTheFirstVersionGaveForEveryText() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Flyway.configure().dataSource(url, "postgres", null).locations("classpath:db/migration").load().migrate();
            try (Connection c = postgres.getPostgresDatabase().getConnection()) {
                c.createStatement().execute(FIRST_VERSION);
                Random random = new Random(27);
                try (PreparedStatement compare = c.prepareStatement(
                        "select search_grams(d)::text, search_grams_v14(d)::text, search_grams(d) = search_grams_v14(d)"
                        + " from (select search_doc(array[?]) d) x")) {
                    for (int t = 0; t < 3_000; t++) {
                        String text = randomText(random, t);
                        compare.setString(1, text);
                        try (ResultSet rs = compare.executeQuery()) {
                            rs.next();
                            assertThat(rs.getString(1)).as("text %d: %s", t, text).isEqualTo(rs.getString(2));
                            assertThat(rs.getBoolean(3)).isTrue();
                        }
                    }
                }
                try (ResultSet rs = c.createStatement().executeQuery("select search_grams(''), search_grams('x')::text")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("{}");
                    assertThat(rs.getString(2)).isEqualTo("{}");
                }
            }
        }
    }

    private static String randomText(Random random, int t) {
        StringBuilder text = new StringBuilder();
        int pieces = t % 10 == 0 ? 200 : random.nextInt(15); // some long ones, some empty
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(4) == 0) {
                text.appendCodePoint(random.nextBoolean() ? 0x20 + random.nextInt(0x60) : 0x4E00 + random.nextInt(500));
            }
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}
