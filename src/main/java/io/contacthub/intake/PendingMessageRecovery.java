package io.contacthub.intake;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Messages committed but never settled (the hub stopped or crashed in between) are queued again
 * at start-up. Runs in the background: the queue is bounded, so a large backlog feeds in at the
 * pace the workers take it while intake stays open. One whose attempts are used up is FAILED when
 * its turn comes (see {@link MessageStore#claim}); one whose attempt was cut off by the stop is taken
 * up once that attempt's heartbeat is older than {@code hub.intake.stuck-after}
 * ({@link StuckMessageSweeper}), since another node may still be working on it.
 */
@Component
class PendingMessageRecovery {

    private static final Logger log = LoggerFactory.getLogger(PendingMessageRecovery.class);
    private static final int BATCH = 1000;

    private final MessageStore store;
    private final IntakeQueue queue;

    PendingMessageRecovery(MessageStore store, IntakeQueue queue) {
        this.store = store;
        this.queue = queue;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        Thread thread = new Thread(this::requeueAll, "intake-recovery");
        thread.setDaemon(true);
        thread.start();
    }

    private void requeueAll() {
        long after = 0;
        int total = 0;
        try {
            List<Long> ids;
            while (!(ids = store.pendingIds(after, BATCH)).isEmpty()) {
                store.markQueued(ids); // so the sweeper does not queue them a second time meanwhile
                for (long id : ids) {
                    queue.enqueue(id);
                }
                total += ids.size();
                after = ids.get(ids.size() - 1);
            }
            if (total > 0) {
                log.info("resumed {} message(s) left unprocessed by the previous run", total);
            }
        } catch (RuntimeException e) {
            log.warn("resuming unprocessed messages stopped after {}: {}", total, e.toString());
        }
    }
}
