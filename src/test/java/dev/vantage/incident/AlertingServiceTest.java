package dev.vantage.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.config.ConfigLoader;
import dev.vantage.config.Secrets;
import dev.vantage.config.VantageConfig;
import dev.vantage.fixtures.TestPki;
import dev.vantage.pipeline.ProbePipeline;
import dev.vantage.report.JsonReportRenderer;
import dev.vantage.service.VantageService;
import dev.vantage.store.Database;
import dev.vantage.store.PackedPulse;
import dev.vantage.store.ResultRepository;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's "Done means", end to end through the real service: the real pipeline pulses a loopback site the test
 * switches up, down (500 or a closed connection), and from hardened headers to fewer; the incidents go out to a
 * loopback receiver that checks every webhook signature as docs/alerting.md tells a receiver to. Every pulse is
 * asked for through the API ({@code run?kind=pulse}); schedules are yearly, so nothing fires by itself. After each
 * pulse the test waits (bounded) until the tracker has recorded it (it counts its observations).
 */
class AlertingServiceTest {

    static final String EDITOR = "editor-token-0123456789";
    static final String HOOK_SECRET = "hook-secret-for-the-test-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Secrets SECRETS = new Secrets(Map.of("E", EDITOR, "W", HOOK_SECRET)::get);
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final Map<String, String> HARDENED = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            "Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Permissions-Policy", "geolocation=(), camera=(), microphone=()",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin");

    /** How the loopback site answers its page. */
    enum SiteMode { UP, ERROR_500, CLOSED }

    /** One request the receiver accepted, with whether its signature verified. */
    record Received(String channel, JsonNode body, boolean signed) {
        String event() {
            return body.path("event").asText();
        }
    }

