package io.contacthub.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Forgetting counters kept in one PostgreSQL for two nodes. */
class SharedCountersTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private static ClusterDatabase database;
    private static SharedCounters nodeA;
    private static SharedCounters nodeB;

    @BeforeAll
    static void twoNodes() throws Exception {
        database = new ClusterDatabase();
        nodeA = new SharedCounters(database.node("node-a"), true);
        nodeB = new SharedCounters(database.node("node-b"), true);
    }

    @AfterAll
    static void stop() throws Exception {
        nodeA.close();
        nodeB.close();
        database.close();
    }

    @Test
    void additionsOnBothNodesAtOnceAreAllCounted() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Object>> adds = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                SharedCounters node = i % 2 == 0 ? nodeA : nodeB;
                adds.add(() -> node.add(List.of("both|x", "both|y"), T0, Duration.ofHours(1)));
            }
            for (var add : threads.invokeAll(adds)) {
                add.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(nodeA.read(List.of("both|x", "both|y", "both|z"), T0))
                .containsOnlyKeys("both|x", "both|y")
                .allSatisfy((key, count) -> assertThat(count.count()).isEqualTo(60));
    }

    @Test
    void aCounterIsForgottenAfterItsLastChangeAndThenStartsAgain() {
        nodeA.add(List.of("forget"), T0, Duration.ofMinutes(10));
        nodeB.add(List.of("forget"), T0.plusSeconds(300), Duration.ofMinutes(10));
        assertThat(nodeA.read(List.of("forget"), T0.plusSeconds(599)).get("forget"))
                .isEqualTo(new SharedCounters.Count(2, T0.plusSeconds(300)));
        assertThat(nodeA.read(List.of("forget"), T0.plusSeconds(901))).as("10 min after the last").isEmpty();
        assertThat(nodeB.add(List.of("forget"), T0.plusSeconds(901), Duration.ofMinutes(10))).containsEntry("forget", 1);
    }

    @Test
    void aMarkIsSeenOnTheOtherNodeUntilItIsForgotten() {
        nodeA.mark("mark", T0, Duration.ofDays(1));
        assertThat(nodeB.read(List.of("mark"), T0.plusSeconds(3600))).containsKey("mark");
        nodeB.forget("mark");
        assertThat(nodeA.read(List.of("mark"), T0.plusSeconds(3600))).isEmpty();
    }
}
