package dev.vantage.service;

import dev.vantage.check.Verdict;
import dev.vantage.config.ConfigLoader;
import dev.vantage.config.Secrets;
import dev.vantage.config.VantageConfig;
import dev.vantage.fixtures.TestPki;
import dev.vantage.grade.Grade;
import dev.vantage.pipeline.ProbePipeline;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.report.JsonReportRenderer;
import dev.vantage.report.Report;
import dev.vantage.grade.ScoredFinding;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Vantage must pass its own checklist: pointed at its own HTTPS endpoint, it grades A or better. */
class SelfGradeTest {

    @TempDir
    Path dir;

    @Test
    void theServiceOverHttpsGradesAOrBetterWithNoFailure() throws Exception {
        TestPki pki = TestPki.newCa("Vantage self-grade CA");
        Path tls = pki.issue(TestPki.LeafSpec.localhost()).writeTo(dir.resolve("tls"));
        Path ca = pki.writeCaPem(dir.resolve("ca.pem"));
        String yaml = """
                server:
                  host: 127.0.0.1
                  port: 0
                  tls: {cert-file: "%s", key-file: "%s"}
                storage: {url: "jdbc:h2:file:%s"}
                probing: {allow-loopback: true}
                """.formatted(tls.resolve("cert.pem"), tls.resolve("key.pem"), dir.resolve("db").toAbsolutePath());
        VantageConfig config = new ConfigLoader(new Secrets(Map.<String, String>of()::get)).parse(yaml, "test").config().orElseThrow();
        VantageService service = new VantageService(ProbePipeline::new, new JsonReportRenderer()::render,
                new Secrets(Map.<String, String>of()::get), "self-grade");
        service.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        Vertx vertx = Vertx.vertx();
        try {
            URI self = URI.create("https://localhost:" + service.port() + "/health");
            Report report = new ProbePipeline(vertx).assess(self, ProbeOptions.defaults()
                            .withTimeout(Duration.ofSeconds(20)).withCaFile(ca))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

            assertThat(report.unreachable()).isEmpty();
            assertThat(report.findings()).extracting(ScoredFinding::finding)
                    .filteredOn(f -> f.verdict() == Verdict.FAIL || f.verdict() == Verdict.ERROR)
                    .as("failures when Vantage grades itself").isEmpty();
            // Issue 15: the service offered static-RSA suites (TLS_RSA_WITH_AES_*_GCM) and warned about itself.
            assertThat(report.findings()).extracting(ScoredFinding::finding)
                    .filteredOn(f -> f.checkId().startsWith("tls."))
                    .as("TLS findings when Vantage grades itself").isNotEmpty()
                    .allSatisfy(f -> assertThat(f.verdict()).as(f.checkId() + ": " + f.observed())
                            .isIn(Verdict.PASS, Verdict.INFO, Verdict.NOT_APPLICABLE));
            assertThat(report.grade()).as(new JsonReportRenderer().render(report)).isIn(Grade.A_PLUS, Grade.A);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            service.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }
}
