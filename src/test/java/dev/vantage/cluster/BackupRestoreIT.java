package dev.vantage.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.config.ConfigLoader;
import dev.vantage.config.Secrets;
import dev.vantage.config.TargetParser;
import dev.vantage.config.TargetSpec;
import dev.vantage.config.VantageConfig;
import dev.vantage.fixtures.RequiredTool;
import dev.vantage.grade.Grade;
import dev.vantage.probe.RunKind;
import dev.vantage.service.SampleReports;
import dev.vantage.service.VantageService;
import dev.vantage.store.Database;
import dev.vantage.store.EvidenceRepository;
import dev.vantage.store.ResultRepository;
import dev.vantage.store.ResultSummary;
import dev.vantage.store.StoredTarget;
import dev.vantage.store.TargetRepository;
import io.vertx.core.Future;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup and restore of docs/deployment.md, run as written: a cluster database (clustered Quartz tables, file
 * and API targets, pulse and audit results, the newest composed reports) is dumped with {@code pg_dump}, restored
 * into a fresh database with {@code createdb} and {@code pg_restore}, and a service started on the restored database
 * answers every target, every result and every newest report the dump held.
 */
class BackupRestoreIT {

    private static final String INSTALL = "apt-get install postgresql-client";
    /** Once a year (1 January, midnight): nothing fires while the test runs, so the dump's rows stay the newest. */
    private static final String YEARLY = "0 0 0 1 1 ?";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aDumpRestoredIntoAFreshDatabaseServesEveryTargetResultAndReport() throws Exception {
        Path pgDump = RequiredTool.binary("pg_dump", INSTALL);
        Path createdb = RequiredTool.binary("createdb", INSTALL);
        Path pgRestore = RequiredTool.binary("pg_restore", INSTALL);
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata")).start();
        } catch (Exception | Error e) {
            RequiredTool.require(false, "embedded PostgreSQL could not start here: " + e);
            return;
        }
        try (pg) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE vantage");
            }
            String server = "postgresql://postgres@127.0.0.1:" + pg.getPort();
            String source = jdbc(pg, "vantage");

            AtomicInteger sourceRuns = new AtomicInteger();
            runService(source, sourceRuns, "the source node");
            Map<String, Stored> dumped = fill(source);
            // A hot backup: the dump is taken while a node runs, so its Quartz check-in row is in the dump.
            AtomicInteger sourceRunsAfterFill = new AtomicInteger();
            VantageService running = start(source, sourceRunsAfterFill);
            Path dump = dir.resolve("vantage.dump");
            try {
                run(pgDump.toString(), "--format=custom", "--file=" + dump, server + "/vantage");
            } finally {
                await(running.stop());
            }
            run(createdb.toString(), "--maintenance-db=" + server + "/postgres", "vantage_restored");
            run(pgRestore.toString(), "--no-owner", "--exit-on-error", "--dbname=" + server + "/vantage_restored",
                    dump.toString());

            try (Connection c = pg.getDatabase("postgres", "vantage_restored").getConnection();
                 Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT COUNT(*) FROM qrtz_scheduler_state")) {
                rs.next();
                assertThat(rs.getInt(1)).as("check-ins of the nodes at dump time, restored with the dump")
                        .isPositive();
            }
            AtomicInteger restoredRuns = new AtomicInteger();
            Map<String, JsonNode> seen = new TreeMap<>();
            VantageService restored = start(jdbc(pg, "vantage_restored"), restoredRuns);
            try {
                assertThat(get(restored, "/ready").statusCode()).isEqualTo(200);
                for (JsonNode t : JSON.readTree(get(restored, "/api/targets").body())) {
                    seen.put(t.get("name").asText(), t);
                }
                assertThat(seen.keySet()).as("every target of the dump").isEqualTo(dumped.keySet());
                for (Map.Entry<String, Stored> e : dumped.entrySet()) {
                    String name = e.getKey();
                    assertThat(seen.get(name).get("source").asText()).as(name).isEqualTo(e.getValue().source);
                    List<String> history = new ArrayList<>();
                    for (JsonNode r : JSON.readTree(get(restored, "/api/targets/" + name + "/history?limit=100")
                            .body())) {
                        history.add(r.get("id").asLong() + " " + r.get("time").asText() + " " + r.get("kind").asText()
                                + " " + r.get("grade").asText() + " " + r.get("score").asInt());
                    }
                    assertThat(history).as("every result of %s, newest first", name)
                            .containsExactlyElementsOf(e.getValue().results);
                    assertThat(get(restored, "/api/targets/" + name + "/report").body()).as("newest report of " + name)
                            .isEqualTo(e.getValue().report);
                }
            } finally {
                await(restored.stop());
            }
            assertThat(restoredRuns).as("nothing ran on the restored node: the answers above came from the dump")
                    .hasValue(0);
            assertThat(sourceRuns.get() + sourceRunsAfterFill.get()).as("nor on the source node").isZero();
        }
    }

    /** What the dump holds of one target: its source, its results as the API lists them, its newest report. */
    private record Stored(String source, List<String> results, String report) {
    }

    /**
     * API targets (they live only in the database) beside the file's, each with audit and pulse results and a
     * composed newest report, written as the service writes them.
     */
    private Map<String, Stored> fill(String url) throws Exception {
        Map<String, Stored> out = new TreeMap<>();
        Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        try (Database db = Database.open(storage(url))) {
            TargetRepository targets = new TargetRepository(db.dataSource());
            ResultRepository results = new ResultRepository(db.dataSource());
            EvidenceRepository evidence = new EvidenceRepository(db.dataSource());
            for (int i = 0; i < 3; i++) {
                String name = "api" + i;
                List<String> problems = new ArrayList<>();
                TargetSpec spec = TargetParser.forStored(TargetSpec.Origin.API).parse(JSON.readTree(target(name)),
                        name, problems).orElseThrow(() -> new AssertionError(problems));
                assertThat(targets.insert(spec, StoredTarget.Source.API)).isTrue();
            }
            for (StoredTarget t : targets.all()) {
                String name = t.spec().name();
                URI url0 = t.spec().url();
                var audit = SampleReports.graded(url0, base, Grade.B, 70 + name.length());
                results.insert(name, RunKind.AUDIT, audit, Optional.of(SampleReports.json(audit)), Optional.of("n1"));
                for (int p = 1; p <= 3; p++) {
                    var pulse = SampleReports.graded(url0, base.plusSeconds(60L * p), Grade.A, 90 + p);
                    results.insert(name, RunKind.PULSE, pulse, Optional.empty(), Optional.of("n" + p));
                }
                var newest = SampleReports.graded(url0, base.plusSeconds(180), Grade.A, 93);
                String report = SampleReports.json(newest).replace("}", ",\"of\":\"" + name + "\"}");
                evidence.saveLatest(name, new EvidenceRepository.Latest(report, newest.startedAt(), "A", true));
                List<String> history = new ArrayList<>();
                for (ResultSummary r : results.history(name, Instant.EPOCH, 100)) {
                    history.add(r.id() + " " + r.probedAt() + " " + r.kind().id() + " " + r.grade() + " " + r.score());
                }
                assertThat(history).hasSize(4);
                out.put(name, new Stored(t.source().id(), history, report));
            }
        }
        assertThat(out).hasSize(5);
        return out;
    }

    private static String target(String name) {
        return """
                {"name": "%s", "url": "http://127.0.0.1:9/%s", "schedule": {"cron": "%s"},
                 "audit": {"cron": "%s"}}""".formatted(name, name, YEARLY, YEARLY);
    }

    /** Starts a clustered node on {@code url}, checks it is ready and stops it again. */
    private void runService(String url, AtomicInteger runs, String what) throws Exception {
        VantageService s = start(url, runs);
        try {
            assertThat(get(s, "/ready").statusCode()).as(what).isEqualTo(200);
        } finally {
            await(s.stop());
        }
    }

    private VantageService start(String url, AtomicInteger runs) throws Exception {
        String yaml = """
                server: {host: 127.0.0.1, port: 0, rate-limit: off}
                storage: {url: "%s", user: postgres, clustered: true}
                probing: {allow-loopback: true}
                targets:
                  - {name: file0, url: "http://127.0.0.1:9/file0", schedule: {cron: "%s"}, audit: {cron: "%s"}}
                  - {name: file1, url: "http://127.0.0.1:9/file1", schedule: {cron: "%s"}, audit: {cron: "%s"}}
                """.formatted(url, YEARLY, YEARLY, YEARLY, YEARLY);
        var parsed = new ConfigLoader(new Secrets(Map.<String, String>of()::get)).parse(yaml, "backup-restore");
        VantageConfig config = parsed.config().orElseThrow(() -> new AssertionError(parsed));
        VantageService s = new VantageService(vertx -> (plan, checks, carried) -> {
            runs.incrementAndGet();
            return Future.succeededFuture(SampleReports.graded(plan.target(), Instant.now(), Grade.C, 50));
        }, SampleReports::json, new Secrets(Map.<String, String>of()::get), "vantage");
        await(s.start(config));
        return s;
    }

    private static VantageConfig.Storage storage(String url) {
        return new VantageConfig.Storage(url, Optional.of("postgres"), Optional.empty(), Duration.ofDays(30), true);
    }

    private static String jdbc(EmbeddedPostgres pg, String database) {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + database;
    }

    private static HttpResponse<String> get(VantageService s, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(Future<Void> f) throws Exception {
        f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    /** Runs a PostgreSQL client tool; fails with its output unless it exits 0 within two minutes. */
    private void run(String... command) throws Exception {
        Path log = Files.createTempFile(dir, "tool", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(2, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done && p.exitValue() == 0).as("%s exited %s:%n%s", String.join(" ", command),
                done ? p.exitValue() : "(timed out)", output).isTrue();
    }
}
