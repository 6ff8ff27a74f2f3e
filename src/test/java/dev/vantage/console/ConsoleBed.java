package dev.vantage.console;

import dev.vantage.config.ConfigLoader;
import dev.vantage.config.Secrets;
import dev.vantage.config.VantageConfig;
import dev.vantage.pipeline.ProbePipeline;
import dev.vantage.report.JsonReportRenderer;
import dev.vantage.service.VantageService;
import dev.vantage.store.Database;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service with two loopback targets and one audit each, for the console tests: {@code shop} is public,
 * {@code backoffice} is not, and its site sends a hostile header value that ends up in a finding's evidence.
 * Nothing is scheduled during a test (yearly crons); the audits are asked for through the API.
 */
final class ConsoleBed implements AutoCloseable {

    static final String EDITOR = "console-editor-token-0123456789";
    static final String VIEWER = "console-viewer-token-9876543210";
    /** A session cookie nobody signed in for. */
    static final String COOKIE_FORGED = ConsoleAuth.COOKIE + "=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    /** Quoted by the Referrer-Policy check into its finding: must reach the page as text, never as an element. */
    static final String HOSTILE = "<img src=/x id=injected>";

    /** What {@code /blog} sends once {@link #harden()}ed: the headers the security area looks for. */
    private static final Map<String, String> HARDENING = Map.of(
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
            "X-Frame-Options", "DENY", "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer",
            "Cross-Origin-Opener-Policy", "same-origin", "Cross-Origin-Resource-Policy", "same-origin",
            "Permissions-Policy", "geolocation=()");

    private final Vertx site = Vertx.vertx();
    private volatile boolean hardened;
    private final HttpServer server;
    final VantageService service;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConsoleBed(Path dir) throws Exception {
        this(dir, "{per-second: 50, burst: 100}");
    }

    /** @param rateLimit the {@code server.rate-limit} setting, which the sign-in form shares with the API */
    ConsoleBed(Path dir, String rateLimit) throws Exception {
        this.dir = dir;
        server = site.createHttpServer().requestHandler(req -> {
            if (req.path().equals("/backoffice")) {
                req.response().putHeader("Referrer-Policy", HOSTILE);
            }
            if (req.path().equals("/blog") && hardened) {
                HARDENING.forEach(req.response()::putHeader);
            }
            boolean page = req.path().equals("/shop") || req.path().equals("/backoffice") || req.path().equals("/blog");
            req.response().setStatusCode(page ? 200 : 404).putHeader("Content-Type", "text/html")
                    .end("<!doctype html><title>site</title>");
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        String yaml = """
                server: {host: 127.0.0.1, port: 0, rate-limit: %3$s}
                storage: {url: "jdbc:h2:file:%1$s"}
                probing: {allow-loopback: true}
                auth:
                  tokens:
                    - {name: ci, token: "${E}", role: editor}
                    - {name: reader, token: "${V}", role: viewer}
                targets:
                  - name: shop
                    url: "http://127.0.0.1:%2$d/shop"
                    schedule: {cron: "0 0 3 1 1 ?"}
                    audit: {cron: "0 0 3 1 1 ?"}
                    public: true
                    labels: {team: web}
                  - name: backoffice
                    url: "http://127.0.0.1:%2$d/backoffice"
                    schedule: {cron: "0 0 3 1 1 ?"}
                    audit: {cron: "0 0 3 1 1 ?"}
                    labels: {team: ops}
                """.formatted(dir.resolve("db").toAbsolutePath(), server.actualPort(), rateLimit);
        Secrets secrets = new Secrets(Map.of("E", EDITOR, "V", VIEWER)::get);
        VantageConfig config = new ConfigLoader(secrets).parse(yaml, "test").config().orElseThrow();
        service = new VantageService(ProbePipeline::new, new JsonReportRenderer()::render, secrets, "console");
        service.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        for (String target : new String[] {"shop", "backoffice"}) {
            for (String kind : new String[] {"pulse", "audit"}) {
                HttpResponse<String> run = call("POST", "/api/targets/" + target + "/run?kind=" + kind, EDITOR);
                assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
            }
        }
    }

    /**
     * Writes an incident into the service's database as the incident tracker would (opening one for real takes
     * failing runs in a row): {@code resolvedAt} null leaves it open.
     */
    void recordIncident(String target, String kind, String subject, Instant openedAt, Instant resolvedAt,
                        String evidence) throws Exception {
        VantageConfig.Storage storage = new VantageConfig.Storage("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(),
                Optional.empty(), Optional.empty(), Duration.ofDays(30), false);
        Database db = Database.open(storage);
        try (var c = db.dataSource().getConnection(); var ps = c.prepareStatement("INSERT INTO incidents (id, target, "
                + "kind, subject, opened_at, resolved_at, evidence, resolution) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, "inc-" + target + "-" + openedAt.toEpochMilli());
            ps.setString(2, target);
            ps.setString(3, kind);
            ps.setString(4, subject);
            ps.setObject(5, openedAt.atOffset(java.time.ZoneOffset.UTC));
            ps.setObject(6, resolvedAt == null ? null : resolvedAt.atOffset(java.time.ZoneOffset.UTC));
            ps.setString(7, evidence);
            ps.setString(8, resolvedAt == null ? null : "answered again");
            ps.executeUpdate();
        } finally {
            db.close();
        }
    }

    /** {@code /blog} on the loopback site, not a target until a test adds it; plain until {@link #harden()}. */
    String blogUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/blog";
    }

    /** From now on {@code /blog} sends the security headers. */
    void harden() {
        hardened = true;
    }

    /**
     * The console as a browser must reach it to keep a {@code __Host-} cookie over plain http: Chromium treats
     * {@code localhost} (not {@code 127.0.0.1}) as a secure context.
     */
    String localBase() {
        return "http://localhost:" + service.port();
    }

    String base() {
        return "http://127.0.0.1:" + service.port();
    }

    /** @param token a bearer token, or null for an anonymous request */
    HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form post as a browser sends it; {@code headers} are name, value pairs (a cookie, Origin, ...). */
    HttpResponse<String> post(String path, Map<String, String> form, String... headers) throws Exception {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(java.util.stream.Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in with {@code token}; returns the {@code Cookie} header value of the session. */
    String signIn(String token) throws Exception {
        HttpResponse<String> r = post("/login", Map.of("token", token));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    /** The CSRF token of the first form on a page. */
    static String csrf(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a csrf field in " + page).isTrue();
        return m.group(1);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        service.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        site.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
