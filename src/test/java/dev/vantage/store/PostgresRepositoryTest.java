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

    /**
     * Two nodes on one PostgreSQL: while node A holds the schedule lock, node B's holder waits in the server (seen
     * in pg_locks) without running its work, and runs it once A lets go.
     */
    @org.junit.jupiter.api.Test
    void theScheduleLockMakesAnotherNodeWaitUntilTheHolderIsDone() throws Exception {
        try (Database nodeB = Database.open(storage(pg))) {
            java.util.concurrent.CountDownLatch aHolds = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch aMayGo = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicBoolean aDone = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var a = threads.submit(() -> db.scheduleLock().holding(() -> {
                    aHolds.countDown();
                    aMayGo.await();
                    aDone.set(true);
                    return "a";
                }));
                org.assertj.core.api.Assertions.assertThat(aHolds.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                var b = threads.submit(() -> nodeB.scheduleLock().holding(() -> aDone.get() ? "b after a" : "b beside a"));
                awaitOneWaitingAdvisoryLock();
                org.assertj.core.api.Assertions.assertThat(b.isDone()).as("node B while A holds the lock").isFalse();
                aMayGo.countDown();
                org.assertj.core.api.Assertions.assertThat(a.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("a");
                org.assertj.core.api.Assertions.assertThat(b.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("b after a");
            } finally {
                aMayGo.countDown();
                threads.shutdownNow();
            }
        }
    }

    /** A node that cannot get the lock within its wait fails with an error naming the lock, not a hang. */
    @org.junit.jupiter.api.Test
    void aNodeThatCannotGetTheScheduleLockInTimeFailsWithAClearError() throws Exception {
        try (Database nodeB = Database.open(storage(pg))) {
            ScheduleLock impatient = new ScheduleLock(nodeB.dataSource(), Dialect.POSTGRESQL, Duration.ofMillis(200));
            String out = db.scheduleLock().holding(() -> {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> impatient.holding(() -> "never"))
                        .isInstanceOf(StoreException.class).hasMessageContaining("schedule lock")
                        .hasMessageContaining("another node held it");
                return "holder unaffected";
            });
            org.assertj.core.api.Assertions.assertThat(out).isEqualTo("holder unaffected");
            org.assertj.core.api.Assertions.assertThat(impatient.holding(() -> "granted once free")).isEqualTo("granted once free");
        }
    }

    private void awaitOneWaitingAdvisoryLock() throws Exception {
        for (int i = 0; i < 3_000; i++) {
            try (var c = db.dataSource().getConnection(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    return;
                }
            }
            new java.util.concurrent.CountDownLatch(1).await(10, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("node B never waited for the schedule lock in PostgreSQL");
    }

    @Override
    public Database database() {
        return db;
    }
}
