package dev.vantage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.fixtures.TestPki;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the built jar end to end: {@code java -jar target/vantage.jar check ...} against real loopback servers,
 * parsing the JSON it prints and asserting grades and exit codes.
 */
class CheckCommandIT {

    private static final Map<String, String> HARDENED_HEADERS = Map.of(
            "Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload",
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Permissions-Policy", "geolocation=(), camera=(), microphone=()",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin",
            "Cache-Control", "no-store");

    @TempDir
    static Path dir;
    static Vertx vertx;
    static Path caFile;
    static int hardenedHttps;
    static int hardenedHttp;
    static int bareHttps;
    static int barePlainHttp;

    @BeforeAll
    static void startServers() throws Exception {
        vertx = Vertx.vertx();
        TestPki pki = TestPki.newCa("Vantage IT CA");
        TestPki.Leaf leaf = pki.issue(TestPki.LeafSpec.localhost());
        caFile = pki.writeCaPem(dir.resolve("ca.pem"));
        HttpServerOptions tls = new HttpServerOptions().setSsl(true).setKeyCertOptions(leaf.keyCertOptions())
                .setHost("127.0.0.1");

        hardenedHttps = listen(vertx.createHttpServer(tls).requestHandler(req -> {
            HARDENED_HEADERS.forEach(req.response()::putHeader);
            req.response().putHeader("Set-Cookie", "__Host-session=abc; Path=/; Secure; HttpOnly; SameSite=Strict")
                    .putHeader("Content-Type", "text/html; charset=utf-8").end("<!doctype html><title>ok</title>");
        }));
        hardenedHttp = listen(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
                .requestHandler(req -> req.response().setStatusCode(301)
                        .putHeader("Location", "https://localhost:" + hardenedHttps + req.uri()).end()));
        bareHttps = listen(vertx.createHttpServer(tls).requestHandler(req -> req.response()
                .putHeader("Server", "Apache/2.4.1 (Unix)").putHeader("X-Powered-By", "PHP/5.6.40")
                .putHeader("Set-Cookie", "PHPSESSID=abc; Path=/")
                .putHeader("Access-Control-Allow-Origin", req.getHeader("Origin") == null ? "*" : req.getHeader("Origin"))
                .putHeader("Access-Control-Allow-Credentials", "true")
                .putHeader("Content-Type", "text/html").end("<html>bare</html>")));
        barePlainHttp = listen(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
                .requestHandler(req -> req.response().putHeader("Content-Type", "text/html").end("plain")));
    }

    @AfterAll
    static void stopServers() {
        vertx.close().await();
    }

    @Test
    void hardenedSiteGradesAOrBetterAndMeetsAnABar() throws Exception {
        Run run = vantage("check", "https://localhost:" + hardenedHttps + "/", "--ca-file", caFile.toString(),
                "--http-port", String.valueOf(hardenedHttp), "--format", "json", "--fail-under", "A");
        assertThat(run.exit).as(run.toString()).isEqualTo(ExitCode.OK);
        JsonNode report = new ObjectMapper().readTree(run.out);
        assertThat(report.path("grade").asText()).as(run.out).isIn("A+", "A");
        assertThat(report.path("scoringVersion").asText()).isNotBlank();
        assertThat(verdictOf(report, "security.hsts")).isEqualTo("pass");
        assertThat(verdictOf(report, "security.redirect")).isEqualTo("pass");
    }

    @Test
    void anOptInLoadRunPrintsItsPlanFirstAndIsGraded() throws Exception {
        Run run = vantage("check", "https://localhost:" + hardenedHttps + "/", "--ca-file", caFile.toString(),
                "--http-port", String.valueOf(hardenedHttp), "--format", "json", "--timeout", "20s",
                "--load-rate", "40", "--load-duration", "2s", "--load-connections", "4", "--load-warmup", "1s",
                // generous: a fresh JVM on a busy CI machine is slow; this test is about wiring, not speed
                "--load-p95", "2s");
        assertThat(run.exit).as(run.toString()).isEqualTo(ExitCode.OK);
        assertThat(run.err).contains("load run: 40 req/s for 2 s (+1 s warmup)").contains("https://localhost:" + hardenedHttps);
        JsonNode report = new ObjectMapper().readTree(run.out);
        assertThat(verdictOf(report, "performance.load")).isEqualTo("pass");
        // Whether loopback latency "degrades" depends on the machine; the check must have judged it either way.
        assertThat(verdictOf(report, "performance.load-degradation")).isNotEqualTo("absent").isNotEqualTo("error");
    }

