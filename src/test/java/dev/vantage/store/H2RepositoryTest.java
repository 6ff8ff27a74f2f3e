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
    Database database() {
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
    void h2UrlsGetSynchronousCommits() {
        assertThat(Database.durableH2("jdbc:h2:file:./x")).isEqualTo("jdbc:h2:file:./x;WRITE_DELAY=0");
        assertThat(Database.durableH2("jdbc:h2:file:./x;write_delay=10")).isEqualTo("jdbc:h2:file:./x;write_delay=10");
    }
}
