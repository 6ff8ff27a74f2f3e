package dev.vantage.store;

import dev.vantage.config.VantageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class H2RepositoryTest extends RepositoryContract {

    @TempDir
    Path dir;
    private Database db;

    static VantageConfig.Storage h2(Path dir) {
        return new VantageConfig.Storage("jdbc:h2:file:" + dir.resolve("vantage").toAbsolutePath(), Optional.empty(),
                Optional.empty(), Duration.ofDays(30), false);
    }

    @BeforeEach
    void open() {
        db = Database.open(h2(dir));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Override
    public Database database() {
        return db;
    }

    /**
     * The two statements every pulse runs against tables that hold every target's rows find their target's rows
     * through an index led by the target, whatever H2's statistics: none yet (a fresh database), a table grown
     * without ANALYZE, and after ANALYZE. Before V9, H2 read every target's block of the hour for each append and
     * every open incident of every target for each pulse (docs/scale.md).
     */
    @Test
    void perPulseStatementsLookUpTheirTargetByIndexWhateverH2sStatistics() throws Exception {
        String append = "UPDATE pulse_blocks SET data = data || CAST(X'01' AS BYTEA), pulses = pulses + 1 "
                + "WHERE target = 't1' AND hour_at = TIMESTAMP WITH TIME ZONE '2026-11-30 10:00:00+00' AND node = 'n'";
        String openIncidents = "SELECT id FROM incidents WHERE target = 't1' AND resolved_at IS NULL "
                + "ORDER BY opened_at DESC, id";
        try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
            assertPlans(s, append, openIncidents, "an empty database");
            s.execute("INSERT INTO pulse_blocks SELECT 't' || (X % 500), TIMESTAMP WITH TIME ZONE "
                    + "'2026-11-30 10:00:00+00' + (X / 500) * INTERVAL '1' HOUR, 'n', 'v', 1, 1, 1, "
                    + "CURRENT_TIMESTAMP, X'01' FROM SYSTEM_RANGE(0, 1499)");
            s.execute("INSERT INTO incidents (id, target, kind, subject, opened_at, evidence) SELECT 'i' || X, "
                    + "'t' || (X % 500), 'down', '', CURRENT_TIMESTAMP, '' FROM SYSTEM_RANGE(1, 1000)");
            assertPlans(s, append, openIncidents, "grown tables without statistics");
            s.execute("ANALYZE");
            assertPlans(s, append, openIncidents, "after ANALYZE");
        }
    }

    private static void assertPlans(java.sql.Statement s, String append, String openIncidents, String when)
            throws java.sql.SQLException {
        assertThat(plan(s, append)).as("pulse append plan, %s", when)
                .containsPattern("/\\* PUBLIC\\.PRIMARY_KEY_\\w+: TARGET = 't1'\\s+AND HOUR_AT = ");
        assertThat(plan(s, openIncidents)).as("open incidents plan, %s", when)
                .containsPattern("/\\* PUBLIC\\.INCIDENTS_TARGET_\\w+: TARGET = 't1'");
    }

    private static String plan(java.sql.Statement s, String sql) throws java.sql.SQLException {
        try (var rs = s.executeQuery("EXPLAIN " + sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void dataSurvivesReopeningAndMigrationsAreNotReapplied() {
        new TargetRepository(db.dataSource()).insert(dev.vantage.config.TargetSpec.of("keep",
                java.net.URI.create("https://keep.example/"), dev.vantage.config.Schedule.every(Duration.ofMinutes(1))),
                StoredTarget.Source.FILE);
        db.close();
        db = Database.open(h2(dir));
        assertThat(db.dialect()).isEqualTo(Dialect.H2);
        assertThat(new TargetRepository(db.dataSource()).find("keep")).isPresent();
        assertThat(db.reachable()).isTrue();
    }

    @Test
    void aWriterThatIsInterruptedLosesNoRowAndTheDatabaseStaysOpen() throws Exception {
        int rows = 2_000;
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (var c = database().dataSource().getConnection();
                 var ps = c.prepareStatement("INSERT INTO results (target, probed_at, success, grade, score, "
                         + "duration_ms, scoring_version, report) VALUES ('t', CURRENT_TIMESTAMP, TRUE, 'A', 90, 1, "
                         + "'v', ?)")) {
                for (int i = 0; i < rows; i++) {
                    ps.setString(1, "x".repeat(1500));
                    ps.executeUpdate();
                }
            } catch (Exception e) {
                failure.set(e);
            }
        });
        writer.start();
        for (int i = 0; i < 40 && writer.isAlive(); i++) {
            Thread.sleep(10);
            writer.interrupt(); // what Quartz does to its scheduler thread on shutdown
        }
        writer.join(60_000);
        assertThat(failure.get()).as("the writer's failure").isNull();
        assertThat(db.reachable()).isTrue();
        try (var c = database().dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM results WHERE target = 't'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(rows);
        }
    }

    @Test
    void h2UrlsGetSynchronousCommits() {
        assertThat(Database.durableH2("jdbc:h2:file:./x"))
                .isEqualTo("jdbc:h2:file:retry:./x;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.retryOnInterrupt("jdbc:h2:/var/lib/vantage/db")).isEqualTo("jdbc:h2:retry:/var/lib/vantage/db");
        assertThat(Database.retryOnInterrupt("jdbc:h2:file:~/db")).isEqualTo("jdbc:h2:file:retry:~/db");
        assertThat(Database.retryOnInterrupt("jdbc:h2:file:async:./db")).isEqualTo("jdbc:h2:file:async:./db");
        assertThat(Database.retryOnInterrupt("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
        assertThat(Database.retryOnInterrupt("jdbc:h2:tcp://db:9092/x")).isEqualTo("jdbc:h2:tcp://db:9092/x");
        assertThat(Database.durableH2("jdbc:h2:file:./x;write_delay=10;db_close_on_exit=true"))
                .isEqualTo("jdbc:h2:file:retry:./x;write_delay=10;db_close_on_exit=true");
    }
}
