package io.contacthub.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the shared database goes away, a limit answers "unavailable" at once, instead of holding the request. */
class SharedLimitsWithoutDatabaseTest {

    @Test
    void aStoppedDatabaseMakesBucketsAndCountersUnavailableWithinTheirTimeout() throws Exception {
        try (ClusterDatabase database = new ClusterDatabase();
             SharedBuckets buckets = new SharedBuckets(database.node("node-a"), true);
             SharedCounters counters = new SharedCounters(database.node("node-b"), true)) {
            assertThat(buckets.take("up", 5, Duration.ofMinutes(1)).taken()).isTrue();
            counters.add(List.of("up"), Instant.now(), Duration.ofMinutes(1));

            database.stopServer();

            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> buckets.take("up", 5, Duration.ofMinutes(1))).isInstanceOf(SharedLimitUnavailable.class);
                assertThatThrownBy(() -> counters.read(List.of("up"), Instant.now())).isInstanceOf(SharedLimitUnavailable.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("two calls, each bounded by " + SharedCalls.TIMEOUT).isLessThan(SharedCalls.TIMEOUT.multipliedBy(2).plusMillis(500));
            }
        }
    }
}
