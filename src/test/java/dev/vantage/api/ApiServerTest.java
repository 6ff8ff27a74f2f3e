package dev.vantage.api;

import dev.vantage.config.ConfigLoader;
import dev.vantage.config.Secrets;
import dev.vantage.config.VantageConfig;
import dev.vantage.grade.Grade;
import dev.vantage.service.SampleReports;
import dev.vantage.service.VantageService;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API end to end: a real service on 127.0.0.1 with H2 and Quartz, and a fake pipeline. */
class ApiServerTest {

    static final String VIEWER = "viewer-token-0123456789";
    static final String EDITOR = "editor-token-0123456789";
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Secrets SECRETS = new Secrets(Map.of("V", VIEWER, "E", EDITOR)::get);

    @TempDir
    Path dir;
    VantageService service;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final AtomicInteger probes = new AtomicInteger();

    VantageConfig config() {
        String yaml = """
                server: {host: 127.0.0.1, port: 0, max-body-bytes: 2048}
                storage: {url: "jdbc:h2:file:%s"}
                probing: {allow-loopback: true}
                auth:
                  tokens:
                    - {name: dash, token: "${V}", role: viewer}
                    - {name: ci, token: "${E}", role: editor}
                targets:
                  - {name: self, url: "http://127.0.0.1:9/", schedule: {interval: 1h}}
                """.formatted(dir.resolve("db").toAbsolutePath());
        return new ConfigLoader(SECRETS).parse(yaml, "test").config().orElseThrow();
    }

    void start() {
        service = new VantageService(vertx -> (plan, checks, carried) -> {
            probes.incrementAndGet();
            return Future.succeededFuture(SampleReports.graded(plan.target(), Instant.now(), Grade.B, 74));
        }, SampleReports::json, SECRETS, "api-test-" + NAMES.incrementAndGet());
        service.start(config()).toCompletionStage().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
    }

    @BeforeEach
    void setUp() {
        start();
    }

    @AfterEach
    void tearDown() {
        service.stop().toCompletionStage().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
    }

    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static final String SHOP = "{\"name\":\"shop\",\"url\":\"https://shop.example/\",\"schedule\":{\"interval\":\"10m\"},"
            + "\"labels\":{\"team\":\"web\"}}";

