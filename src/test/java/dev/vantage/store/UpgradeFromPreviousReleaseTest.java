package dev.vantage.store;

import dev.vantage.config.Schedule;
import dev.vantage.config.VantageConfig;
import dev.vantage.fixtures.RequiredTool;
import dev.vantage.probe.RunKind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forward-only upgrade from the previous release, whose schema ended at V3 (targets, results, Quartz tables,
 * verification tokens): a database migrated only that far and filled the way that release wrote it (its columns
 * only, its target JSON, a stored report) is opened by this release, which migrates it to the latest version, and
 * every target and result is still there and readable. On H2 and on PostgreSQL, the two supported databases.
 */
class UpgradeFromPreviousReleaseTest {

    /** The last migration of the previous release. */
    private static final String PREVIOUS_RELEASE_SCHEMA = "3";
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anH2DatabaseOfThePreviousReleaseIsMigratedWithEveryTargetAndResult() throws Exception {
        upgradeKeepsEverything(H2RepositoryTest.h2(dir));
    }

    @Test
    void aPostgresDatabaseOfThePreviousReleaseIsMigratedWithEveryTargetAndResult() throws Exception {
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata")).start();
        } catch (IOException | RuntimeException | Error e) {
            RequiredTool.require(false, "embedded PostgreSQL could not start here: " + e);
            return;
        }
        try (pg) {
            upgradeKeepsEverything(PostgresRepositoryTest.storage(pg));
        }
    }

    private void upgradeKeepsEverything(VantageConfig.Storage storage) throws Exception {
        Dialect dialect = Dialect.of(storage.url()).orElseThrow();
        String url = dialect == Dialect.H2 ? Database.durableH2(storage.url()) : storage.url();
        Flyway previous = Flyway.configure()
                .dataSource(url, storage.user().orElse(null), storage.password().orElse(null))
                .locations("classpath:db/migration/common", dialect.migrations())
                .target(PREVIOUS_RELEASE_SCHEMA).load();
        previous.migrate();
        assertThat(previous.info().current().getVersion().getVersion()).isEqualTo(PREVIOUS_RELEASE_SCHEMA);
        try (Connection c = previous.getConfiguration().getDataSource().getConnection()) {
            writeAsThePreviousReleaseDid(c);
        }

        try (Database db = Database.open(storage)) {
            TargetRepository targets = new TargetRepository(db.dataSource());
            ResultRepository results = new ResultRepository(db.dataSource());
            EvidenceRepository evidence = new EvidenceRepository(db.dataSource());

            assertThat(targets.all()).extracting(t -> t.spec().name()).containsExactly("blog", "shop");
            StoredTarget shop = targets.find("shop").orElseThrow();
            assertThat(shop.source()).isEqualTo(StoredTarget.Source.FILE);
            assertThat(shop.spec().url()).isEqualTo(URI.create("https://shop.example/"));
            assertThat(shop.spec().schedule()).isEqualTo(Schedule.every(Duration.ofSeconds(30)));
            assertThat(shop.spec().enable()).containsExactly("security.");
            assertThat(shop.spec().timeout()).contains(Duration.ofSeconds(5));
            assertThat(shop.spec().labels()).isEqualTo(Map.of("team", "web"));
            assertThat(shop.createdAt()).isEqualTo(T0);
            assertThat(targets.verificationToken("shop")).as("a token stored by the previous release is kept")
                    .contains("vantage-verify-kept-from-v3");
            StoredTarget blog = targets.find("blog").orElseThrow();
            assertThat(blog.source()).isEqualTo(StoredTarget.Source.API);
            assertThat(blog.spec().schedule()).isEqualTo(Schedule.cron("0 */5 * * * ?"));
            assertThat(blog.spec().disable()).containsExactly("performance.");
            assertThat(targets.verificationToken("blog")).as("a row from before tokens gets one on first read")
                    .get().asString().isNotBlank();

            List<ResultSummary> shopHistory = results.history("shop", T0.minusSeconds(1), 10);
            assertThat(shopHistory).extracting(ResultSummary::probedAt)
                    .containsExactly(T0.plusSeconds(60), T0.plusSeconds(30), T0);
            assertThat(shopHistory).extracting(ResultSummary::kind).as("rows from before run kinds were audits")
                    .containsOnly(RunKind.AUDIT);
            assertThat(shopHistory.get(0)).satisfies(r -> {
                assertThat(r.success()).isFalse();
                assertThat(r.grade()).isEqualTo("F");
                assertThat(r.score()).isZero();
                assertThat(r.durationMs()).isEqualTo(3000);
                assertThat(r.scoringVersion()).isEqualTo("1");
            });
            assertThat(shopHistory.get(1).grade()).isEqualTo("B");
            assertThat(results.history("blog", T0.minusSeconds(1), 10)).singleElement()
                    .satisfies(r -> assertThat(r.kind()).isEqualTo(RunKind.AUDIT));
            assertThat(results.count("shop")).isEqualTo(3);

            assertThat(evidence.latest("shop")).as("no composed report yet: the API falls back to the results")
                    .isEmpty();
            assertThat(results.latestReport("shop")).as("the newest stored report, byte for byte")
                    .contains(reportJson().replace("\"grade\": \"B\"", "\"grade\": \"F\""));
            assertThat(results.latestReport("blog")).contains(reportJson());
            assertThat(results.recentLatencies("shop", T0.minusSeconds(1), 720))
                    .as("the previous release stored no phase timings: none are made up").isEmpty();
        }

        try (Database again = Database.open(storage)) {
            assertThat(new TargetRepository(again.dataSource()).all()).as("opening a migrated database again")
                    .hasSize(2);
        }
    }

    /** The previous release's INSERTs (TargetRepository, ResultRepository at V3): only the columns it knew. */
    private static void writeAsThePreviousReleaseDid(Connection c) throws SQLException, IOException {
        String target = "INSERT INTO targets (name, spec, source, created_at, updated_at, verification_token) "
                + "VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(target)) {
            insertTarget(ps, "shop", """
                    {"name":"shop","url":"https://shop.example/","schedule":{"interval":"30s"},\
                    "checks":{"enable":["security."]},"timeout":"5s","labels":{"team":"web"}}""", "file",
                    "vantage-verify-kept-from-v3");
            insertTarget(ps, "blog", """
                    {"name":"blog","url":"https://blog.example/","schedule":{"cron":"0 */5 * * * ?"},\
                    "checks":{"disable":["performance."]}}""", "api", null);
        }
        String result = "INSERT INTO results (target, probed_at, success, grade, score, duration_ms, scoring_version, "
                + "report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        String report = reportJson();
        try (PreparedStatement ps = c.prepareStatement(result)) {
            insertResult(ps, "shop", T0, true, "B", 75, report);
            insertResult(ps, "shop", T0.plusSeconds(30), true, "B", 75, report);
            insertResult(ps, "shop", T0.plusSeconds(60), false, "F", 0, report.replace("\"grade\": \"B\"",
                    "\"grade\": \"F\""));
            insertResult(ps, "blog", T0, true, "B", 75, report);
        }
    }

    private static void insertTarget(PreparedStatement ps, String name, String spec, String source, String token)
            throws SQLException {
        ps.setString(1, name);
        ps.setString(2, spec);
        ps.setString(3, source);
        ps.setObject(4, T0.atOffset(ZoneOffset.UTC));
        ps.setObject(5, T0.atOffset(ZoneOffset.UTC));
        ps.setString(6, token);
        ps.executeUpdate();
    }

    private static void insertResult(PreparedStatement ps, String target, Instant at, boolean success, String grade,
                                     int score, String report) throws SQLException {
        ps.setString(1, target);
        ps.setObject(2, at.atOffset(ZoneOffset.UTC));
        ps.setBoolean(3, success);
        ps.setString(4, grade);
        ps.setInt(5, score);
        ps.setLong(6, success ? 842 : 3000);
        ps.setString(7, "1");
        ps.setString(8, report);
        ps.executeUpdate();
    }

    /** The JSON report example of the previous release's docs/report-format.md, as that release stored it. */
    private static String reportJson() throws IOException {
        try (InputStream in = UpgradeFromPreviousReleaseTest.class.getResourceAsStream("report-written-by-v3.json")) {
            return new String(Optional.ofNullable(in).orElseThrow().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
