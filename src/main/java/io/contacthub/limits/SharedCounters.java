package io.contacthub.limits;

import io.contacthub.cluster.NodeRoles;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counters in PostgreSQL that are forgotten a while after their last change, for limits that must hold across nodes
 * (the sign-in throttle's failures and known addresses). A counter is a count, the time of its last change and the
 * time it is forgotten; a forgotten one reads as absent and counts from 1 again. The time is the caller's
 * ({@code now}), so the counters follow the same clock as the in-memory ones they stand in for; nodes' clocks are
 * assumed to agree within seconds (NTP), which only shifts a delay by that much. An {@link #add} is one atomic upsert
 * of all its keys, so two nodes counting failures at once never lose one. Unlogged, like {@link SharedBuckets}: a
 * database crash forgets them, as a restart does in memory.
 * <p>
 * When the database does not answer within {@link SharedCalls#TIMEOUT}, a call throws {@link SharedLimitUnavailable}.
 */
@Component
public class SharedCounters implements AutoCloseable {

    /** A counter that is not forgotten yet. */
    public record Count(int count, Instant last) {
    }

    private final boolean active;
    private final JdbcClient jdbc;
    private final SharedCalls calls = new SharedCalls(SharedCalls.TIMEOUT);

    @Autowired
    SharedCounters(DataSource dataSource, NodeRoles roles) {
        this(dataSource, roles.clustered());
    }

    /** @param active whether this node is one of a cluster (otherwise nothing may ask here, and nothing is pruned) */
    public SharedCounters(DataSource dataSource, boolean active) {
        this.active = active;
        this.jdbc = JdbcClient.create(SharedBuckets.boundedStatements(dataSource));
    }

    public boolean active() {
        return active;
    }

    /** The counters of these keys that are not forgotten at {@code now}; absent keys are not in the map. */
    public Map<String, Count> read(Collection<String> keys, Instant now) {
        requireActive();
        List<String> list = List.copyOf(keys);
        return calls.call("counters", () -> {
            Map<String, Count> counts = new HashMap<>();
            jdbc.sql("select key, count, last_at from shared_counter where key = any(:keys) and forget_at > :now")
                    .param("keys", list.toArray(String[]::new)).param("now", Timestamp.from(now))
                    .query((rs, row) -> counts.put(rs.getString("key"),
                            new Count(rs.getInt("count"), rs.getTimestamp("last_at").toInstant())))
                    .list();
            return counts;
        });
    }

    /**
     * Adds one to each key at {@code now} (a forgotten key starts again at 1); each is forgotten {@code forgetAfter} later.
     *
     * @return the keys' counts after the addition
     */
    public Map<String, Integer> add(Collection<String> keys, Instant now, Duration forgetAfter) {
        requireActive();
        // Sorted, so two nodes adding the same keys lock their rows in one order and cannot deadlock.
        String[] sorted = keys.stream().sorted().distinct().toArray(String[]::new);
        return calls.call("counters", () -> jdbc.sql("""
                        insert into shared_counter as c (key, count, last_at, forget_at)
                        select k, 1, :now, :forget from unnest(:keys) as k order by k
                        on conflict (key) do update set
                            count = case when c.forget_at > :now then c.count + 1 else 1 end,
                            last_at = greatest(c.last_at, :now),
                            forget_at = greatest(c.forget_at, :forget)
                        returning key, count""")
                .param("keys", sorted).param("now", Timestamp.from(now)).param("forget", Timestamp.from(now.plus(forgetAfter)))
                .query((rs, row) -> Map.entry(rs.getString("key"), rs.getInt("count"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Sets {@code key} to a count of 1 from {@code now}, forgotten {@code keepFor} later: a mark that something happened. */
    public void mark(String key, Instant now, Duration keepFor) {
        requireActive();
        calls.call("counters", () -> jdbc.sql("""
                        insert into shared_counter (key, count, last_at, forget_at) values (:key, 1, :now, :forget)
                        on conflict (key) do update set count = 1, last_at = excluded.last_at, forget_at = excluded.forget_at""")
                .param("key", key).param("now", Timestamp.from(now)).param("forget", Timestamp.from(now.plus(keepFor)))
                .update());
    }

    public void forget(String key) {
        requireActive();
        calls.call("counters", () -> jdbc.sql("delete from shared_counter where key = :key").param("key", key).update());
    }

    /** Deletes forgotten counters; they read as absent already, this only keeps the table small. */
    @Scheduled(initialDelay = 60_000, fixedDelay = 60_000)
    void prune() {
        if (active) {
            try {
                calls.call("pruning", () -> jdbc.sql("delete from shared_counter where forget_at < now()").update());
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
            throw new IllegalStateException("shared counters are for cluster mode; a single node keeps its limits in memory");
        }
    }
}
