package io.contacthub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several candidates on one real PostgreSQL, with the INT_LOCK table of the hub's migration: one leads at a time,
 * a clean stop hands over at once, a node that dies holding the lock is replaced when its lease runs out.
 */
class LeadershipElectionTest {

    private static final Duration LEASE = Duration.ofSeconds(10);

    private static EmbeddedPostgres postgres;
    private static HikariDataSource shared;
    private static JdbcClient jdbc;
    private final List<Leadership> started = new CopyOnWriteArrayList<>();
    private final List<HikariDataSource> pools = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        shared = pool();
        jdbc = JdbcClient.create(shared);
        jdbc.sql(Files.readString(Path.of("src/main/resources/db/migration/V24__cluster_leadership.sql"))).update();
    }

    @AfterAll
    static void closeDatabase() throws Exception {
        shared.close();
        postgres.close();
    }

    @AfterEach
    void stopCandidates() {
        started.forEach(Leadership::stop);
        pools.forEach(HikariDataSource::close);
        jdbc.sql("delete from int_lock").update();
    }

    @Test
    void exactlyOneOfTwoNodesLeadsAndTheOtherLeadsWithinSecondsOfACleanStop() {
        Events eventsA = new Events();
        Events eventsB = new Events();
        Leadership a = candidate("node-a", shared, eventsA);
        Leadership b = candidate("node-b", shared, eventsB);

        await().atMost(Duration.ofSeconds(5)).until(() -> a.isLeader() || b.isLeader());
        // Both keep competing for several renewals of the lease: never both, never neither.
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < until) {
            assertThat(a.isLeader() ^ b.isLeader()).as("exactly one leads").isTrue();
        }
        Leadership leader = a.isLeader() ? a : b;
        Leadership other = leader == a ? b : a;
        Events leaderEvents = leader == a ? eventsA : eventsB;
        Events otherEvents = leader == a ? eventsB : eventsA;
        assertThat(leaderEvents.list).containsExactly("start");
        assertThat(otherEvents.list).isEmpty();
        assertThat(jdbc.sql("select count(*) from int_lock where region = 'contact-hub'").query(Long.class).single()).isOne();

        long stoppedAt = System.nanoTime();
        leader.stop();
        assertThat(leaderEvents.list).containsExactly("start", "stop");
        await().atMost(Duration.ofSeconds(4)).until(other::isLeader);
        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(LEASE.minusSeconds(4));
        assertThat(otherEvents.list).containsExactly("start");
    }

    @Test
    void aNodeThatDiedHoldingTheLockIsReplacedWhenItsLeaseRunsOutWellWithinThirtySeconds() {
        // A node that took the lock and then died: its row stays, nobody renews it.
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                        insert into int_lock (lock_key, region, client_id, created_date, expired_after)
                        values (?, 'contact-hub', ?, ?, ?)""")
                .params(lockKey(), UUID.randomUUID().toString(), now, now.plus(LEASE)).update();
        long diedAt = System.nanoTime();
        Events events = new Events();
        Leadership survivor = candidate("node-b", shared, events);

        await().atMost(Duration.ofSeconds(30)).until(survivor::isLeader);
        Duration takeover = Duration.ofNanos(System.nanoTime() - diedAt);
        assertThat(takeover).as("not before the dead node's lease ran out").isGreaterThan(LEASE.minusSeconds(1))
                .as("within the lease and a margin").isLessThan(LEASE.plusSeconds(5));
        assertThat(events.list).containsExactly("start");
    }

    @Test
    void aLeaderThatLosesTheDatabaseStopsItsPollersAndAnotherNodeTakesOverAfterTheLease() {
        HikariDataSource ownPool = pool();
        pools.add(ownPool);
        Events eventsA = new Events();
        Leadership a = candidate("node-a", ownPool, eventsA);
        await().atMost(Duration.ofSeconds(5)).until(a::isLeader);
        Events eventsB = new Events();
        Leadership b = candidate("node-b", shared, eventsB);

        // Node A's database connections go away without a word to the lock row.
        long lostAt = System.nanoTime();
        ownPool.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> !a.isLeader());
        assertThat(eventsA.list).containsExactly("start", "stop");
        await().atMost(Duration.ofSeconds(30)).until(b::isLeader);
        assertThat(Duration.ofNanos(System.nanoTime() - lostAt)).isLessThan(LEASE.plusSeconds(5));
        assertThat(eventsB.list).containsExactly("start");
    }

    @Test
    void aFollowerRegisteredAfterTheGrantStartsAtOnce() {
        Leadership a = candidate("node-a", shared, new Events());
        await().atMost(Duration.ofSeconds(5)).until(a::isLeader);
        Events late = new Events();
        a.whileLeading("late feature", () -> late.list.add("start"), () -> late.list.add("stop"));
        assertThat(late.list).containsExactly("start");
        a.stop();
        assertThat(late.list).containsExactly("start", "stop");
    }

    @Test
    void aNodeWithoutTheIntakeRoleNeverLeadsAndOneNodeAloneAlwaysLeadsWithoutTheLockTable() {
        Leadership processingOnly = new Leadership("processing-1", true, false, LEASE, shared);
        Events events = new Events();
        processingOnly.whileLeading("pollers", () -> events.list.add("start"), () -> events.list.add("stop"));
        processingOnly.start();
        started.add(processingOnly);

        Leadership single = new Leadership("hub", false, true, LEASE, null); // no database: it must not need one
        Events singleEvents = new Events();
        single.whileLeading("pollers", () -> singleEvents.list.add("start"), () -> singleEvents.list.add("stop"));
        single.start();
        assertThat(single.isLeader()).isTrue();
        assertThat(singleEvents.list).containsExactly("start");
        single.stop();

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> !processingOnly.isLeader());
        assertThat(events.list).isEmpty();
        assertThat(jdbc.sql("select count(*) from int_lock").query(Long.class).single()).isZero();
    }

    private Leadership candidate(String node, HikariDataSource dataSource, Events events) {
        Leadership leadership = new Leadership(node, true, true, LEASE, dataSource);
        leadership.whileLeading("pollers of " + node, () -> events.list.add("start"), () -> events.list.add("stop"));
        leadership.start();
        started.add(leadership);
        return leadership;
    }

    /** The row key Spring Integration's JDBC lock registry gives the leader lock. */
    private static String lockKey() {
        return UUID.nameUUIDFromBytes(Leadership.ROLE.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private static HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(2_000);
        return new HikariDataSource(config);
    }

    private static final class Events {
        final List<String> list = new CopyOnWriteArrayList<>();
    }
}
