package io.contacthub.extract;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of worker threads with a bounded number of waiting jobs. {@link #run} hands the
 * job to a worker and waits for its result; when {@code workers + queueSize} jobs are already in
 * the pool, the caller blocks until one finishes (back-pressure instead of an unbounded queue or
 * a rejected message). Shared by speech-to-text and OCR, which is why it lives beside them rather than in either.
 */
public final class BoundedWorkers implements AutoCloseable {

    private final ExecutorService threads;
    private final Semaphore places;
    private final int capacity;

    public BoundedWorkers(String name, int workers, int queueSize) {
        if (workers < 1 || queueSize < 0) {
            throw new IllegalArgumentException("workers must be >= 1 and queue size >= 0: " + workers + ", " + queueSize);
        }
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.capacity = workers + queueSize;
        this.places = new Semaphore(capacity, true);
    }

    /** Runs the job on a worker, blocking first while the pool is full; runtime exceptions pass through. */
    public <T> T run(Callable<T> job) {
        try {
            places.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a worker", e);
        }
        try {
            Future<T> future = threads.submit(job);
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a worker's result", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause().toString(), e.getCause());
        } finally {
            places.release();
        }
    }

    /** Jobs running or waiting right now. */
    public int inPool() {
        return capacity - places.availablePermits();
    }

    /** Stops taking jobs; true when the running ones finished within the timeout. */
    public boolean shutdown(long seconds) throws InterruptedException {
        threads.shutdown();
        return threads.awaitTermination(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        shutdown(30);
    }
}