    @TempDir
    Path dir;
    Vertx vertx;
    HttpServer site;
    HttpServer upgrade;
    HttpServer receiver;
    VantageService service;
    Database db;
    final AtomicReference<SiteMode> mode = new AtomicReference<>(SiteMode.UP);
    /** Security headers a "deploy" dropped from the hardened set. */
    final Set<String> removed = ConcurrentHashMap.newKeySet();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<String> forged = new CopyOnWriteArrayList<>();
    final Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        TestPki pki = TestPki.newCa("Alerting test CA");
        Path ca = pki.writeCaPem(dir.resolve("ca.pem"));
        site = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(pki.issue(TestPki.LeafSpec.localhost()).keyCertOptions()))
                .requestHandler(this::answerPage).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        // The plain-HTTP side of the site upgrades to HTTPS, as a hardened site does (the audit checks it).
        upgrade = vertx.createHttpServer().requestHandler(req -> req.response().setStatusCode(301)
                        .putHeader("Location", "https://localhost:" + site.actualPort() + req.uri()).end())
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        receiver = vertx.createHttpServer().requestHandler(this::receive).listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                storage: {url: "jdbc:h2:file:%1$s"}
                probing: {allow-loopback: true}
                auth:
                  tokens:
                    - {name: ci, token: "${E}", role: editor}
                alerts:
                  failure-threshold: 3
                  recovery-threshold: 2
                  channels:
                    - {name: hook, type: webhook, url: "http://127.0.0.1:%3$d/hook", secret: "${W}"}
                    - {name: chat, type: slack, url: "http://127.0.0.1:%3$d/chat"}
                  delivery: {max-attempts: 4, initial-backoff: 10ms, max-backoff: 40ms, timeout: 5s}
                targets:
                  - name: shop
                    url: "https://localhost:%2$d/"
                    ca-file: "%4$s"
                    schedule: {cron: "0 0 3 1 1 ?"}
                    audit: {cron: "0 0 3 1 1 ?"}
                  - name: graded
                    url: "https://localhost:%2$d/"
                    ca-file: "%4$s"
                    http-port: %5$d
                    schedule: {cron: "0 0 3 1 1 ?"}
                    audit: {cron: "0 0 3 1 1 ?"}
                    expect: {grade: B}
                """.formatted(dir.resolve("db").toAbsolutePath(), site.actualPort(), receiver.actualPort(), ca,
                upgrade.actualPort());
        VantageConfig config = new ConfigLoader(SECRETS).parse(yaml, "test").config().orElseThrow();
        service = new VantageService(ProbePipeline::new, new JsonReportRenderer()::render, SECRETS, "alerting");
        service.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        // A second pool on the same embedded database: the test reads what the service stored.
        db = Database.open(config.storage());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (service != null) {
            service.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        if (db != null) {
            db.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private void answerPage(HttpServerRequest req) {
        if (!req.path().equals("/")) {
            req.response().setStatusCode(404).putHeader("Content-Type", "text/html").end("<title>not found</title>");
            return;
        }
        switch (mode.get()) {
            case CLOSED -> req.connection().close();
            case ERROR_500 -> req.response().setStatusCode(500).putHeader("Content-Type", "text/html")
                    .end("<!doctype html><title>oops</title>");
            case UP -> {
                HARDENED.forEach((name, value) -> {
                    if (!removed.contains(name)) {
                        req.response().putHeader(name, value);
                    }
                });
                req.response().putHeader("Content-Type", "text/html; charset=utf-8")
                        .end("<!doctype html><title>shop</title>");
            }
        }
    }

    /**
     * The receiver: refuses the first attempt of every webhook delivery (so the service's retry is exercised),
     * verifies each webhook's signature as docs/alerting.md describes, and records what it accepted.
     */
    private void receive(HttpServerRequest req) {
        req.body().onSuccess(buffer -> {
            String body = buffer.toString(StandardCharsets.UTF_8);
            String channel = req.path().substring(1);
            if (channel.equals("hook")) {
                String key = req.getHeader("Idempotency-Key");
                if (refusedOnce.add(key)) {
                    req.response().setStatusCode(500).end();
                    return;
                }
                boolean signed = verify(req.getHeader("X-Vantage-Timestamp"), req.getHeader("X-Vantage-Signature"),
                        body);
                if (!signed) {
                    forged.add(body);
                    req.response().setStatusCode(401).end();
                    return;
                }
            }
            try {
                received.add(new Received(channel, JSON.readTree(body), channel.equals("hook")));
            } catch (java.io.IOException e) {
                forged.add(body);
            }
            req.response().setStatusCode(204).end();
        });
    }

    /** What docs/alerting.md tells a receiver to do, written here from the doc rather than taken from the sender. */
    static boolean verify(String timestamp, String signature, String body) {
        if (timestamp == null || signature == null
                || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    signature.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void downForThreePulsesNotifiesOnceAndRecoveryOnceFlappingNotAtAll() throws Exception {
        pulse("shop");
        // An error page is as down as no answer; flapping between them and up moves no check either.
        for (SiteMode m : List.of(SiteMode.ERROR_500, SiteMode.UP, SiteMode.CLOSED, SiteMode.ERROR_500, SiteMode.UP)) {
            mode.set(m);
            pulse("shop");
        }
        assertThat(incidents("shop", false)).as("flapping never reaches three failures in a row").isEmpty();

        mode.set(SiteMode.ERROR_500);
        pulse("shop");
        mode.set(SiteMode.CLOSED);
        pulse("shop");
        assertThat(incidents("shop", false)).as("two failures are below the threshold").isEmpty();
        mode.set(SiteMode.ERROR_500);
        pulse("shop");
        JsonNode open = only(incidents("shop", true));
        assertThat(open.get("kind").asText()).isEqualTo("down");
        String id = open.get("id").asText();
        awaitReceived("hook", 1);

        mode.set(SiteMode.UP);
        pulse("shop");
        mode.set(SiteMode.CLOSED);
        pulse("shop");
        mode.set(SiteMode.UP);
        pulse("shop");
        assertThat(only(incidents("shop", true)).get("id").asText())
                .as("one success at a time is below the recovery threshold: still the same incident").isEqualTo(id);
        pulse("shop");
        assertThat(incidents("shop", true)).as("two successes in a row resolve it").isEmpty();
        awaitReceived("hook", 2);
        awaitReceived("chat", 2);

        assertThat(received("hook")).extracting(Received::event).containsExactly("opened", "resolved");
        assertThat(received("hook")).allSatisfy(r -> {
            assertThat(r.signed()).as("the signature verified").isTrue();
            assertThat(r.body().get("incident").asText()).isEqualTo(id);
            assertThat(r.body().get("kind").asText()).isEqualTo("down");
        });
        assertThat(received("hook").get(0).body().get("evidence").asText())
                .isEqualTo("3 consecutive pulses failed; the last: the page answered HTTP 500");
        assertThat(received("chat")).extracting(r -> r.body().get("text").asText())
                .satisfiesExactly(t -> assertThat(t).contains("shop is down", id),
                        t -> assertThat(t).contains("resolved: shop is down", id));
        assertThat(forged).as("requests whose signature did not verify").isEmpty();
        assertThat(only(incidents("shop", false)).get("resolvedAt").isNull()).isFalse();
        // The receiver refused every first webhook attempt: each event took two, recorded, the second delivered.
        await("four attempts recorded", () -> attempts(id, "hook").size() == 4 && attempts(id, "chat").size() == 2);
        assertThat(attempts(id, "hook")).containsExactly("opened#1:false", "opened#2:true", "resolved#1:false",
                "resolved#2:true");
        assertThat(attempts(id, "chat")).containsExactly("opened#1:true", "resolved#1:true");
    }

    @Test
    void aDeployThatDropsTheGradeFromAToCNotifiesOnceNamingTheFailingChecks() throws Exception {
        assertThat(pulse("graded").get("grade").asText()).startsWith("A");
        // An audit first, so its findings are part of the baseline when the deploy triggers the next one.
        json(call("POST", "/api/targets/graded/run?kind=audit", null), 200);
        assertThat(pulse("graded").get("grade").asText()).startsWith("A");
        assertThat(incidents("graded", false)).isEmpty();

        removed.addAll(List.of("Content-Security-Policy", "X-Frame-Options"));
        JsonNode deployed = pulse("graded");
        assertThat(deployed.get("grade").asText()).as(deployed.path("findings").toString()).isEqualTo("C");
        // The pulse saw the security headers change, which triggers an audit: let it finish and be tracked too.
        await("the triggered audit is stored", () -> stored("graded", "audit") == 2);
        await("every stored report of graded is tracked", () -> observations("graded") == stored("graded", null));
        pulse("graded");

        JsonNode open = only(incidents("graded", true));
        assertThat(open.get("kind").asText()).isEqualTo("grade");
        assertThat(open.get("evidence").asText()).contains("grade C is below the expected B", "security.csp",
                "security.frame-protection");
        awaitReceived("hook", 1);
        awaitReceived("chat", 1);
        Received hook = only(received("hook"));
        assertThat(hook.signed()).isTrue();
        assertThat(hook.event()).isEqualTo("opened");
        assertThat(hook.body().get("incident").asText()).isEqualTo(open.get("id").asText());
        assertThat(hook.body().get("evidence").asText()).contains("security.csp", "security.frame-protection");
        assertThat(only(received("chat")).body().get("text").asText()).contains("security.csp",
                "security.frame-protection");
        assertThat(incidents("graded", false)).as("one grade incident, no separate check incidents").hasSize(1);
    }

    @Test
    void aMaintenanceWindowSilencesADownSiteAndItsEndOpensTheIncident() throws Exception {
        pulse("shop");
        JsonNode window = json(call("POST", "/api/maintenance",
                "{\"targets\": [\"shop\"], \"duration\": \"30m\", \"reason\": \"deploy\"}"), 201);
        assertThat(json(call("GET", "/api/maintenance", null), 200).toString()).contains("\"reason\":\"deploy\"");

        mode.set(SiteMode.CLOSED);
        for (int i = 0; i < 4; i++) {
            pulse("shop");
        }
        assertThat(incidents("shop", false)).as("four failures inside the window open nothing").isEmpty();
        assertThat(storedPulses("shop").stream().filter(PackedPulse::maintenance).count())
                .as("the pulses ran and were stored, marked maintenance").isEqualTo(4);

        // Ended early through the API; the window is in the database, where every node reads it (no cache).
        Instant ended = Instant.now();
        JsonNode closed = json(call("DELETE", "/api/maintenance/" + window.get("id").asLong(), null), 200);
        assertThat(Instant.parse(closed.get("endsAt").asText())).isAfterOrEqualTo(ended);
        assertThat(json(call("GET", "/api/maintenance", null), 200)).isEmpty();
        assertThat(json(call("DELETE", "/api/maintenance/" + window.get("id").asLong(), null), 404).toString())
                .contains("no running maintenance window");
        assertThat(json(call("DELETE", "/api/maintenance/x1", null), 400).path("problems").get(0).asText())
                .isEqualTo("maintenance window id \"x1\" is not a number");
        pulse("shop");

        JsonNode open = only(incidents("shop", true));
        assertThat(open.get("kind").asText()).isEqualTo("down");
        assertThat(Instant.parse(open.get("openedAt").asText())).isAfterOrEqualTo(ended);
        assertThat(open.get("evidence").asText()).as("the counters kept moving inside the window")
                .startsWith("5 consecutive pulses failed");
        awaitReceived("hook", 1);
        awaitReceived("chat", 1);
        assertThat(only(received("hook")).body().get("incident").asText()).isEqualTo(open.get("id").asText());
        assertThat(only(received("chat")).body().get("text").asText()).contains(open.get("id").asText());
    }

    @Test
    void uptimeOverADayIsTheHandCountOfStoredPulses() throws Exception {
        List<SiteMode> script = List.of(SiteMode.UP, SiteMode.UP, SiteMode.CLOSED, SiteMode.UP, SiteMode.ERROR_500,
                SiteMode.UP, SiteMode.UP);
        for (SiteMode m : script) {
            mode.set(m);
            pulse("shop");
        }
        json(call("POST", "/api/maintenance", "{\"targets\": [\"shop\"], \"duration\": \"1h\"}"), 201);
        mode.set(SiteMode.CLOSED);
        pulse("shop");
        pulse("shop");
        json(call("POST", "/api/targets/shop/run?kind=audit", null), 200);
        await("every stored report of shop is tracked", () -> observations("shop") == stored("shop", null));

        long pulses = 0;
        long successes = 0;
        for (PackedPulse p : storedPulses("shop")) {
            if (!p.maintenance()) {
                pulses++;
                successes += p.status() >= 200 && p.status() < 400 ? 1 : 0;
            }
        }
        assertThat(pulses).as("the maintenance pulses and the audit are left out").isEqualTo(script.size());
        assertThat(successes).isEqualTo(script.stream().filter(m -> m == SiteMode.UP).count());

        JsonNode day = json(call("GET", "/api/targets/shop/uptime", null), 200).at("/windows/1d");
        assertThat(day.get("pulses").asLong()).isEqualTo(pulses);
        assertThat(day.get("successes").asLong()).isEqualTo(successes);
        assertThat(day.get("ratio").asDouble()).isEqualTo((double) successes / pulses);
    }

    static List<String> failing(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.path("verdict").asText().equals("fail")) {
                out.add(f.get("id").asText());
            }
        });
        return out;
    }

    // --- driving the service -------------------------------------------------------------------------------

    /** One pulse through the API, then waits until the tracker has recorded it. */
    JsonNode pulse(String target) throws Exception {
        long before = observations(target);
        JsonNode report = json(call("POST", "/api/targets/" + target + "/run?kind=pulse", null), 200);
        await("the tracker records the pulse of " + target, () -> observations(target) > before);
        return report;
    }

    /** How many reports of the target the tracker has recorded (a steady state writes no row to count). */
    long observations(String target) {
        return service.incidentTracker().observations(target);
    }

    /** Every pulse stored for the target, full rows and packed. */
    List<PackedPulse> storedPulses(String target) {
        return new ResultRepository(db.dataSource()).pulses(target, Instant.EPOCH, Instant.now().plusSeconds(60));
    }

    /** Results stored for the target (packed pulses included), of one kind or (null) all. */
    long stored(String target, String kind) {
        return kind == null ? new ResultRepository(db.dataSource()).count(target)
                : sqlLong("SELECT COUNT(*) FROM results WHERE target = ? AND kind = ?", target, kind);
    }

    List<JsonNode> incidents(String target, boolean open) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        json(call("GET", "/api/incidents?target=" + target + (open ? "&open=true" : ""), null), 200)
                .forEach(out::add);
        return out;
    }

    static <T> T only(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    List<Received> received(String channel) {
        return received.stream().filter(r -> r.channel().equals(channel)).toList();
    }

    void awaitReceived(String channel, int count) throws InterruptedException {
        await(count + " notifications on " + channel, () -> received(channel).size() >= count);
    }

    /** The recorded delivery attempts of one incident on one channel, as {@code event#attempt:success}. */
    List<String> attempts(String incident, String channel) {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT event, attempt, success FROM notification_attempts WHERE incident_id = ? AND channel = ? "
                        + "ORDER BY event, attempt")) {
            ps.setString(1, incident);
            ps.setString(2, channel);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "#" + rs.getInt(2) + ":" + rs.getBoolean(3));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    void sqlUpdate(String sql, Object... args) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            assertThat(ps.executeUpdate()).as(sql).isEqualTo(1);
        }
    }

    long sqlLong(String sql, Object... args) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("waited %s for: %s", PATIENCE, what).isTrue();
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + EDITOR)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
