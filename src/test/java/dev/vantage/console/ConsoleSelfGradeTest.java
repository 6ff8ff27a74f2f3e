package dev.vantage.console;

import dev.vantage.check.Area;
import dev.vantage.check.Verdict;
import dev.vantage.config.ConfigLoader;
import dev.vantage.config.Secrets;
import dev.vantage.config.VantageConfig;
import dev.vantage.fixtures.TestPki;
import dev.vantage.grade.AreaReport;
import dev.vantage.grade.Grade;
import dev.vantage.grade.ScoredFinding;
import dev.vantage.pipeline.ProbePipeline;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.report.JsonReportRenderer;
import dev.vantage.report.Report;
import dev.vantage.service.VantageService;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console earns what Vantage asks of others (issue 14): served over HTTPS on loopback with the test CA, its
 * pages assessed in-process as {@code vantage check} does grade A+ in the security area, with no failing check.
 */
class ConsoleSelfGradeTest {

    @TempDir
    static Path dir;
    static VantageService service;
    static Vertx vertx;
    static Path ca;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.newCa("Vantage console self-grade CA");
        Path tls = pki.issue(TestPki.LeafSpec.localhost()).writeTo(dir.resolve("tls"));
        ca = pki.writeCaPem(dir.resolve("ca.pem"));
        String yaml = """
                server:
                  host: 127.0.0.1
                  port: 0
                  tls: {cert-file: "%s", key-file: "%s"}
                storage: {url: "jdbc:h2:file:%s"}
                probing: {allow-loopback: true}
                auth:
                  tokens:
                    - {name: ci, token: "${E}", role: editor}
                """.formatted(tls.resolve("cert.pem"), tls.resolve("key.pem"), dir.resolve("db").toAbsolutePath());
        Secrets secrets = new Secrets(Map.of("E", ConsoleBed.EDITOR)::get);
        VantageConfig config = new ConfigLoader(secrets).parse(yaml, "test").config().orElseThrow();
        service = new VantageService(ProbePipeline::new, new JsonReportRenderer()::render, secrets, "console-self");
        service.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (service != null) {
            service.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theSignInPageGradesAPlusInTheSecurityArea() throws Exception {
        assertSecurityAPlus("/login");
    }

    @Test
    void thePublicStatusPageGradesAPlusInTheSecurityArea() throws Exception {
        assertSecurityAPlus("/status");
    }

    private static void assertSecurityAPlus(String path) throws Exception {
        URI page = URI.create("https://localhost:" + service.port() + path);
        Report report = new ProbePipeline(vertx).assess(page, ProbeOptions.defaults()
                        .withTimeout(Duration.ofSeconds(20)).withCaFile(ca))
                .toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
        String json = new JsonReportRenderer().render(report);
        assertThat(report.unreachable()).as(json).isEmpty();
        assertThat(report.findings()).extracting(ScoredFinding::finding)
                .filteredOn(f -> f.area() == Area.SECURITY)
                .as("security checks of " + path).isNotEmpty()
                .allSatisfy(f -> assertThat(f.verdict()).as(f.checkId() + ": " + f.observed())
                        .isNotIn(Verdict.FAIL, Verdict.ERROR));
        AreaReport security = report.areas().stream().filter(a -> a.area() == Area.SECURITY).findFirst()
                .orElseThrow();
        assertThat(security.grade()).as(path + ": " + json).contains(Grade.A_PLUS);
    }
}
