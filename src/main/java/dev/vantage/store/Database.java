package dev.vantage.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vantage.config.VantageConfig;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** The connection pool and schema of one database; blocking, so used from worker threads only. */
public final class Database implements AutoCloseable {

    /**
     * Connections of the scheduler's own pool: Quartz's eight worker threads, its scheduler thread, cluster manager
     * and misfire handler (Quartz asks for at least its thread count plus three).
     */
    static final int SCHEDULER_CONNECTIONS = 11;

    private final HikariDataSource dataSource;
    private final HikariConfig config;
    private final Dialect dialect;
    private HikariDataSource scheduler;
    private ScheduleLock scheduleLock;

    private Database(HikariDataSource dataSource, HikariConfig config, Dialect dialect) {
        this.dataSource = dataSource;
        this.config = config;
        this.dialect = dialect;
    }

    /** Opens the pool and applies pending migrations. */
    public static Database open(VantageConfig.Storage storage) {
        Dialect dialect = Dialect.of(storage.url()).orElseThrow(() -> new IllegalArgumentException(
                "storage.url: " + storage.url() + " is not a jdbc:h2: or jdbc:postgresql: URL"));
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(dialect == Dialect.H2 ? durableH2(storage.url()) : storage.url());
        storage.user().ifPresent(hc::setUsername);
        storage.password().ifPresent(hc::setPassword);
        hc.setPoolName("vantage-db");
        hc.setMaximumPoolSize(8);
        hc.setConnectionTimeout(10_000);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", dialect.migrations())
                    .load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, hc, dialect);
    }

    /**
     * Two H2 settings, unless the URL sets them itself. {@code WRITE_DELAY=0}: H2 otherwise persists committed
     * transactions up to half a second late, so a kill -9 could lose results the API already acknowledged.
     * {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would otherwise close the database under the service
     * while it stops on SIGTERM, and Quartz's last writes would fail (and log a stack trace); the service closes the
     * pool itself, which closes the database after the last connection.
     */
    static String durableH2(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String out = upper.contains(";WRITE_DELAY=") ? url : url + ";WRITE_DELAY=0";
        out = upper.contains(";DB_CLOSE_ON_EXIT=") ? out : out + ";DB_CLOSE_ON_EXIT=FALSE";
        return retryOnInterrupt(out);
    }

    /**
     * File databases go through H2's {@code retry:} file system. An interrupted thread closes a plain
     * {@code FileChannel}, and H2 then closes the whole database: Quartz interrupts its scheduler thread on
     * shutdown, sometimes in the middle of a write, and a loopback test interrupting a writer 50 times lost every
     * row. {@code retry:} reopens the file and repeats the operation; the files on disk are the same, so existing
     * databases open unchanged. URLs naming a file system (or memory, or a server) are left alone.
     */
    static String retryOnInterrupt(String url) {
        String prefix = "jdbc:h2:";
        String rest = url.substring(prefix.length());
        String mode = rest.regionMatches(true, 0, "file:", 0, 5) ? rest.substring(0, 5) : "";
        String path = rest.substring(mode.length());
        boolean plainPath = path.startsWith("/") || path.startsWith("./") || path.startsWith("../")
                || path.startsWith("~") || path.matches("(?i)[a-z]:[\\/].*");
        return plainPath ? prefix + mode + "retry:" + path : url;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The scheduler's pool, apart from the one the repositories share: a burst of result writes must never make
     * Quartz's cluster check-in wait for a connection, or the other nodes take the node for dead and fire its
     * triggers a second time. Opened on first use; closed with this database.
     */
    public synchronized DataSource schedulerDataSource() {
        if (scheduler == null) {
            HikariConfig hc = new HikariConfig();
            config.copyStateTo(hc);
            hc.setPoolName("vantage-scheduler");
            hc.setMaximumPoolSize(SCHEDULER_CONNECTIONS);
            hc.setMinimumIdle(2);
            scheduler = new HikariDataSource(hc);
        }
        return scheduler;
    }

    /**
     * The lock every node takes to change targets and their schedules ({@link ScheduleLock}); one per database, so
     * every holder in this process shares its in-process part. Waits up to five minutes: a node starting with
     * 10,000 file targets holds it while it syncs them.
     */
    public synchronized ScheduleLock scheduleLock() {
        if (scheduleLock == null) {
            scheduleLock = new ScheduleLock(dataSource, dialect, java.time.Duration.ofMinutes(5));
        }
        return scheduleLock;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** For readiness: a valid connection within a second. */
    public boolean reachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (scheduler != null) {
                scheduler.close();
            }
        }
        dataSource.close();
    }
}
