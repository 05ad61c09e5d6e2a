package io.contacthub.deferred;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Locks on single items of a catch-up job that hold across hub instances: PostgreSQL session
 * advisory locks, taken on a connection the run keeps for itself. Two runs (two threads, two
 * nodes) therefore never work on the same fax or recording at once, yet share the rest of the
 * backlog. A node that dies loses its connection and PostgreSQL frees its locks with it, so no
 * lock outlives its holder. A row lock ({@code FOR UPDATE}) cannot do this: OCR and speech
 * recognition take minutes and must not run inside an open transaction.
 *
 * <p>The lock's second key is the item id truncated to 32 bits: two items 2^32 ids apart share a
 * lock, which only makes one wait for the next run. The job's own guarded write (the item must still
 * be waiting) is what makes the result happen once.
 */
@Component
public class ItemLocks {

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    public ItemLocks(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** A run's lock session; close it (try-with-resources) to free every lock it still holds. */
    public Session open(CatchUp kind) {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            return new Session(kind, connection);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot open a lock session for " + kind.kind(), e);
        }
    }

    /** Items of the kind some run holds right now, on any node. */
    public long heldNow(CatchUp kind) {
        return jdbc.sql("""
                        select count(*) from pg_locks
                        where locktype = 'advisory' and granted and objsubid = 2
                          and database = (select oid from pg_database where datname = current_database())
                          and classid = cast(cast(:space as bigint) as oid)""")
                .param("space", (long) kind.lockSpace()).query(Long.class).single();
    }

    public static final class Session implements AutoCloseable {
        private final CatchUp kind;
        private final Connection connection;

        private Session(CatchUp kind, Connection connection) {
            this.kind = kind;
            this.connection = connection;
        }

        /** True when this session now holds the item; false when another run has it. */
        public boolean tryLock(long itemId) {
            return call("select pg_try_advisory_lock(?, ?)", itemId);
        }

        public void unlock(long itemId) {
            call("select pg_advisory_unlock(?, ?)", itemId);
        }

        private boolean call(String sql, long itemId) {
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                s.setInt(1, kind.lockSpace());
                s.setInt(2, (int) itemId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("advisory lock on " + kind.kind() + " " + itemId, e);
            }
        }

        /** The PostgreSQL backend holding this session's locks (tests end it to stand for a dead node). */
        int backendPid() {
            try (PreparedStatement s = connection.prepareStatement("select pg_backend_pid()"); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("backend of the lock session for " + kind.kind(), e);
            }
        }

        /** Frees whatever is still held before the connection goes back to the pool, where a lock would linger. */
        @Override
        public void close() {
            try (connection; PreparedStatement s = connection.prepareStatement("select pg_advisory_unlock_all()")) {
                s.execute();
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("closing the lock session for " + kind.kind(), e);
            }
        }
    }
}