    @Test
    void bareSiteGradesFAndNamesTheFailingChecks() throws Exception {
        Run run = vantage("check", "https://localhost:" + bareHttps + "/", "--ca-file", caFile.toString(),
                "--http-port", String.valueOf(barePlainHttp), "--format", "json", "--fail-under", "C");
        assertThat(run.exit).as(run.toString()).isEqualTo(ExitCode.BELOW_BAR);
        assertThat(run.err).contains("is below the bar C");
        JsonNode report = new ObjectMapper().readTree(run.out);
        assertThat(report.path("grade").asText()).isEqualTo("F");
        List<String> failing = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("verdict").asText().equals("fail")) {
                failing.add(f.path("id").asText());
            }
        });
        assertThat(failing).contains("security.hsts", "security.csp", "security.redirect", "security.cors",
                "security.frame-protection");
    }

    @Test
    void untrustedCertificateIsAFindingNotAnAbort() throws Exception {
        // Without --ca-file the private CA is not trusted: the page is still graded, and the grade is capped.
        Run run = vantage("check", "https://localhost:" + hardenedHttps + "/", "--http-port",
                String.valueOf(hardenedHttp), "--format", "json");
        assertThat(run.exit).as(run.toString()).isEqualTo(ExitCode.OK);
        JsonNode report = new ObjectMapper().readTree(run.out);
        assertThat(report.path("grade").asText()).isNotIn("A+", "A", "A-");
        assertThat(report.path("capsApplied").toString()).contains("invalid cert");
    }

    @Test
    void junitOutputHasOneTestcasePerCheck() throws Exception {
        Run run = vantage("check", "https://localhost:" + bareHttps + "/", "--ca-file", caFile.toString(),
                "--http-port", String.valueOf(barePlainHttp), "--format", "junit");
        assertThat(run.exit).isEqualTo(ExitCode.OK);
        assertThat(run.out).startsWith("<?xml").contains("<testcase").contains("name=\"security.hsts\"")
                .contains("<failure");
    }

    @Test
    void refusedTargetExitsThreeWithTheReason() throws Exception {
        int closed = freePort();
        Run run = vantage("check", "https://127.0.0.1:" + closed + "/", "--http-port", String.valueOf(closed),
                "--format", "json");
        assertThat(run.exit).as(run.toString()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.err).contains("could not reach").contains("refused");
    }

    @Test
    void usageErrorExitsTwoWithoutAStackTrace() throws Exception {
        Run run = vantage("check", "localhost:" + hardenedHttps);
        assertThat(run.exit).isEqualTo(ExitCode.USAGE);
        assertThat(run.err).contains("has no scheme").doesNotContain("Exception");
    }

    @Test
    void textCardPutsTheGradeUpTopWithoutColourWhenPiped() throws Exception {
        Run run = vantage("check", "https://localhost:" + bareHttps + "/", "--ca-file", caFile.toString(),
                "--http-port", String.valueOf(barePlainHttp));
        assertThat(run.exit).isEqualTo(ExitCode.OK);
        assertThat(run.out.lines().limit(5).toList().toString()).contains("F");
        assertThat(run.out).doesNotContain("\u001b[");
    }

    private static String verdictOf(JsonNode report, String id) {
        for (JsonNode f : report.path("findings")) {
            if (f.path("id").asText().equals(id)) {
                return f.path("verdict").asText();
            }
        }
        return "absent";
    }

    record Run(int exit, String out, String err) {
    }

    private static Run vantage(String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("vantage.jar", "target/vantage.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("vantage did not finish within 60s: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static int listen(HttpServer server) {
        return server.listen(0).await().actualPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
