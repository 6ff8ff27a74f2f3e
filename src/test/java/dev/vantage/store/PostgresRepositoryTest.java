package dev.vantage.store;

import dev.vantage.config.VantageConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import dev.vantage.fixtures.RequiredTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.Optional;

/** The repository contract on a real PostgreSQL (embedded binaries); skipped with the reason when it cannot start. */
class PostgresRepositoryTest extends RepositoryContract {

    private static EmbeddedPostgres pg;
    private static String startFailure;
    private Database db;

    @BeforeAll
    static void startPostgres() {
        try {
            pg = EmbeddedPostgres.builder().start();
        } catch (Exception | Error e) {
            startFailure = e.toString();
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    static VantageConfig.Storage storage(EmbeddedPostgres pg) {
        return new VantageConfig.Storage(pg.getJdbcUrl("postgres", "postgres"), Optional.of("postgres"),
                Optional.empty(), Duration.ofDays(30), false);
    }

    @BeforeEach
    void open() throws Exception {
        RequiredTool.require(pg != null, "embedded PostgreSQL could not start here: " + startFailure);
        try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        }
        db = Database.open(storage(pg));
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    public Database database() {
        return db;
    }
}
