package dev.vantage.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vantage.config.ConfigLoader;
import dev.vantage.config.Secrets;
import dev.vantage.config.VantageConfig;
import dev.vantage.pipeline.ProbePipeline;
import dev.vantage.probe.load.Ownership;
import dev.vantage.report.JsonReportRenderer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service-mode load end to end: the real pipeline probes a loopback site whose owner has or has not published the
 * token the API shows; no load request reaches the site until it has, and the run then lands in the report, the
 * idle window and the metrics.
 */
class ServiceLoadTest {

    static final Secrets SECRETS = EditorClient.SECRETS;

    @TempDir
    Path dir;
    Vertx site;
    HttpServer server;
    VantageService service;
    final AtomicReference<String> published = new AtomicReference<>();
    final AtomicInteger loadRequests = new AtomicInteger();
    EditorClient api;

    @BeforeEach
    void setUp() throws Exception {
        site = Vertx.vertx();
        server = site.createHttpServer().requestHandler(req -> {
            if (req.path().equals(Ownership.WELL_KNOWN_PATH)) {
                String token = published.get();
                req.response().setStatusCode(token == null ? 404 : 200).putHeader("Content-Type", "text/plain")
                        .end(token == null ? "not found" : token + "\n");
                return;
            }
            String agent = req.getHeader("User-Agent");
            if (agent != null && agent.startsWith("Vantage-load/")) {
                loadRequests.incrementAndGet();
            }
            req.response().putHeader("Content-Type", "text/html").end("<!doctype html><title>shop</title>");
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                storage: {url: "jdbc:h2:file:%s"}
                probing: {allow-loopback: true}
                auth:
                  tokens:
                    - {name: ci, token: "${E}", role: editor}
                targets:
                  - name: shop
                    url: "http://127.0.0.1:%d/"
                    # Nothing scheduled fires during the test (once a year): the runs below are the API's.
                    schedule: {cron: "0 0 3 1 1 ?"}
                    audit: {cron: "0 0 3 1 1 ?"}
                    load: {rate: 40, duration: 1s, connections: 4, p95: 500ms}
                """.formatted(dir.resolve("db").toAbsolutePath(), server.actualPort());
        VantageConfig config = new ConfigLoader(SECRETS).parse(yaml, "test")
                .config().orElseThrow();
        service = new VantageService(ProbePipeline::new, new JsonReportRenderer()::render,
                SECRETS, "service-load");
        service.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        api = new EditorClient(service);
    }

    @AfterEach
    void tearDown() throws Exception {
        service.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        site.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void noLoadUntilTheOwnerServesTheTokenThenTheRunIsReportedAndExported() throws Exception {
        JsonNode verification = json(call("GET", "/api/targets/shop/verification"), 200);
        String token = verification.get("token").asText();
        assertThat(token).startsWith("vantage-");
        assertThat(verification.get("loadConfigured").asBoolean()).isTrue();
        assertThat(verification.at("/wellKnownFile/url").asText())
                .isEqualTo("http://127.0.0.1:" + server.actualPort() + Ownership.WELL_KNOWN_PATH);
        assertThat(verification.at("/dnsTxt/name").isNull()).as("an IP target cannot use DNS").isTrue();

        JsonNode refused = json(call("POST", "/api/targets/shop/run?kind=load"), 200);
        assertThat(refused.at("/load/outcome").asText()).isEqualTo("refused");
        assertThat(refused.at("/load/detail").asText()).contains("404", token);
        assertThat(loadRequests.get()).as("load requests before ownership was proven").isZero();
        assertThat(json(call("POST", "/api/targets/shop/verification/check"), 200).get("verified").asBoolean())
                .isFalse();

        published.set(token);
        JsonNode check = json(call("POST", "/api/targets/shop/verification/check"), 200);
        assertThat(check.get("verified").asBoolean()).isTrue();
        assertThat(check.get("method").asText()).isEqualTo("well-known file");

        JsonNode loaded = json(call("POST", "/api/targets/shop/run?kind=load"), 200);
        assertThat(loaded.at("/load/outcome").asText()).isEqualTo("completed");
        assertThat(loaded.at("/load/ownershipVerifiedBy").asText()).isEqualTo("well-known file");
        assertThat(refused.at("/load/ownershipVerifiedBy").isNull()).isTrue();
        assertThat(loaded.at("/load/sent").asLong()).isEqualTo(40);
        assertThat(loaded.at("/load/latencyMs/count").asLong()).isEqualTo(40);
        assertThat(loadRequests.get()).isEqualTo(40);
        assertThat(loaded.at("/idleLatency/samples").asInt()).as("both runs were idle samples").isEqualTo(2);
        assertThat(loaded.at("/load/idleP95Ms").asDouble()).as("the request p95 of the probes before this run")
                .isEqualTo(refused.at("/idleLatency/phasesMs/request/p95").asDouble());
        assertThat(loaded.get("findings").findValuesAsText("id")).contains("performance.load");

        String metrics = call("GET", "/metrics").body();
        assertThat(metrics).containsPattern("vantage_load_outcome\\{[^}]*outcome=\"completed\"[^}]*} 1\\.0")
                .containsPattern("vantage_load_latency_seconds\\{[^}]*percentile=\"p99\"[^}]*} [0-9.eE-]+")
                .containsPattern("vantage_load_requested_rate\\{[^}]*target=\"shop\"[^}]*} 40\\.0")
                .containsPattern("vantage_load_requests\\{[^}]*} 40\\.0");

        JsonNode rotated = json(call("POST", "/api/targets/shop/verification/rotate"), 200);
        assertThat(rotated.get("token").asText()).isNotEqualTo(token);
        JsonNode stale = json(call("POST", "/api/targets/shop/verification/check"), 200);
        assertThat(stale.get("verified").asBoolean()).as("the old token proves nothing after rotation").isFalse();
        assertThat(json(call("GET", "/api/targets/absent/verification"), 404).toString()).contains("absent");
    }

    HttpResponse<String> call(String method, String path) throws Exception {
        return api.call(method, path);
    }

    static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        return EditorClient.json(response, status);
    }
}
