package dev.vantage.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vantage.config.ConfigLoader;
import dev.vantage.config.Secrets;
import dev.vantage.config.VantageConfig;
import dev.vantage.fixtures.TestPki;
import dev.vantage.pipeline.ProbePipeline;
import dev.vantage.probe.load.Ownership;
import dev.vantage.report.JsonReportRenderer;
import dev.vantage.service.VantageService;
import dev.vantage.fixtures.RequiredTool;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Prometheus and Grafana files against a real Prometheus (Debian's {@code prometheus} package, installed
 * by .ci/run): the service probes two loopback targets every 5 s, Prometheus scrapes it every second with a config
 * derived from {@code config/prometheus/prometheus.yml}, and every dashboard query must return data and every alert
 * rule must evaluate. Skipped, saying so, when prometheus or promtool is not installed.
 */
class PrometheusInteropIT {

    private static final Path SHIPPED_SCRAPE = Path.of("config/prometheus/prometheus.yml");
    private static final Path SHIPPED_ALERTS = Path.of("config/prometheus/alerts.yml");
    private static final Path DASHBOARD = Path.of("config/grafana/vantage-dashboard.json");
    private static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    static Path dir;
    static Path promtool;
    static Vertx sites;
    static VantageService service;
    static PrometheusProcess prometheus;
    static final String EDITOR = "prometheus-it-editor-token";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        Path prom = RequiredTool.binary("prometheus", "apt-get install -y prometheus");
        promtool = RequiredTool.binary("promtool", "apt-get install -y prometheus");
        int servicePort = freePort();
        service = startService(servicePort);
        int promPort = freePort();
        Path config = PrometheusProcess.deriveConfig(SHIPPED_SCRAPE, dir, "127.0.0.1:" + servicePort, "1s");
        prometheus = PrometheusProcess.start(prom, config, dir, promPort);
        prometheus.awaitReady(WAIT);
        // Audits and load runs have their own (daily, jittered) cadence: run them now, as an editor would, so the
        // panels fed by them have data without waiting for the schedule.
        for (String kind : List.of("audit", "load")) {
            HttpResponse<String> run = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servicePort
                            + "/api/targets/shop/run?kind=" + kind)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + EDITOR).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(run.statusCode()).as(kind + " run: " + run.body()).isEqualTo(200);
        }
        // Both targets probed and scraped: everything the dashboard shows exists from here on.
        prometheus.awaitQuery("count(probe_success{job=\"vantage\"})", r -> firstValue(r) == 2, WAIT);
    }

    /** The service probing a bare HTTPS site (failing checks, a certificate) and its own /health. */
    static VantageService startService(int servicePort) throws Exception {
        sites = Vertx.vertx();
        TestPki pki = TestPki.newCa("Vantage Prometheus IT CA");
        Path ca = pki.writeCaPem(dir.resolve("ca.pem"));
        int https = sites.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1")
                        .setKeyCertOptions(pki.issue(TestPki.LeafSpec.localhost()).keyCertOptions()))
                .requestHandler(req -> {
                    if (req.path().equals(Ownership.WELL_KNOWN_PATH)) {
                        publishToken(req, servicePort);
                    } else {
                        req.response().putHeader("Content-Type", "text/html").end("<html>shop</html>");
                    }
                })
                .listen(0).await().actualPort();
        int plain = sites.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
                .requestHandler(req -> req.response().end("plain")).listen(0).await().actualPort();
        String yaml = """
                server: {host: 127.0.0.1, port: %d}
                storage: {url: "jdbc:h2:file:%s"}
                probing: {allow-loopback: true}
                auth:
                  tokens:
                    - {name: it, token: "${IT_TOKEN}", role: editor}
                targets:
                  - name: shop
                    url: https://localhost:%d/
                    ca-file: %s
                    http-port: %d
                    schedule: {interval: 5s}
                    timeout: 20s
                    labels: {env: it}
                    load: {rate: 20, duration: 1s, connections: 2}
                  - name: self-health
                    url: http://127.0.0.1:%1$d/health
                    schedule: {interval: 5s}
                    timeout: 5s
                """.formatted(servicePort, dir.resolve("db/vantage"), https, ca, plain);
        Secrets secrets = new Secrets(java.util.Map.of("IT_TOKEN", EDITOR)::get);
        ConfigLoader.Result loaded = new ConfigLoader(secrets).parse(yaml, "prometheus-it.yaml");
        assertThat(loaded.errors()).isEmpty();
        VantageConfig config = loaded.config().orElseThrow();
        JsonReportRenderer json = new JsonReportRenderer();
        VantageService s = new VantageService(ProbePipeline::new, json::render, secrets, "prometheus-it");
        s.start(config).await(60, TimeUnit.SECONDS);
        return s;
    }

    /**
     * The site's owner publishes the ownership token the service shows through its API, as a person would
     * (copied from GET /api/targets/shop/verification), so the service's load runs are verified and sent.
     */
    static void publishToken(io.vertx.core.http.HttpServerRequest req, int servicePort) {
        sites.createHttpClient().request(io.vertx.core.http.HttpMethod.GET, servicePort, "127.0.0.1",
                        "/api/targets/shop/verification")
                .compose(r -> r.putHeader("Authorization", "Bearer " + EDITOR).send().compose(io.vertx.core.http.HttpClientResponse::body))
                .onSuccess(body -> req.response().putHeader("Content-Type", "text/plain")
                        .end(body.toJsonObject().getString("token") + "\n"))
                .onFailure(e -> req.response().setStatusCode(503).end());
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (service != null) {
            service.stop().await(60, TimeUnit.SECONDS);
        }
        if (sites != null) {
            sites.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyDashboardQueryReturnsData() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> exprs = new ArrayList<>();
        collectExprs(dashboard, exprs);
        assertThat(exprs).as("queries in " + DASHBOARD).hasSizeGreaterThanOrEqualTo(5);
        String targets = targetVariable(dashboard);
        for (String expr : exprs) {
            String promql = grafanaToPromql(expr, targets);
            JsonNode answer = prometheus.awaitQuery(promql, r -> !r.path("data").path("result").isEmpty(),
                    Duration.ofSeconds(20));
            assertThat(answer.path("status").asText()).as(promql).isEqualTo("success");
        }
    }

    /**
     * The dashboard's {@code $target} variable comes from {@code label_values(probe_success, target)}; resolve it the
     * way Grafana does (the label values API) and select all of them as Grafana's "All" does.
     */
    static String targetVariable(JsonNode dashboard) throws Exception {
        JsonNode variable = dashboard.path("templating").path("list").get(0);
        assertThat(variable.path("name").asText()).isEqualTo("target");
        assertThat(variable.path("query").asText()).isEqualTo("label_values(probe_success, target)");
        JsonNode values = prometheus.get("/api/v1/label/target/values?match[]="
                + URLEncoder.encode("probe_success", StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        values.path("data").forEach(v -> names.add(v.asText()));
        assertThat(names).containsExactlyInAnyOrder("shop", "self-health");
        return "(" + String.join("|", names) + ")";
    }

    @Test
    void everyAlertRuleEvaluatesAndIsHealthy() throws Exception {
        JsonNode alerts = new ObjectMapper(new YAMLFactory()).readTree(SHIPPED_ALERTS.toFile());
        Set<String> shipped = new TreeSet<>();
        for (JsonNode group : alerts.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                shipped.add(rule.path("alert").asText());
                JsonNode answer = prometheus.query(rule.path("expr").asText());
                assertThat(answer.path("status").asText()).as(rule.path("alert") + ": " + answer)
                        .isEqualTo("success");
            }
        }
        // Each rule is healthy once Prometheus has evaluated it (every second here); "unknown" before that.
        JsonNode rules = prometheus.awaitGet("/api/v1/rules", answer -> allRules(answer).values().stream()
                .allMatch("ok"::equals), Duration.ofSeconds(20));
        assertThat(allRules(rules).keySet()).isEqualTo(shipped);
    }

    static Map<String, String> allRules(JsonNode rulesAnswer) {
        Map<String, String> health = new java.util.TreeMap<>();
        rulesAnswer.path("data").path("groups").forEach(g -> g.path("rules")
                .forEach(r -> health.put(r.path("name").asText(), r.path("health").asText())));
        return health;
    }

    @Test
    void promtoolAcceptsTheShippedRulesAndConfigs() throws Exception {
        var rules = PrometheusProcess.ToolRun.of(promtool, new byte[0], dir, "check", "rules",
                SHIPPED_ALERTS.toString());
        assertThat(rules.exit()).as(rules.output()).isZero();
        var shipped = PrometheusProcess.ToolRun.of(promtool, new byte[0], dir, "check", "config",
                SHIPPED_SCRAPE.toString());
        assertThat(shipped.exit()).as(shipped.output()).isZero();
        var derived = PrometheusProcess.ToolRun.of(promtool, new byte[0], dir, "check", "config",
                dir.resolve("prometheus.yml").toString());
        assertThat(derived.exit()).as(derived.output()).isZero();
    }

    @Test
    void promtoolFindsNothingWrongWithALiveScrape() throws Exception {
        HttpResponse<byte[]> scrape = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.port() + "/metrics")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(new String(scrape.body(), StandardCharsets.UTF_8)).contains("probe_success{");
        var run = PrometheusProcess.ToolRun.of(promtool, scrape.body(), dir, "check", "metrics");
        List<String> findings = run.output().lines().filter(l -> !l.isBlank()).toList();
        assertThat(findings).as("promtool check metrics (exit " + run.exit() + ")").isEmpty();
        assertThat(run.exit()).as(run.output()).isZero();
    }

    static void collectExprs(JsonNode node, List<String> into) {
        for (JsonNode panel : node.path("panels")) {
            panel.path("targets").forEach(t -> {
                if (t.hasNonNull("expr")) {
                    into.add(t.get("expr").asText());
                }
            });
            collectExprs(panel, into); // rows nest their panels
        }
    }

    /** Grafana's built-in interval variables, given values that suit a 1 s scrape interval. */
    static String grafanaToPromql(String expr, String targets) {
        return expr.replace("$__rate_interval", "1m").replace("${__rate_interval}", "1m")
                .replace("$__interval", "15s").replace("${__interval}", "15s")
                .replace("$__range", "1h").replace("${__range}", "1h")
                .replace("${target}", targets).replace("$target", targets);
    }

    static double firstValue(JsonNode answer) {
        JsonNode result = answer.path("data").path("result");
        return result.isEmpty() ? Double.NaN : Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
