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
