package io.contacthub.deferred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.contacthub.testsupport.HubIntegrationTest;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Catch-up item locks against the hub's PostgreSQL: each session stands for a run on its own
 * connection, as a run on another node would be.
 */
class ItemLocksTest extends HubIntegrationTest {

    @Autowired
    ItemLocks locks;
    @Autowired
    JdbcClient jdbc;

    private final long item = ThreadLocalRandom.current().nextLong(1_000_000, Integer.MAX_VALUE);

    @Test
    void anItemHeldByOneRunIsRefusedToAnotherUntilItIsReleased() {
        long before = locks.heldNow(CatchUp.FAX_OCR);
        try (ItemLocks.Session one = locks.open(CatchUp.FAX_OCR); ItemLocks.Session other = locks.open(CatchUp.FAX_OCR)) {
            assertThat(one.tryLock(item)).isTrue();
            assertThat(other.tryLock(item)).as("held by the first run").isFalse();
            assertThat(other.tryLock(item + 1)).as("the rest of the backlog is free").isTrue();
            assertThat(locks.heldNow(CatchUp.FAX_OCR)).isEqualTo(before + 2);

            one.unlock(item);
            assertThat(other.tryLock(item)).isTrue();
        }
        assertThat(locks.heldNow(CatchUp.FAX_OCR)).as("closing a session frees what it held").isEqualTo(before);
    }

    @Test
    void kindsDoNotShareLocksForTheSameId() {
        try (ItemLocks.Session fax = locks.open(CatchUp.FAX_OCR); ItemLocks.Session voice = locks.open(CatchUp.TRANSCRIPTION)) {
            assertThat(fax.tryLock(item)).isTrue();
            assertThat(voice.tryLock(item)).isTrue();
        }
    }

    @Test
    void theLocksOfARunWhoseConnectionDiesAreFreed() {
        ItemLocks.Session dying = locks.open(CatchUp.TRANSCRIPTION);
        assertThat(dying.tryLock(item)).isTrue();
        // What a node's crash or lost network does to its session.
        jdbc.sql("select pg_terminate_backend(?)").param(dying.backendPid()).query(Boolean.class).single();

        try (ItemLocks.Session survivor = locks.open(CatchUp.TRANSCRIPTION)) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> survivor.tryLock(item));
        }
        assertThat(catchThrowable(dying::close)).as("the dead session cannot be used any more").isNotNull();
    }
}
