package io.contacthub.intake;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every {@code hub.intake.sweep-every}, queues again the messages left RECEIVED with nothing
 * happening to them for {@code hub.intake.stuck-after} (an error that escaped an attempt, an
 * attempt cut off or timed out, a queue entry lost), and FAILs those that have used up their
 * attempts, so no message waits for a restart and none loops forever. Safe with several nodes:
 * each takes its rows with {@code for update skip locked}.
 */
@Component
class StuckMessageSweeper {

    private static final Logger log = LoggerFactory.getLogger(StuckMessageSweeper.class);
    private static final int BATCH = 500;

    private final MessageStore store;
    private final IntakeQueue queue;
    private final IntakeProperties properties;
    private ScheduledExecutorService sweeper;

    StuckMessageSweeper(MessageStore store, IntakeQueue queue, IntakeProperties properties) {
        this.store = store;
        this.queue = queue;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        // Its own thread: queueing blocks while the processing queue is full (back-pressure).
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "intake-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.sweepEvery().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    /** One sweep; returns how many messages it queued again. */
    int sweep() {
        for (MessageStore.Claim failed : store.giveUpStuck(properties.maxAttempts(), properties.stuckAfter())) {
            log.warn("message {} ({} {}) FAILED: {}", failed.messageId(), failed.channel(), failed.externalId(), failed.reason());
        }
        List<Long> stuck = store.takeStuck(properties.maxAttempts(), properties.stuckAfter(), BATCH);
        for (long id : stuck) {
            queue.enqueue(id);
        }
        if (!stuck.isEmpty()) {
            log.info("queued again {} message(s) left RECEIVED for over {} (hub.intake.stuck-after): {}", stuck.size(),
                    properties.stuckAfter(), stuck.size() > 20 ? stuck.subList(0, 20) + "…" : stuck);
        }
        return stuck.size();
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (Throwable e) { // anything escaping would cancel the schedule for good
            log.warn("sweeping stuck messages failed, trying again in {}: {}", properties.sweepEvery(), e.toString());
        }
    }
}
