package io.contacthub.intake;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The processing attempts running on this node. A heartbeat tells the database they are alive, so
 * the sweeper leaves their messages alone however long the work takes (OCR of a long fax) — until
 * an attempt passes {@code hub.intake.attempt-timeout}: then it counts as timed out, its message is
 * free for the next attempt, and after the last one it is FAILED. A Java thread stuck in a loop
 * cannot be stopped; it is reported and no longer holds the message.
 */
@Component
class InFlightAttempts {

    private static final Logger log = LoggerFactory.getLogger(InFlightAttempts.class);

    private final MessageStore store;
    private final IntakeProperties properties;
    private final Map<Attempt, Boolean> running = new ConcurrentHashMap<>();
    private ScheduledExecutorService heartbeat;

    InFlightAttempts(MessageStore store, IntakeProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    Attempt start(long messageId, int number) {
        return start(messageId, number, Instant.now());
    }

    Attempt start(long messageId, int number, Instant started) {
        Attempt attempt = new Attempt(messageId, number, started, Thread.currentThread());
        running.put(attempt, Boolean.FALSE);
        return attempt;
    }

    void finish(Attempt attempt) {
        running.remove(attempt);
    }

    /** The ids of messages whose attempts here are alive and within the timeout; reports newly timed-out ones. */
    List<Long> alive(Instant now) {
        Duration timeout = properties.attemptTimeout();
        running.replaceAll((attempt, reported) -> {
            boolean timedOut = attempt.started().plus(timeout).isBefore(now);
            if (timedOut && !reported) {
                log.warn("message {} attempt {} has run for over {} (hub.intake.attempt-timeout) in thread {}: it no longer"
                         + " holds the message, which is retried or given up", attempt.messageId(), attempt.number(), timeout,
                        attempt.thread().getName());
            }
            return timedOut;
        });
        return running.entrySet().stream().filter(e -> !e.getValue()).map(e -> e.getKey().messageId()).distinct().toList();
    }

    // From construction to destruction: attempts run before the application is ready (mail polled as
    // routes start) and while routes drain at shutdown, and every one of them must keep its message.
    @PostConstruct
    void startHeartbeat() {
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "intake-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.heartbeatEvery().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopHeartbeat() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
    }

    private void beat() {
        try {
            store.heartbeat(alive(Instant.now()));
        } catch (Throwable e) { // anything escaping would cancel the schedule for good
            // The database may be away for a moment; the next beat comes well within stuck-after.
            log.warn("processing heartbeat failed: {}", e.toString());
        }
    }

    /** One attempt; distinct even when the same message is attempted twice here (a timed-out one still running). */
    static final class Attempt {
        private final long messageId;
        private final int number;
        private final Instant started;
        private final Thread thread;

        Attempt(long messageId, int number, Instant started, Thread thread) {
            this.messageId = messageId;
            this.number = number;
            this.started = started;
            this.thread = thread;
        }

        long messageId() {
            return messageId;
        }

        int number() {
            return number;
        }

        Instant started() {
            return started;
        }

        Thread thread() {
            return thread;
        }
    }
}
