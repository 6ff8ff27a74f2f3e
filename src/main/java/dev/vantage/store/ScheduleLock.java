package dev.vantage.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock shared by every node on the database, held while a node reads the stored targets and Quartz's schedules
 * and then rewrites them (start-up sync, API changes). Quartz makes each of its writes atomic, but not a read
 * followed by a write: two nodes starting together both read "no trigger yet" for a target, and the later one's
 * replace put back a first fire time the earlier node had already fired, so that firing ran twice (ClusterIT).
 * <p>
 * On PostgreSQL a transaction-scoped advisory lock: released by the rollback that ends the work, or by the server
 * when a killed node's connection drops. H2 is owned by one process, so the in-process lock alone does. Re-entrant
 * on a thread.
 */
public final class ScheduleLock {

    /** The advisory lock's key: "vantage" in ASCII, so a DBA reading pg_locks can tell whose it is. */
    static final long KEY = 0x76616e74616765L;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Duration wait;
    private final ReentrantLock local = new ReentrantLock();

    /** @param wait how long a node waits for another node's sync to finish before giving up with an error */
    public ScheduleLock(DataSource dataSource, Dialect dialect, Duration wait) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.wait = wait;
    }

    /** Runs {@code work} while no other holder on any node runs; its exceptions pass through unchanged. */
    public <T> T holding(Callable<T> work) throws Exception {
        if (local.isHeldByCurrentThread()) {
            return work.call();
        }
        if (!local.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw notGranted(null);
        }
        try {
            if (dialect != Dialect.POSTGRESQL) {
                return work.call();
            }
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    lock(c);
                    return work.call();
                } finally {
                    // Nothing was written on this connection: the rollback only ends the transaction, freeing the lock.
                    c.rollback();
                }
            }
        } finally {
            local.unlock();
        }
    }

    private void lock(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '" + wait.toMillis() + "ms'");
            s.execute("SELECT pg_advisory_xact_lock(" + KEY + ")");
        } catch (SQLException e) {
            // 55P03 lock_not_available: another node held it for the whole wait.
            if ("55P03".equals(e.getSQLState())) {
                throw notGranted(e);
            }
            throw e;
        }
    }

    private StoreException notGranted(Throwable cause) {
        return new StoreException("taking the schedule lock (another node held it for over " + wait.toSeconds()
                + " s while syncing its targets)", cause);
    }
}
