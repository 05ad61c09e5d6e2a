package io.contacthub.intake;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queues the messages that were committed while the processing queue was full ({@link IntakeQueue#offer}),
 * oldest first, as fast as the queue frees up: the database holds the backlog, the queue only what the
 * workers are about to take. Without it such messages would wait for the stuck-message sweeper
 * ({@code hub.intake.stuck-after}); with it a peak drains at the workers' pace. A message queued twice
 * (fed here while a redelivery queued it too) is processed once: an attempt is claimed in the database.
 */
@Component
class BacklogFeeder {

    private static final Logger log = LoggerFactory.getLogger(BacklogFeeder.class);
    private static final long NONE = Long.MAX_VALUE;

    private final JdbcClient jdbc;
    private final ObjectProvider<IntakeQueue> queue;
    /** The lowest id left unqueued, or NONE; guarded by this. */
    private long from = NONE;
    /** Counts spills, so the feeder never stops while one it has not looked for is waiting; guarded by this. */
    private long spills;
    private final ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "intake-backlog");
        thread.setDaemon(true);
        return thread;
    });

    BacklogFeeder(JdbcClient jdbc, ObjectProvider<IntakeQueue> queue) {
        this.jdbc = jdbc;
        this.queue = queue;
    }

    /** A committed message that found the queue full. */
    synchronized void spilled(long messageId) {
        spills++;
        if (from == NONE) {
            log.info("processing queue full: message {} and later ones wait RECEIVED in the database, queued as room frees",
                    messageId);
            feeder.schedule(this::feedQuietly, 50, TimeUnit.MILLISECONDS);
        }
        from = Math.min(from, messageId);
    }

    /** Whether messages wait in the database for room in the queue. */
    synchronized boolean backlogged() {
        return from != NONE;
    }

    private synchronized long[] position() {
        return new long[] {from, spills};
    }

    /** Moves the start past what was fed, or ends the backlog when nothing was left and nothing spilled since. */
    private synchronized boolean advance(long start, long seen, List<Long> fed) {
        if (fed.isEmpty()) {
            if (spills == seen && from == start) {
                from = NONE;
                return false;
            }
            return true;
        }
        if (from == start) {
            from = fed.get(fed.size() - 1) + 1;
        } // else a lower id spilled meanwhile (ids are taken before their transactions commit): keep it
        return true;
    }

    private void feedQuietly() {
        try {
            feed();
        } catch (Throwable e) {
            // The database may be away: try again shortly; the stuck-message sweeper is the last resort.
            log.warn("feeding the processing backlog failed, trying again in 1 s: {}", e.toString());
            feeder.schedule(this::feedQuietly, 1, TimeUnit.SECONDS);
        }
    }

    private void feed() {
        IntakeQueue target = queue.getObject();
        long fed = 0;
        boolean more = true;
        while (more) {
            long[] at = position();
            long start = at[0];
            if (start == NONE) {
                break;
            }
            int room = target.room();
            if (room <= 0) {
                sleep();
                continue;
            }
            List<Long> ids = jdbc.sql("""
                            select id from inbound_message where status = 'RECEIVED' and id >= ? and attempt_started_at is null
                            order by id limit ?""")
                    .params(start, Math.min(room, 500)).query(Long.class).list();
            for (long id : ids) {
                target.enqueue(id);
            }
            fed += ids.size();
            more = advance(start, at[1], ids);
        }
        if (fed > 0) {
            log.info("processing backlog drained into the queue: {} message(s)", fed);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        feeder.shutdownNow();
    }
}
