package io.contacthub.deferred;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The claim-and-retry protocol over a feature's own table, so staff keep reading the rows they
 * always read (notification, handoff) while every kind follows the same steps:
 * <ol>
 * <li>claim: the next due QUEUED row of a lane is selected {@code FOR UPDATE SKIP LOCKED}, marked
 * SENDING with its attempt counted, and committed, so two hub instances never take one row and an
 * attempt cut off by a crash still counts;</li>
 * <li>the feature hands it to its peer and records its own end state (SENT, DELIVERED, ...);</li>
 * <li>on a failure {@link #afterFailure} puts it back QUEUED after the {@link RetryPolicy}'s wait, or
 * FAILED once the kind's horizon is reached;</li>
 * <li>a row SENDING for too long is settled by the kind's {@link StaleClaims} rule.</li>
 * </ol>
 * The table needs {@code id, status, attempts, next_attempt_at, sending_since, last_error}. Its name
 * and columns come from code constants (checked below), never from input.
 */
public final class WorkQueue {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_]+");
    private static final Pattern SINCE_EXPRESSION = Pattern.compile("[a-z_(), ]+");

    /**
     * @param name         the table
     * @param lane         the column that splits it into independently polled lanes (channel, system)
     * @param attemptsSince SQL expression for when the current round of attempts began, e.g.
     *                     {@code coalesce(replayed_at, created_at)}
     */
    public record Table(String name, String lane, String attemptsSince) {
        public Table {
            if (!IDENTIFIER.matcher(name).matches() || !IDENTIFIER.matcher(lane).matches()
                || !SINCE_EXPRESSION.matcher(attemptsSince).matches()) {
                throw new IllegalArgumentException("not a table description: " + name + "/" + lane + "/" + attemptsSince);
            }
        }
    }

    /**
     * A claimed row. {@code item} is null when the loader settled the row itself instead of letting
     * it be sent (a text to a number that opted out meanwhile): then nothing was claimed.
     *
     * @param attempt       the number of this attempt (1 for the first)
     * @param attemptsSince when this round of attempts began, for the horizon
     * @param claimedAt     the row's sending_since: only this claim records its outcome
     */
    public record Claim<T>(long id, int attempt, OffsetDateTime attemptsSince, OffsetDateTime claimedAt, T item) {
        public boolean taken() {
            return item != null;
        }
    }

    /** Reads the feature's item for a locked, due row; returns null after settling the row itself. */
    @FunctionalInterface
    public interface Loader<T> {
        T load(long id);
    }

    private final Table table;
    private final StaleClaims stale;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public WorkQueue(Table table, StaleClaims stale, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.table = Objects.requireNonNull(table);
        this.stale = Objects.requireNonNull(stale);
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Now, at the database's precision, so the claim token written is the one compared later. */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** Settles the lane's rows left SENDING longer than the kind allows; returns how many. */
    public int recoverStaleClaims(String lane) {
        OffsetDateTime before = now().minus(stale.after());
        String set = stale.action() == StaleClaims.Action.MARK_UNCERTAIN
                ? "status = 'UNCERTAIN', last_error = :reason"
                : "status = 'QUEUED', sending_since = null, last_error = :reason";
        return jdbc.sql("update " + table.name() + " set " + set + " where " + table.lane() + " = :lane"
                        + " and status = 'SENDING' and sending_since < :before")
                .param("reason", stale.reason()).param("lane", lane).param("before", before).update();
    }

    /** Step 1, in its own transaction: the lane's next due row, or empty when none is due. */
    public <T> Optional<Claim<T>> claimNext(String lane, Loader<T> loader) {
        return tx.execute(s -> {
            OffsetDateTime now = now();
            Optional<Claim<T>> due = jdbc.sql("select id, attempts, " + table.attemptsSince() + " from " + table.name()
                            + " where " + table.lane() + " = :lane and status = 'QUEUED' and next_attempt_at <= :now"
                            + " order by next_attempt_at, id limit 1 for update skip locked")
                    .param("lane", lane).param("now", now)
                    .query((rs, n) -> new Claim<T>(rs.getLong(1), rs.getInt(2), rs.getObject(3, OffsetDateTime.class), null, null))
                    .optional();
            return due.map(row -> {
                T item = loader.load(row.id());
                if (item == null) {
                    return row;
                }
                jdbc.sql("update " + table.name() + " set status = 'SENDING', sending_since = :now, attempts = attempts + 1"
                                + " where id = :id")
                        .param("now", now).param("id", row.id()).update();
                return new Claim<>(row.id(), row.attempt() + 1, row.attemptsSince(), now, item);
            });
        });
    }

    /**
     * Step 3 after a failed attempt: QUEUED again after the policy's wait, or FAILED with the reason
     * when the failure can never succeed ({@code retryable} false) or the horizon is reached.
     * Recorded only while the row is still this claim's (a slow attempt that was meanwhile settled as
     * stale, or claimed again, changes nothing). {@code alsoInTransaction} writes what the kind
     * records beside it (a response status, a flag on the ticket), in the same transaction.
     *
     * @return what was decided; {@code Decision.gaveUp()} is null when it will be retried
     */
    public RetryPolicy.Decision afterFailure(Claim<?> claim, String reason, boolean retryable, RetryPolicy policy,
                                             Consumer<RetryPolicy.Decision> alsoInTransaction) {
        OffsetDateTime now = now();
        RetryPolicy.Decision decision = retryable ? policy.afterFailure(claim.attempt(), claim.attemptsSince(), now)
                : new RetryPolicy.Decision(null, null, "refused");
        String error = decision.retries() || !retryable ? reason : reason + " (" + decision.gaveUp() + ")";
        tx.executeWithoutResult(s -> {
            int updated = jdbc.sql("update " + table.name() + """
                             set status = :status, next_attempt_at = coalesce(:next, next_attempt_at), sending_since = null,
                                 last_error = :error
                            where id = :id and status = 'SENDING' and sending_since = :claimedAt""")
                    .param("status", decision.retries() ? "QUEUED" : "FAILED")
                    .param("next", decision.retryAt())
                    .param("error", error)
                    .param("id", claim.id())
                    .param("claimedAt", claim.claimedAt())
                    .update();
            if (updated == 1 && alsoInTransaction != null) {
                alsoInTransaction.accept(decision);
            }
        });
        return decision;
    }
}
