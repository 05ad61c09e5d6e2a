package io.contacthub.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Token buckets kept in one PostgreSQL for two nodes. */
class SharedBucketsTest {

    private static ClusterDatabase database;
    private static DataSource nodeAPool;
    private static SharedBuckets nodeA;
    private static SharedBuckets nodeB;

    @BeforeAll
    static void twoNodes() throws Exception {
        database = new ClusterDatabase();
        nodeAPool = database.node("node-a");
        nodeA = new SharedBuckets(nodeAPool, true);
        nodeB = new SharedBuckets(database.node("node-b"), true);
    }

    @AfterAll
    static void stop() throws Exception {
        nodeA.close();
        nodeB.close();
        database.close();
    }

    @Test
    void twoNodesConcurrentlyGiveOutTheCapacityOnceInTotal() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                SharedBuckets node = i % 2 == 0 ? nodeA : nodeB;
                takes.add(() -> node.take("concurrent", 50, Duration.ofMinutes(1)).taken());
            }
            int taken = 0;
            for (Future<Boolean> take : threads.invokeAll(takes)) {
                taken += take.get() ? 1 : 0;
            }
            assertThat(taken).isEqualTo(50);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRefusedTakeSaysWhenTheNextTokenIsThereAndItIsThenGiven() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat((i % 2 == 0 ? nodeA : nodeB).take("refill", 4, Duration.ofSeconds(2)).taken()).isTrue();
        }
        SharedBuckets.Take refused = nodeB.take("refill", 4, Duration.ofSeconds(2));
        assertThat(refused.taken()).isFalse();
        assertThat(Duration.ofNanos(refused.nanosToWait())).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
        Thread.sleep(Duration.ofNanos(refused.nanosToWait()).plusMillis(20).toMillis());
        assertThat(nodeA.take("refill", 4, Duration.ofSeconds(2)).taken()).as("one token refilled after 2 s / 4").isTrue();
        assertThat(nodeB.take("refill", 4, Duration.ofSeconds(2)).taken()).as("only one").isFalse();
    }

    @Test
    void aTokenGivenBackOnOneNodeCanBeTakenOnTheOther() {
        assertThat(nodeA.take("given-back", 1, Duration.ofMinutes(1)).taken()).isTrue();
        assertThat(nodeB.take("given-back", 1, Duration.ofMinutes(1)).taken()).isFalse();
        nodeA.giveBack("given-back", 1, Duration.ofMinutes(1));
        assertThat(nodeB.take("given-back", 1, Duration.ofMinutes(1)).taken()).isTrue();
    }

    @Test
    void pruningDeletesOnlyBucketsThatAreFullAgain() throws Exception {
        nodeA.take("prune-full-soon", 10, Duration.ofMillis(100));
        nodeA.take("prune-still-used", 1, Duration.ofHours(1));
        Thread.sleep(200);
        nodeB.prune();
        List<String> left = JdbcClient.create(nodeAPool).sql("select key from shared_bucket where key like 'prune-%'")
                .query(String.class).list();
        assertThat(left).containsExactly("prune-still-used");
        assertThat(nodeB.take("prune-still-used", 1, Duration.ofHours(1)).taken()).as("its state is kept").isFalse();
    }

    @Test
    void aSingleNodeDoesNotUseTheDatabase() {
        SharedBuckets single = new SharedBuckets(nodeAPool, false);
        assertThat(single.active()).isFalse();
        assertThatThrownBy(() -> single.take("single", 1, Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class);
    }
}
