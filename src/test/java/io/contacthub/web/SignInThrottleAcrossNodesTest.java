package io.contacthub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.limits.ClusterDatabase;
import io.contacthub.limits.SharedCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sign-in throttle of two nodes behind a load balancer, on one real PostgreSQL and one clock the test moves. */
class SignInThrottleAcrossNodesTest {

    private final MovableClock clock = new MovableClock();
    private ClusterDatabase database;
    private SharedCounters countersA;
    private SharedCounters countersB;
    private LoginThrottle nodeA;
    private LoginThrottle nodeB;

    @BeforeEach
    void twoNodes() throws Exception {
        database = new ClusterDatabase();
        countersA = new SharedCounters(database.node("node-a"), true);
        countersB = new SharedCounters(database.node("node-b"), true);
        nodeA = throttle(countersA);
        nodeB = throttle(countersB);
    }

    @AfterEach
    void stop() throws Exception {
        countersA.close();
        countersB.close();
        database.close();
    }

    private LoginThrottle throttle(SharedCounters counters) {
        return new LoginThrottle(5, 20, 20, Duration.ofSeconds(30), Duration.ofMinutes(15), clock,
                new SharedSignInMemory(counters, Duration.ofHours(24), Duration.ofDays(30)));
    }

    @Test
    void failuresOnBothNodesCountTogether() {
        for (int i = 0; i < 4; i++) {
            (i % 2 == 0 ? nodeA : nodeB).failed("staff", "agent", "10.0.0.1");
        }
        assertThat(nodeA.delay("staff", "agent", "10.0.0.1")).isZero();
        nodeB.failed("staff", "agent", "10.0.0.1");
        assertThat(nodeA.delay("staff", "agent", "10.0.0.1")).as("five failures, on either node").isEqualTo(Duration.ofSeconds(30));
        assertThat(nodeB.delay("staff", "agent", "10.0.0.1")).isEqualTo(Duration.ofSeconds(30));
        nodeA.failed("staff", "agent", "10.0.0.1");
        assertThat(nodeB.delay("staff", "agent", "10.0.0.1")).isEqualTo(Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(60));
        assertThat(nodeB.delay("staff", "agent", "10.0.0.1")).isZero();
    }

    @Test
    void aBotnetSpreadOverBothNodesIsSlowedPerAccountButTheOwnerAtAKnownAddressIsNot() {
        nodeA.succeeded("staff", "admin", "192.0.2.10");
        for (int i = 0; i < 20; i++) {
            (i % 2 == 0 ? nodeA : nodeB).failed("staff", "admin", "203.0.113." + i);
        }
        assertThat(nodeB.delay("staff", "admin", "203.0.113.200")).isEqualTo(Duration.ofSeconds(30));
        assertThat(nodeB.delay("staff", "admin", "192.0.2.10")).as("signed in from there before, on the other node").isZero();
    }

    @Test
    void aSuccessOnOneNodeClearsTheAccountsCountAtThatAddressOnTheOther() {
        for (int i = 0; i < 5; i++) {
            nodeA.failed("portal", "member", "10.0.0.5");
        }
        assertThat(nodeB.delay("portal", "member", "10.0.0.5")).isPositive();
        nodeA.succeeded("portal", "member", "10.0.0.5");
        assertThat(nodeB.delay("portal", "member", "10.0.0.5")).isZero();
        assertThat(nodeB.delay("staff", "member", "10.0.0.5")).as("realms are counted apart").isZero();
    }

    @Test
    void concurrentFailuresOnBothNodesAreAllCounted() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Object>> failures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                LoginThrottle node = i % 2 == 0 ? nodeA : nodeB;
                String address = "198.51.100." + i;
                failures.add(() -> {
                    node.failed("staff", "target", address);
                    return null;
                });
            }
            for (var failure : threads.invokeAll(failures)) {
                failure.get();
            }
        } finally {
            threads.shutdownNow();
        }
        // 40 failures over all addresses: 20 free, then 30 s × 2^20, at most the maximum.
        assertThat(nodeA.delay("staff", "target", "198.51.100.250")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anUnreachableDatabaseRefusesTheAttemptForAFewSecondsAtOnce() throws Exception {
        database.stopServer();
        long started = System.nanoTime();
        assertThat(nodeA.delay("staff", "agent", "10.0.0.9")).isEqualTo(Duration.ofSeconds(LoginThrottle.RETRY_WHEN_UNAVAILABLE_SECONDS));
        nodeB.failed("staff", "agent", "10.0.0.9"); // not counted, and not thrown at the sign-in
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
