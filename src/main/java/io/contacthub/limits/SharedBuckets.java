package io.contacthub.limits;

import io.contacthub.cluster.NodeRoles;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token buckets in PostgreSQL, one row per key, for limits that must hold across nodes. The semantics are those of
 * the in-memory Bucket4j bucket they stand in for ({@code capacity}, refilled greedily: {@code capacity} tokens per
 * {@code period}, continuously, never above {@code capacity}): a key may take {@code capacity} at once, then one every
 * {@code period / capacity}. Kept as the generic cell rate algorithm, the token bucket's exact equivalent with one
 * timestamp per key: {@code full_at}, when the bucket is full again. A take at {@code now} succeeds while
 * {@code full_at - now <= (capacity - 1) × interval} and moves {@code full_at} one {@code interval} later. Time is the
 * database's ({@code statement_timestamp()}, microseconds; {@code interval} is rounded to a microsecond), so nodes with
 * skewed clocks still share one budget.
 * <p>
 * One take is one statement ({@code insert ... on conflict do update ... returning}): the row is locked only while
 * that statement runs, and concurrent takes on one key are serialised by PostgreSQL, so {@code capacity} tokens are
 * given out once in total, whichever nodes ask. A row whose {@code full_at} has passed is the same as no row, so
 * {@link #prune()} deletes it. The table is unlogged: a database crash forgets the buckets (every key starts full), as
 * a node's restart does in memory, and no WAL is written for every request.
 * <p>
 * When the database does not answer within {@link SharedCalls#TIMEOUT}, a take throws
 * {@link SharedLimitUnavailable} rather than hold the request.
 */
@Component
public class SharedBuckets implements AutoCloseable {

    /** The answer of one take: taken, or refused until {@code nanosToWait} from now. */
    public record Take(boolean taken, long nanosToWait) {
    }

    private final boolean active;
    private final JdbcClient jdbc;
    private final SharedCalls calls = new SharedCalls(SharedCalls.TIMEOUT);

    @Autowired
    SharedBuckets(DataSource dataSource, NodeRoles roles) {
        this(dataSource, roles.clustered());
    }

    /** @param active whether this node is one of a cluster (otherwise nothing may ask here, and nothing is pruned) */
    public SharedBuckets(DataSource dataSource, boolean active) {
        this.active = active;
        this.jdbc = JdbcClient.create(boundedStatements(dataSource));
    }

    /** Whether limits are to be kept here: this node is one of a cluster. */
    public boolean active() {
        return active;
    }

    /** Takes one token from {@code key}'s bucket, which is full on its first use. */
    public Take take(String key, long capacity, Duration period) {
        requireActive();
        long interval = intervalMicros(capacity, period);
        long tolerance = (capacity - 1) * interval;
        return calls.call("bucket " + key, () -> jdbc.sql("""
                        insert into shared_bucket as b (key, full_at, taken)
                        values (:key, statement_timestamp() + :interval * interval '1 microsecond', true)
                        on conflict (key) do update set
                            taken = greatest(b.full_at, statement_timestamp())
                                    <= statement_timestamp() + :tolerance * interval '1 microsecond',
                            full_at = case when greatest(b.full_at, statement_timestamp())
                                                <= statement_timestamp() + :tolerance * interval '1 microsecond'
                                           then greatest(b.full_at, statement_timestamp()) + :interval * interval '1 microsecond'
                                           else b.full_at end
                        returning taken, extract(epoch from full_at - statement_timestamp()) * 1000000 as ahead""")
                .param("key", key).param("interval", interval).param("tolerance", tolerance)
                .query((rs, row) -> rs.getBoolean("taken") ? new Take(true, 0)
                        : new Take(false, Math.max(0, (long) Math.ceil(rs.getDouble("ahead")) - tolerance) * 1000))
                .single());
    }

    /** Puts back a token taken from {@code key} that was not used after all (a full bucket stays full). */
    public void giveBack(String key, long capacity, Duration period) {
        requireActive();
        long interval = intervalMicros(capacity, period);
        calls.call("bucket " + key, () -> jdbc.sql(
                        "update shared_bucket set full_at = full_at - :interval * interval '1 microsecond' where key = :key")
                .param("key", key).param("interval", interval).update());
    }

    /** Forgets buckets that are full again: the next take finds none and starts from a full one, which is the same. */
    @Scheduled(initialDelay = 60_000, fixedDelay = 60_000)
    void prune() {
        if (active) {
            try {
                calls.call("pruning", () -> jdbc.sql("delete from shared_bucket where full_at < statement_timestamp()").update());
            } catch (SharedLimitUnavailable e) {
                // said by SharedCalls; the next round prunes what this one left
            }
        }
    }

    @Override
    public void close() {
        calls.close();
    }

    private void requireActive() {
        if (!active) {
            throw new IllegalStateException("shared buckets are for cluster mode; a single node keeps its limits in memory");
        }
    }

    /** A statement that runs this long is stuck behind a lock; end it rather than hold one of the few threads. */
    static JdbcTemplate boundedStatements(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setQueryTimeout(5);
        return template;
    }

    private static long intervalMicros(long capacity, Duration period) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a bucket needs a capacity of at least 1 and a positive period");
        }
        return Math.max(1, Math.round(period.toNanos() / 1000.0 / capacity));
    }
}