    @Nested
    class HealthAndHeaders {
        @Test
        void healthAndReadinessAnswerJsonWithSecurityHeaders() throws Exception {
            var health = call("GET", "/health", null, null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"up\"}");
            assertThat(health.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(health.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'none'");
            var ready = call("GET", "/ready", null, null);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"database\":\"up\"").contains("\"scheduler\":\"up\"")
                    .contains("\"status\":\"ready\"");
            try (var socket = new java.net.Socket("127.0.0.1", service.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /a%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        java.nio.charset.StandardCharsets.US_ASCII)).readLine();
                assertThat(status).as("broken %-escape").isEqualTo("HTTP/1.1 400 Bad Request");
            }
            var missing = call("GET", "/nope", null, null);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("X-Frame-Options")).contains("DENY");
        }
    }

    @Nested
    class Auth {
        @Test
        void tokensAndRolesAreEnforced() throws Exception {
            var none = call("GET", "/api/targets", null, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            assertThat(call("GET", "/api/targets", "wrong-token-0123456789", null).statusCode()).isEqualTo(401);
            assertThat(call("GET", "/api/targets", VIEWER, null).statusCode()).isEqualTo(200);
            var forbidden = call("POST", "/api/targets", VIEWER, SHOP);
            assertThat(forbidden.statusCode()).isEqualTo(403);
            assertThat(forbidden.body()).contains("editor role");
            assertThat(call("POST", "/api/targets", EDITOR, SHOP).statusCode()).isEqualTo(201);
        }
    }

    @Nested
    class Targets {
        @Test
        void createReadUpdateDelete() throws Exception {
            var created = call("POST", "/api/targets", EDITOR, SHOP);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.body()).contains("\"source\":\"api\"").contains("\"interval\":\"10m\"");
            assertThat(call("POST", "/api/targets", EDITOR, SHOP).statusCode()).isEqualTo(409);
            assertThat(call("GET", "/api/targets", VIEWER, null).body()).contains("\"name\":\"self\"")
                    .contains("\"name\":\"shop\"");
            var updated = call("PUT", "/api/targets/shop", EDITOR,
                    "{\"url\":\"https://shop.example/\",\"schedule\":{\"cron\":\"0 */5 * * * ?\"}}");
            assertThat(updated.statusCode()).isEqualTo(200);
            assertThat(updated.body()).contains("\"cron\":\"0 */5 * * * ?\"");
            assertThat(call("PUT", "/api/targets/ghost", EDITOR, SHOP.replace("shop", "ghost")).statusCode())
                    .isEqualTo(404);
            assertThat(call("DELETE", "/api/targets/shop", EDITOR, null).statusCode()).isEqualTo(204);
            assertThat(call("GET", "/api/targets/shop", VIEWER, null).statusCode()).isEqualTo(404);
        }

        @Test
        void invalidBodiesListEveryProblem() throws Exception {
            var bad = call("POST", "/api/targets", EDITOR,
                    "{\"name\":\"Bad Name\",\"url\":\"ftp://x\",\"schedule\":{\"interval\":\"5x\"},\"colour\":1}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("name: \\\"Bad Name\\\" is not a valid name")
                    .contains("url: \\\"ftp://x\\\"").contains("schedule: interval \\\"5x\\\"")
                    .contains("colour: unknown key");
            assertThat(call("POST", "/api/targets", EDITOR, "{not json").body()).contains("not valid JSON");
            // Issue 15: a cron that never fires answered 500 and was stored, and then bricked the next start.
            for (String cron : new String[] {"0 0 0 31 2 ?", "0 0 0 1 1 ? 2020", "* * * * * ?"}) {
                var never = call("POST", "/api/targets", EDITOR, SHOP.replace("\"interval\":\"10m\"",
                        "\"cron\":\"" + cron + "\""));
                assertThat(never.statusCode()).as(cron).isEqualTo(400);
                assertThat(never.body()).as(cron).contains("schedule: cron \\\"" + cron + "\\\" ");
                assertThat(call("GET", "/api/targets/shop", VIEWER, null).statusCode()).as(cron).isEqualTo(404);
            }
            var renamed = call("PUT", "/api/targets/self", EDITOR, SHOP);
            assertThat(renamed.statusCode()).isEqualTo(400);
            var big = call("POST", "/api/targets", EDITOR, "{\"name\":\"" + "x".repeat(5000) + "\"}");
            assertThat(big.statusCode()).isEqualTo(413);
        }

        @Test
        void fileTargetsCannotBeChangedThroughTheApi() throws Exception {
            var put = call("PUT", "/api/targets/self", EDITOR,
                    "{\"url\":\"http://127.0.0.1:9/\",\"schedule\":{\"interval\":\"2h\"}}");
            assertThat(put.statusCode()).isEqualTo(409);
            assertThat(put.body()).contains("config file");
            assertThat(call("DELETE", "/api/targets/self", EDITOR, null).statusCode()).isEqualTo(409);
        }
    }

    @Nested
    class Results {
        @Test
        void runStoresAReportThatHistoryAndMetricsShow() throws Exception {
            assertThat(call("POST", "/api/targets", EDITOR, SHOP).statusCode()).isEqualTo(201);
            var run = call("POST", "/api/targets/shop/run", EDITOR, null);
            assertThat(run.statusCode()).isEqualTo(200);
            assertThat(run.body()).contains("\"grade\":\"B\"");
            assertThat(call("GET", "/api/targets/shop/report", VIEWER, null).body())
                    .isEqualTo("{\"target\":\"https://shop.example/\",\"grade\":\"B\",\"score\":74}");
            var history = call("GET", "/api/targets/shop/history?since=1h&limit=10", VIEWER, null);
            assertThat(history.statusCode()).isEqualTo(200);
            assertThat(history.body()).contains("\"grade\":\"B\"").contains("\"score\":74");
            assertThat(call("GET", "/api/targets/shop/history?limit=0", VIEWER, null).statusCode()).isEqualTo(400);
            assertThat(call("POST", "/api/targets/ghost/run", EDITOR, null).statusCode()).isEqualTo(404);

            String metrics = call("GET", "/metrics", null, null).body();
            assertThat(metrics).contains("probe_success{instance=\"https://shop.example/\",target=\"shop\",team=\"web\"} 1.0")
                    .contains("vantage_grade_info{area=\"overall\",grade=\"B\"")
                    .contains("jvm_memory_used_bytes").contains("vertx_http_server_requests_total")
                    .contains("vantage_scheduler_running 1.0");
            assertThat(call("DELETE", "/api/targets/shop", EDITOR, null).statusCode()).isEqualTo(204);
            assertThat(call("GET", "/metrics", null, null).body()).doesNotContain("target=\"shop\"");
        }

        @Test
        void apiTargetsSurviveARestart() throws Exception {
            assertThat(call("POST", "/api/targets", EDITOR, SHOP).statusCode()).isEqualTo(201);
            service.stop().toCompletionStage().toCompletableFuture().join();
            start();
            assertThat(call("GET", "/api/targets/shop", VIEWER, null).statusCode()).isEqualTo(200);
        }
    }
}
