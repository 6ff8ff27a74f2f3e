package dev.vantage.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vantage.config.ConfigLoader;
import dev.vantage.config.Secrets;
import dev.vantage.config.VantageConfig;
import dev.vantage.pipeline.ProbePipeline;
import dev.vantage.report.JsonReportRenderer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pulse/audit split against a real loopback site and the real pipeline: what each kind of run sends (counted at
 * the site), that check selection selects probes, that a pulse's report carries the last audit's findings, and that
 * a pulse seeing the site change triggers an audit. Nothing is scheduled during the test (yearly crons): every run
 * is asked for through the API.
 */
class RunKindsServiceTest {

    static final Secrets SECRETS = EditorClient.SECRETS;

    @TempDir
    Path dir;
    Vertx site;
    HttpServer server;
    VantageService service;
    final List<String> paths = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicBoolean framed = new AtomicBoolean();
    EditorClient api;

    @BeforeEach
    void setUp() throws Exception {
        site = Vertx.vertx();
        server = site.createHttpServer().connectionHandler(c -> connections.incrementAndGet()).requestHandler(req -> {
            paths.add(req.path());
            if (framed.get()) {
                req.response().putHeader("X-Frame-Options", "DENY");
            }
            boolean page = req.path().equals("/a") || req.path().equals("/b");
            req.response().setStatusCode(page ? 200 : 404).putHeader("Content-Type", "text/html")
                    .end("<!doctype html><title>shop</title>");
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                storage: {url: "jdbc:h2:file:%1$s"}
                probing: {allow-loopback: true}
                auth:
                  tokens:
                    - {name: ci, token: "${E}", role: editor}
                targets:
                  - name: status-only
                    url: "http://127.0.0.1:%2$d/a"
                    schedule: {cron: "0 0 3 1 1 ?"}
                    audit: {cron: "0 0 3 1 1 ?"}
                    checks: {enable: [reliability.page-status]}
                  - name: full
                    url: "http://127.0.0.1:%2$d/b"
                    schedule: {cron: "0 0 3 1 1 ?"}
                    audit: {cron: "0 0 3 1 1 ?"}
                """.formatted(dir.resolve("db").toAbsolutePath(), server.actualPort());
        VantageConfig config = new ConfigLoader(SECRETS).parse(yaml, "test").config().orElseThrow();
        service = new VantageService(ProbePipeline::new, new JsonReportRenderer()::render, SECRETS, "run-kinds");
        service.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        api = new EditorClient(service);
    }

    @AfterEach
    void tearDown() throws Exception {
        service.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        site.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void checkSelectionSelectsProbesOneConnectionPerRun() throws Exception {
        json(call("POST", "/api/targets/status-only/run?kind=pulse"), 200);
        assertThat(connections.get()).as("connections of one pulse").isEqualTo(1);
        assertThat(paths).containsExactly("/a");

        json(call("POST", "/api/targets/status-only/run?kind=audit"), 200);
        assertThat(connections.get()).as("no enabled check reads an audit probe: the audit is one page request too")
                .isEqualTo(2);
        assertThat(paths).containsExactly("/a", "/a");
    }

    @Test
    void aPulseSendsThePageOnlyAndItsReportCarriesTheLastAudit() throws Exception {
        JsonNode first = json(call("POST", "/api/targets/full/run?kind=pulse"), 200);
        assertThat(paths).containsExactly("/b");
        assertThat(first.at("/evidence/audit").isNull()).as("no audit yet").isTrue();
        assertThat(first.get("warnings").toString()).contains("no audit has completed yet");
        assertThat(ids(first)).contains("security.hsts").doesNotContain("reliability.not-found");

        JsonNode audit = json(call("POST", "/api/targets/full/run?kind=audit"), 200);
        assertThat(paths).as("the audit probes exposure").contains("/.git/config");
        assertThat(ids(audit)).contains("reliability.not-found", "security.cors");
        int afterAudit = paths.size();

        JsonNode pulse = json(call("POST", "/api/targets/full/run?kind=pulse"), 200);
        assertThat(paths.subList(afterAudit, paths.size())).containsExactly("/b");
        assertThat(ids(pulse)).as("the audit's findings are carried into the pulse's report")
                .containsAll(ids(audit));
        assertThat(pulse.at("/evidence/pulse/fresh").asBoolean()).isTrue();
        assertThat(pulse.at("/evidence/audit/fresh").asBoolean()).isFalse();
        assertThat(millis(pulse.at("/evidence/audit/at"))).as("the database keeps microseconds")
                .isEqualTo(millis(audit.get("startedAt")));
        assertThat(pulse.get("warnings")).isEmpty();
        assertThat(audit.at("/evidence/load").isNull()).as("no load block: no load evidence is claimed").isTrue();
        assertThat(ids(pulse)).as("the load checks' 'not configured' travels with the audit")
                .contains("performance.load");

        JsonNode stored = json(call("GET", "/api/targets/full/report"), 200);
        assertThat(millis(stored.at("/evidence/pulse/at"))).as("the stored report's pulse is the newest pulse")
                .isEqualTo(millis(pulse.get("startedAt")));
        JsonNode history = json(call("GET", "/api/targets/full/history"), 200);
        assertThat(history.toString()).contains("\"kind\":\"pulse\"", "\"kind\":\"audit\"");
    }

    @Test
    void aPulseThatChangesNothingIsPackedAndLeavesTheStoredReportButNotItsPulseTime() throws Exception {
        JsonNode first = json(call("POST", "/api/targets/full/run?kind=pulse"), 200);
        JsonNode second = json(call("POST", "/api/targets/full/run?kind=pulse"), 200);
        assertThat(second.get("grade")).isEqualTo(first.get("grade"));

        JsonNode stored = json(call("GET", "/api/targets/full/report"), 200);
        assertThat(stored.get("startedAt")).as("the report of the last change, not rewritten")
                .isEqualTo(first.get("startedAt"));
        assertThat(millis(stored.at("/evidence/pulse/at"))).as("but the pulse evidence is as new as the newest pulse")
                .isEqualTo(millis(second.get("startedAt")));
        JsonNode history = json(call("GET", "/api/targets/full/history"), 200);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("id").asLong()).as("the unchanged pulse is packed").isZero();
        assertThat(history.get(1).get("id").asLong()).as("the first is a full row").isPositive();
        assertThat(millis(history.get(0).get("time"))).isEqualTo(millis(second.get("startedAt")));
    }

    @Test
    void aPulseThatSeesTheSecurityHeadersChangeTriggersAnAudit() throws Exception {
        json(call("POST", "/api/targets/full/run?kind=pulse"), 200);
        json(call("POST", "/api/targets/full/run?kind=pulse"), 200);
        assertThat(paths).as("an unchanged site triggers nothing").containsExactly("/b", "/b");

        framed.set(true);
        json(call("POST", "/api/targets/full/run?kind=pulse"), 200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!paths.contains("/.git/config") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(paths).as("the change triggered an audit").contains("/.git/config");
    }

    static java.time.Instant millis(JsonNode instant) {
        return java.time.Instant.parse(instant.asText()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    static List<String> ids(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("findings").forEach(f -> out.add(f.get("id").asText()));
        return out;
    }

    HttpResponse<String> call(String method, String path) throws Exception {
        return api.call(method, path);
    }

    static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        return EditorClient.json(response, status);
    }
}
