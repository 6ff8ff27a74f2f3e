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

    private final HikariDataSource dataSource;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
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
        return new Database(ds, dialect);
    }

    /**
     * H2 otherwise persists committed transactions up to half a second late, so a kill -9 could lose results the
     * API already acknowledged.
     */
    static String durableH2(String url) {
        return url.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=") ? url : url + ";WRITE_DELAY=0";
    }

    public DataSource dataSource() {
        return dataSource;
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
        dataSource.close();
    }
}
