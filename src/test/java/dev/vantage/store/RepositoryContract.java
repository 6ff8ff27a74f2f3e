package dev.vantage.store;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.RunKind;
import dev.vantage.report.EvidenceState;
import java.time.Instant;

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
abstract class RepositoryContract implements PulseStoreContract {

    public abstract Database database();

    private TargetSpec spec(String name) {
        return new TargetSpec(name, URI.create("https://" + name + ".example/"), Schedule.every(Duration.ofSeconds(30)),
                List.of("security."), List.of(), Optional.of(Duration.ofSeconds(5)), Map.of("X-Key", "${KEY}"),
                Optional.empty(), Map.of(), Optional.of(8080), Map.of("team", "web"),
                Optional.of(LoadSettings.of(20, Duration.ofSeconds(5)).withPaths(List.of("/login", "/"))
                        .withWarmup(Duration.ofSeconds(1)).withMaxErrorRatio(0.005)));
    }

    @Test
    void theScheduleLockIsReentrantOnAThreadAndPassesTheWorksExceptionsThrough() throws Exception {
        ScheduleLock lock = database().scheduleLock();
        assertThat(lock.holding(() -> lock.holding(() -> "nested"))).isEqualTo("nested");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lock.holding(() -> {
            throw new IllegalStateException("the work's own failure");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the work's own failure");
        assertThat(lock.holding(() -> "free again")).as("released after a failure").isEqualTo("free again");
    }

    @Test
    void aTriggeredAuditIsClaimedAtMostOncePerDebounceWhateverTheNode() {
        EvidenceRepository a = new EvidenceRepository(database().dataSource());
        EvidenceRepository b = new EvidenceRepository(database().dataSource());
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        Duration hour = Duration.ofHours(1);
        assertThat(a.claimTriggeredAudit("shop", t0, hour)).as("first change").isTrue();
        assertThat(b.claimTriggeredAudit("shop", t0.plusSeconds(1), hour)).as("same change seen by node B").isFalse();
        assertThat(a.claimTriggeredAudit("shop", t0.plus(Duration.ofMinutes(59)), hour)).isFalse();
        assertThat(b.claimTriggeredAudit("shop", t0.plus(Duration.ofMinutes(60)), hour)).as("an hour later").isTrue();
        assertThat(a.claimTriggeredAudit("blog", t0, hour)).as("per target").isTrue();
    }

    @Test
    void theIdleLatencyWindowIsReadBackFromTheResultsInMicroseconds() {
        ResultRepository results = new ResultRepository(database().dataSource());
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        java.util.Map<dev.vantage.probe.Phase, Duration> phases = new java.util.EnumMap<>(dev.vantage.probe.Phase.class);
        phases.put(dev.vantage.probe.Phase.CONNECT, Duration.ofNanos(1_234_567));
        phases.put(dev.vantage.probe.Phase.PROCESSING, Duration.ofNanos(20_000_999));
        phases.put(dev.vantage.probe.Phase.TRANSFER, Duration.ofNanos(500_000));
        dev.vantage.report.ProbeSummary summary = new dev.vantage.report.ProbeSummary(200, 1.1, false, phases, 0, -1,
                Optional.empty(), Optional.empty());
        dev.vantage.report.Report answered = new dev.vantage.report.Report(URI.create("http://shop.example/"), t0,
                Duration.ofMillis(30), dev.vantage.grade.Grade.A, 95, "v", List.of(), List.of(), List.of(),
                Optional.empty(), summary, Optional.empty(), Optional.empty(), Optional.empty());
        results.insert("shop", RunKind.PULSE, answered, Optional.empty());
        var window = results.recentLatencies("shop", t0.minusSeconds(60), 720);
        assertThat(window).singleElement().satisfies(w -> {
            assertThat(w.get("connect")).isEqualTo(Duration.ofNanos(1_234_000));
            assertThat(w.get("processing")).isEqualTo(Duration.ofNanos(20_000_000));
            assertThat(w.get("request")).isEqualTo(Duration.ofNanos(20_500_000));
            assertThat(w.get("total")).isEqualTo(Duration.ofNanos(21_734_000));
            assertThat(w).doesNotContainKey("tls");
        });
        assertThat(results.recentLatencies("shop", t0.plusSeconds(1), 720)).as("older than the window").isEmpty();
    }

    @Test
    void evidenceStatesAndTheLatestReportAreKeptPerTargetAndKind() {
        EvidenceRepository repo = new EvidenceRepository(database().dataSource());
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        Finding f = new Finding("security.cors", Area.SECURITY, "CORS", Verdict.PASS, "cors-not-reflected",
                "no Access-Control-Allow-Origin", "");
        repo.save("shop", new EvidenceState(RunKind.AUDIT, t0, List.of(f), Optional.of("{\"tls\":1}"),
                Optional.empty()));
        repo.save("shop", new EvidenceState(RunKind.PULSE, t0.plusSeconds(60), List.of(), Optional.empty(),
                Optional.of("abc")));
        repo.save("shop", new EvidenceState(RunKind.PULSE, t0.plusSeconds(120), List.of(), Optional.empty(),
                Optional.of("def")));
        var states = repo.states("shop");
        assertThat(states).containsOnlyKeys(RunKind.AUDIT, RunKind.PULSE);
        assertThat(states.get(RunKind.AUDIT).findings()).containsExactly(f);
        assertThat(states.get(RunKind.AUDIT).section()).contains("{\"tls\":1}");
        assertThat(states.get(RunKind.PULSE).watch()).contains("def");
        assertThat(states.get(RunKind.PULSE).takenAt()).isEqualTo(t0.plusSeconds(120));

        repo.saveLatest("shop", new EvidenceRepository.Latest("{\"n\":2}", t0.plusSeconds(120), "A", true));
        repo.saveLatest("shop", new EvidenceRepository.Latest("{\"n\":1}", t0.plusSeconds(60), "B", true));
        assertThat(repo.latest("shop")).get().extracting(EvidenceRepository.Latest::report)
                .as("a late, older run does not replace the newer report").isEqualTo("{\"n\":2}");
        repo.deleteTarget("shop");
        assertThat(repo.states("shop")).isEmpty();
        assertThat(repo.latest("shop")).isEmpty();
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
    void manyFileTargetsAreStoredInOneTransactionAndOnlyChangedOnesRewritten() {
        TargetRepository repo = new TargetRepository(database().dataSource());
        List<TargetSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            specs.add(spec("t" + i));
        }
        assertThat(repo.storeAll(specs, StoredTarget.Source.FILE)).isEqualTo(300);
        assertThat(repo.all()).hasSize(300);
        assertThat(repo.verificationToken("t7")).isPresent();
        Optional<String> token = repo.verificationToken("t7");
        specs.set(7, TargetSpec.of("t7", URI.create("https://moved.example/"), Schedule.every(Duration.ofMinutes(1))));
        assertThat(repo.storeAll(specs, StoredTarget.Source.FILE)).as("one changed spec").isEqualTo(1);
        assertThat(repo.find("t7").orElseThrow().spec().url()).isEqualTo(URI.create("https://moved.example/"));
        assertThat(repo.verificationToken("t7")).as("kept across updates").isEqualTo(token);
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

    @Test
    void consoleSessionsAreFoundTouchedAndEndedIdleOrLeastRecentlyUsedFirst() {
        SessionRepository sessions = new SessionRepository(database().dataSource());
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        sessions.insert("old", new SessionRepository.Row("viewer", "c1", t0));
        sessions.insert("mid", new SessionRepository.Row("editor", "c2", t0.plusSeconds(60)));
        sessions.insert("new", new SessionRepository.Row("viewer", "c3", t0.plusSeconds(120)));
        assertThat(sessions.find("mid")).contains(new SessionRepository.Row("editor", "c2", t0.plusSeconds(60)));
        sessions.touch("old", t0.plusSeconds(180));
        assertThat(sessions.deleteLeastRecentlyUsed(1)).isEqualTo(1);
        assertThat(sessions.find("mid")).as("least recently used").isEmpty();
        assertThat(sessions.deleteUnusedSince(t0.plusSeconds(120))).isEqualTo(1);
        assertThat(sessions.find("new")).isEmpty();
        sessions.delete("old");
        assertThat(sessions.count()).isZero();
    }
}
