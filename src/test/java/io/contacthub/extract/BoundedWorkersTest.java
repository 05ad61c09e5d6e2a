package io.contacthub.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.contacthub.extract.speech.SpeechToText;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedWorkersTest {

    @Test
    void aCallerBeyondWorkersPlusQueueBlocksUntilAPlaceFreesAndNothingRunsBeyondTheWorkerCount() throws Exception {
        try (BoundedWorkers pool = new BoundedWorkers("test", 1, 1)) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            AtomicInteger started = new AtomicInteger();
            Runnable job = () -> {
                started.incrementAndGet();
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
            };
            CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> pool.run(() -> { job.run(); return 1; }));
            await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 1);
            CompletableFuture<Object> second = CompletableFuture.supplyAsync(() -> pool.run(() -> { job.run(); return 2; }));
            await().atMost(Duration.ofSeconds(5)).until(() -> pool.inPool() == 2);

            Thread third = new Thread(() -> pool.run(() -> { job.run(); return 3; }), "third-caller");
            third.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> third.getState() == Thread.State.WAITING);
            assertThat(pool.inPool()).as("the third caller waits outside the pool").isEqualTo(2);
            assertThat(started.get()).isEqualTo(1);

            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(2);
            third.join(5000);
            assertThat(third.isAlive()).isFalse();
            assertThat(started.get()).isEqualTo(3);
            assertThat(maxRunning.get()).isEqualTo(1);
            assertThat(pool.inPool()).isZero();
        }
    }

    @Test
    void aJobsRuntimeExceptionReachesTheCallerUnwrappedAndFreesItsPlace() throws Exception {
        try (BoundedWorkers pool = new BoundedWorkers("test", 1, 0)) {
            assertThatThrownBy(() -> pool.run(() -> {
                throw new SpeechToText.UnreadableAudioException("empty audio (0 bytes)");
            })).isInstanceOf(SpeechToText.UnreadableAudioException.class).hasMessage("empty audio (0 bytes)");
            assertThat(pool.<Integer>run(() -> 42)).isEqualTo(42);
        }
    }
}
