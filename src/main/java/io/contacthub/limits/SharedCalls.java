package io.contacthub.limits;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the limits' database statements on a few threads of their own and waits for an answer at most {@link #TIMEOUT}.
 * A statement timeout alone would not do: while the database is unreachable, taking a connection from the pool waits
 * for the pool's connection timeout (30 s), and a limit is checked on the request's thread. When the threads are busy
 * and the queue is full the answer is "unavailable" at once, so a database outage never piles up waiting requests.
 */
final class SharedCalls implements AutoCloseable {

    /** Long enough for a busy database's single-row upsert, short enough that a request is not held noticeably. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(SharedCalls.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Duration timeout;
    private final ThreadPoolExecutor threads;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    SharedCalls(Duration timeout) {
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(8, 8, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "shared-limits-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        this.threads.allowCoreThreadTimeOut(true);
    }

    <T> T call(String what, Callable<T> statement) {
        Future<T> answer;
        try {
            answer = threads.submit(statement);
        } catch (RejectedExecutionException e) {
            throw unavailable(what, "too many limit checks waiting for the database", e);
        }
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Not interrupted: an interrupt can break the pooled connection; the statement ends on its own timeout.
            answer.cancel(false);
            throw unavailable(what, "no answer from the database within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw unavailable(what, String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what, "interrupted", e);
        }
    }

    private SharedLimitUnavailable unavailable(String what, String why, Throwable cause) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            log.warn("Shared limits: cannot check {} ({}); such requests are refused until the database answers "
                    + "(logged at most once a minute)", what, why);
        }
        return new SharedLimitUnavailable("shared limit " + what + " unavailable: " + why, cause);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
