package io.contacthub.intake;

import io.contacthub.cluster.NodeRoles;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads and settles rows of {@code inbound_message}. Each statement here commits on its own: an
 * attempt is counted before any work on the message starts, so an attempt that never comes back
 * (an error that escapes, a crash, a hang) still counts.
 */
@Component
public class MessageStore {

    /** The attempts of the current run: a replay starts a new one. */
    private static final String ATTEMPTS = "(attempts - attempts_before_replay)";
    /** The last time anything happened to a message: received, queued, an attempt started or said it was alive. */
    private static final String LAST_ACTIVITY = "greatest(received_at, queued_at, attempt_started_at, alive_at)";
    /** Why a message is given up: its last attempt's reason, or that the last attempt never finished. */
    private static final String GAVE_UP_REASON = "'gave up after ' || " + ATTEMPTS + " || ' attempts: ' || "
            + "case when alive_at is not null then 'attempt ' || " + ATTEMPTS + " || ' did not finish (the hub stopped, or it"
            + " ran longer than hub.intake.attempt-timeout)' else coalesce(reason, 'no reason recorded') end";

    private final JdbcClient jdbc;
    private final String nodeId;

    public MessageStore(JdbcClient jdbc, NodeRoles node) {
        this.jdbc = jdbc;
        this.nodeId = node.nodeId();
    }

    public Optional<StoredMessage> load(long id) {
        return jdbc.sql("""
                        select id, channel, external_id, source, sender, content_type, raw, status, attempts, received_at
                        from inbound_message where id = ?""")
                .param(id)
                .query((rs, n) -> new StoredMessage(rs.getLong("id"), rs.getString("channel"), rs.getString("external_id"),
                        rs.getString("source"), rs.getString("sender"), rs.getString("content_type"), rs.getBytes("raw"),
                        MessageStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                        rs.getObject("received_at", java.time.OffsetDateTime.class)))
                .optional();
    }

    /**
     * Counts and starts the next processing attempt of a RECEIVED message nobody is working on (no
     * attempt alive within {@code lease}); a message that has used up its attempts is FAILED instead.
     */
    public Claim claim(long id, int maxAttempts, Duration lease) {
        Optional<Claim> started = jdbc.sql("""
                        update inbound_message set attempts = attempts + 1, attempt_started_at = now(), alive_at = now(),
                                                   attempted_by = :node
                        where id = :id and status = 'RECEIVED' and %s < :max
                          and (alive_at is null or alive_at < now() - make_interval(secs => :leaseSeconds))
                        returning %s, channel, external_id, received_at, reason""".formatted(ATTEMPTS, ATTEMPTS))
                .param("id", id).param("max", maxAttempts).param("leaseSeconds", seconds(lease)).param("node", nodeId)
                .query((rs, n) -> new Claim(Claim.Kind.STARTED, id, rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getString(5)))
                .optional();
        if (started.isPresent()) {
            return started.get();
        }
        return jdbc.sql("""
                        update inbound_message set status = 'FAILED', reason = %s, alive_at = null, processed_at = now()
                        where id = :id and status = 'RECEIVED' and %s >= :max
                          and (alive_at is null or alive_at < now() - make_interval(secs => :leaseSeconds))
                        returning %s, channel, external_id, received_at, reason""".formatted(GAVE_UP_REASON, ATTEMPTS, ATTEMPTS))
                .param("id", id).param("max", maxAttempts).param("leaseSeconds", seconds(lease))
                .query((rs, n) -> new Claim(Claim.Kind.GAVE_UP, id, rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getString(5)))
                .optional()
                .orElse(new Claim(Claim.Kind.NOT_NOW, id, 0, null, null, null, null));
    }

