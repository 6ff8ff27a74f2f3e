package dev.vantage.store;

import dev.vantage.config.Schedule;
import dev.vantage.config.TargetSpec;
import dev.vantage.grade.Grade;
import dev.vantage.service.SampleReports;
import org.junit.jupiter.api.Test;

import dev.vantage.probe.load.LoadSettings;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What every supported database must do; subclasses supply an open, migrated {@link Database}. */
abstract class RepositoryContract {

    abstract Database database();

    private TargetSpec spec(String name) {
        return new TargetSpec(name, URI.create("https://" + name + ".example/"), Schedule.every(Duration.ofSeconds(30)),
                List.of("security."), List.of(), Optional.of(Duration.ofSeconds(5)), Map.of("X-Key", "${KEY}"),
                Optional.empty(), Map.of(), Optional.of(8080), Map.of("team", "web"),
                Optional.of(LoadSettings.of(20, Duration.ofSeconds(5)).withPaths(List.of("/login", "/"))
                        .withWarmup(Duration.ofSeconds(1)).withMaxErrorRatio(0.005)));
    }

    @Test
    void targetsAreInsertedOnceUpdatedAndDeleted() {
        TargetRepository targets = new TargetRepository(database().dataSource());
        assertThat(targets.insert(spec("shop"), StoredTarget.Source.API)).isTrue();
        assertThat(targets.insert(spec("shop"), StoredTarget.Source.API)).isFalse();
        assertThat(targets.find("shop")).get().satisfies(t -> {
            assertThat(t.spec()).isEqualTo(spec("shop"));
            assertThat(t.source()).isEqualTo(StoredTarget.Source.API);
        });
        TargetSpec changed = TargetSpec.of("shop", URI.create("https://other.example/"), Schedule.cron("0 * * * * ?"));
        assertThat(targets.update(changed, StoredTarget.Source.FILE)).isTrue();
        // The row's source, not the spec handed in, says who wrote it: that decides whether references resolve.
        assertThat(targets.find("shop").orElseThrow().spec()).usingRecursiveComparison().ignoringFields("origin")
                .isEqualTo(changed);
        assertThat(targets.find("shop").orElseThrow().spec().origin()).isEqualTo(TargetSpec.Origin.CONFIG_FILE);
        assertThat(targets.update(spec("absent"), StoredTarget.Source.API)).isFalse();
        targets.insert(spec("blog"), StoredTarget.Source.FILE);
        assertThat(targets.all()).extracting(t -> t.spec().name()).containsExactly("blog", "shop");
        assertThat(targets.delete("shop")).isTrue();
        assertThat(targets.delete("shop")).isFalse();
        assertThat(targets.find("shop")).isEmpty();
    }

    @Test
    void everyTargetHasAnOwnershipTokenThatSurvivesUpdatesAndDiesWithIt() throws Exception {
        TargetRepository targets = new TargetRepository(database().dataSource());
        assertThat(targets.verificationToken("shop")).isEmpty();
        targets.insert(spec("shop"), StoredTarget.Source.API);
        String token = targets.verificationToken("shop").orElseThrow();
        assertThat(token).matches("vantage-[A-Za-z0-9_-]{43}");
        targets.update(TargetSpec.of("shop", URI.create("https://other.example/"), Schedule.cron("0 * * * * ?")),
                StoredTarget.Source.FILE);
        assertThat(targets.verificationToken("shop")).contains(token);

        assertThat(targets.rotateVerificationToken("shop")).isTrue();
        String rotated = targets.verificationToken("shop").orElseThrow();
        assertThat(rotated).isNotEqualTo(token);
        assertThat(targets.rotateVerificationToken("absent")).isFalse();

        // A row stored before tokens existed gets one on first read, and keeps it.
        try (var c = database().dataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE targets SET verification_token = NULL WHERE name = 'shop'");
        }
        String filled = targets.verificationToken("shop").orElseThrow();
        assertThat(filled).isNotEqualTo(rotated).matches("vantage-.*");
        assertThat(targets.verificationToken("shop")).contains(filled);

        targets.delete("shop");
        assertThat(targets.verificationToken("shop")).isEmpty();
        targets.insert(spec("shop"), StoredTarget.Source.API);
        assertThat(targets.verificationToken("shop")).get().isNotEqualTo(filled);
    }

    @Test
    void resultsKeepSummaryAndReportAndObeyRetention() {
        ResultRepository results = new ResultRepository(database().dataSource());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        URI url = URI.create("https://a.example/");
        results.insert("a", SampleReports.graded(url, now.minus(Duration.ofDays(40)), Grade.B, 72), "{\"old\":1}");
        results.insert("a", SampleReports.unreachable(url, now.minus(Duration.ofHours(1))), "{\"down\":1}");
        results.insert("a", SampleReports.graded(url, now, Grade.A, 93), "{\"new\":1}");
        results.insert("b", SampleReports.graded(url, now, Grade.C, 55), "{\"b\":1}");

        assertThat(results.latestReport("a")).contains("{\"new\":1}");
        List<ResultSummary> h = results.history("a", now.minus(Duration.ofDays(1)), 10);
        assertThat(h).extracting(ResultSummary::grade).containsExactly("A", "F");
        assertThat(h.get(0).probedAt()).isEqualTo(now);
        assertThat(h.get(0).durationMs()).isEqualTo(123);
        assertThat(h.get(0).scoringVersion()).isEqualTo("test-1");
        assertThat(h.get(1).success()).isFalse();
        assertThat(results.history("a", Instant.EPOCH, 1)).hasSize(1);

        assertThat(results.deleteOlderThan(now.minus(Duration.ofDays(30)))).isEqualTo(1);
        assertThat(results.count("a")).isEqualTo(2);
        assertThat(results.deleteTarget("a")).isEqualTo(2);
        assertThat(results.latestReport("a")).isEmpty();
        assertThat(results.count("b")).isEqualTo(1);
    }

    @Test
    void quartzTablesExist() throws Exception {
        try (var c = database().dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM QRTZ_TRIGGERS")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