    /** Attempts in progress on this node are alive: they keep holding their messages. */
    public void heartbeat(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("update inbound_message set alive_at = now() where id in (:ids) and status = 'RECEIVED'")
                    .param("ids", List.copyOf(ids)).update();
        }
    }

    /**
     * An attempt ended without settling the message (an Error): its reason is kept for staff and for
     * the "gave up" text, and the message is free for the next attempt.
     */
    public boolean attemptFailed(long id, int attempt, String reason) {
        return jdbc.sql("""
                update inbound_message set reason = ?, alive_at = null
                where id = ? and status = 'RECEIVED' and %s = ?""".formatted(ATTEMPTS))
                .params(reason, id, attempt).update() == 1;
    }

    /**
     * Settles the message FAILED from its attempt {@code attempt}; an attempt overtaken by a newer one
     * (it timed out) changes nothing.
     *
     * @return false when nothing changed
     */
    public boolean markFailed(long id, int attempt, String reason) {
        return jdbc.sql("""
                update inbound_message set status = 'FAILED', reason = ?, alive_at = null, processed_at = now()
                where id = ? and status = 'RECEIVED' and %s = ?""".formatted(ATTEMPTS))
                .params(reason, id, attempt).update() == 1;
    }

    /** Settles the message FAILED outside a processing attempt (the failure counts as one). */
    public void markFailed(long id, String reason) {
        jdbc.sql("""
                update inbound_message set status = 'FAILED', reason = ?, attempts = attempts + 1, alive_at = null,
                                           processed_at = now()
                where id = ? and status = 'RECEIVED'""").params(reason, id).update();
    }

    /** Ids of messages committed but never finished, oldest first, after {@code afterId}. */
    public List<Long> pendingIds(long afterId, int limit) {
        return jdbc.sql("select id from inbound_message where status = 'RECEIVED' and id > ? order by id limit ?")
                .params(afterId, limit).query(Long.class).list();
    }

    /** Notes that these messages were handed to the processing queue just now (the sweeper then leaves them a while). */
    public void markQueued(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("update inbound_message set queued_at = now() where id in (:ids) and status = 'RECEIVED'")
                    .param("ids", List.copyOf(ids)).update();
        }
    }

    /** Messages RECEIVED with nothing happening for {@code stuckAfter} that have used up their attempts become FAILED. */
    public List<Claim> giveUpStuck(int maxAttempts, Duration stuckAfter) {
        return jdbc.sql("""
                        update inbound_message set status = 'FAILED', reason = %s, alive_at = null, processed_at = now()
                        where status = 'RECEIVED' and %s >= :max and %s < now() - make_interval(secs => :stuckSeconds)
                        returning id, %s, channel, external_id, received_at, reason"""
                        .formatted(GAVE_UP_REASON, ATTEMPTS, LAST_ACTIVITY, ATTEMPTS))
                .param("max", maxAttempts).param("stuckSeconds", seconds(stuckAfter))
                .query((rs, n) -> new Claim(Claim.Kind.GAVE_UP, rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getString(6)))
                .list();
    }

    /**
     * Takes up to {@code limit} messages RECEIVED with nothing happening for {@code stuckAfter}, oldest
     * first, and marks them queued, so that another sweeper (another node) does not take them too.
     */
    public List<Long> takeStuck(int maxAttempts, Duration stuckAfter, int limit) {
        return jdbc.sql("""
                        update inbound_message m set queued_at = now()
                        from (select id from inbound_message
                              where status = 'RECEIVED' and %s < :max and %s < now() - make_interval(secs => :stuckSeconds)
                              order by id limit :limit for update skip locked) stuck
                        where m.id = stuck.id
                        returning m.id""".formatted(ATTEMPTS, LAST_ACTIVITY))
                .param("max", maxAttempts).param("stuckSeconds", seconds(stuckAfter)).param("limit", limit)
                .query(Long.class).list();
    }

    /**
     * Puts a FAILED message back to RECEIVED so it is processed again, with a fresh budget of
     * attempts (the attempt count staff see keeps growing); false if it was not FAILED.
     */
    public boolean reopenFailed(long id) {
        return jdbc.sql("""
                update inbound_message set status = 'RECEIVED', reason = null, attempts_before_replay = attempts,
                                           alive_at = null, queued_at = now()
                where id = ? and status = 'FAILED'""")
                .param(id).update() == 1;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /**
     * What asking for a message's next attempt gave.
     *
     * @param attempt the attempt's number in the current run (1 = first since receipt or replay)
     * @param reason  for GAVE_UP the reason it was FAILED with; for STARTED the previous attempt's, if any
     */
    public record Claim(Kind kind, long messageId, int attempt, String channel, String externalId,
                        OffsetDateTime receivedAt, String reason) {

        public enum Kind {
            /** The attempt is counted and the caller may work on the message. */
            STARTED,
            /** The message had used up its attempts and is now FAILED. */
            GAVE_UP,
            /** Settled already, or another attempt is alive on it: nothing to do now. */
            NOT_NOW
        }
    }
}
