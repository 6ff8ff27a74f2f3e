package dev.vantage.probe.exposure;

import dev.vantage.check.Check;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.check.exposure.ExposureChecks;
import dev.vantage.fixtures.LoopbackSite;
import dev.vantage.fixtures.TestPki;
import dev.vantage.grade.Grader;
import dev.vantage.grade.ScoringTable;
import dev.vantage.pipeline.ProbePipeline;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.SiteProber;
import dev.vantage.report.Report;
import dev.vantage.report.ReportFormat;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The exposure probe and checks against loopback sites, one nested scenario per behaviour. */
class ExposureProberTest {

    static final String SPA = "<!doctype html><html><head><title>Shop</title></head><body><div id=root></div>"
            + "<script src=\"/static/main.js\"></script></body></html>";
    static final String TRACE_JAVA = "java.lang.IllegalStateException: boom\n"
            + "\tat com.acme.shop.Router.route(Router.java:88)\n\tat com.acme.shop.Server.handle(Server.java:41)\n";
    static final String SECURITY_TXT = "Contact: mailto:security@example.test\nExpires: 2099-01-01T00:00:00Z\n";
    // Built at run time so the repository holds no string a secret scanner would flag.
    static final String AWS_KEY = "AKIA" + "Z7Q3XK4WBN2PDRGE";

    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    static SiteEvidence probe(URI url, Duration timeout) throws Exception {
        return new SiteProber(vertx, ProbeOptions.defaults().withTimeout(timeout)).probe(url)
                .await(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
    }

    static Map<String, Finding> findings(SiteEvidence evidence) {
        return ExposureChecks.all().stream().map(c -> c.evaluate(evidence))
                .collect(Collectors.toMap(Finding::checkId, f -> f));
    }

    /** "/" answers the page for GET and 405 for anything else (so TRACE is refused). */
    static Consumer<HttpServerRequest> page(String html) {
        return req -> {
            if (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD) {
                req.response().putHeader("Content-Type", "text/html").end(html);
            } else {
                req.response().setStatusCode(405).end();
            }
        };
    }

    @Nested
    class HardenedSite {

        @Test
        void passesEveryExposureCheckWithinTheDocumentedRequestBudget() throws Exception {
            try (ScriptedServer site = ScriptedServer.builder()
                    .route("/", page(SPA))
                    .page("/static/main.js", 200, "console.log('hi');\n//# sourceMappingURL=main.js.map\n")
                    .page("/.well-known/security.txt", 200, SECURITY_TXT)
                    .page("/healthz", 200, "{\"status\":\"UP\"}")
                    .start(vertx)) {
                SiteEvidence evidence = probe(site.url("/"), Duration.ofSeconds(5));
                Map<String, Finding> f = findings(evidence);
                ExposureEvidence exposure = evidence.exposure().orElseThrow();

                assertThat(f.get("security.sensitive-files").result()).isEqualTo("sensitive-files-none");
                assertThat(f.get("security.secrets-in-frontend").verdict()).isEqualTo(Verdict.PASS);
                assertThat(f.get("security.secrets-in-frontend").observed())
                        .contains("the page and 1 same-origin scripts");
                assertThat(f.get("reliability.not-found").result()).isEqualTo("not-found-404");
                assertThat(f.get("reliability.error-disclosure").verdict()).isEqualTo(Verdict.PASS);
                assertThat(f.get("reliability.trace").result()).isEqualTo("trace-disabled");
                assertThat(f.get("observability.security-txt").result()).isEqualTo("security-txt-valid");
                assertThat(f.get("observability.health-endpoint").result()).isEqualTo("health-endpoint-ok");
                assertThat(f.get("observability.health-endpoint").observed()).startsWith("/healthz answered 200");
                // The oversized header is refused by Vert.x (431); the bad encoding reaches the 404 fallback.
                assertThat(f.get("reliability.malformed-request").result()).isEqualTo("malformed-request-rejected");
                assertThat(f.get("reliability.malformed-request").observed())
                        .contains("GET /vantage-%zz%G0% HTTP/1.1) answered 404").contains("32 KiB header answered 431");
                assertThat(exposure.scripts()).hasSize(1);
                assertThat(exposure.sourceMaps()).hasSize(1);
                // page + CORS probe + exposure requests = everything the server saw (less the oversized request,
                // which Vert.x refuses before any handler runs); within the documented budget
                assertThat(exposure.requests()).isLessThanOrEqualTo(ExposureSettings.defaults().requestBudget());
                assertThat(site.requests()).isEqualTo(2 + exposure.requests() - 1);
            }
        }
    }

    @Nested
    class SoftNotFoundSpa {

        @Test
        void raisesNoExposureFalsePositivesButFlagsTheSoft404() throws Exception {
            try (ScriptedServer site = ScriptedServer.builder()
                    .fallback(page(SPA))
                    .start(vertx)) {
                Map<String, Finding> f = findings(probe(site.url("/"), Duration.ofSeconds(5)));

                assertThat(f.get("security.sensitive-files").result()).isEqualTo("sensitive-files-none");
                assertThat(f.get("security.sensitive-files").observed()).contains("answers 2xx for unknown paths");
                assertThat(f.get("reliability.not-found").result()).isEqualTo("not-found-soft-200");
                assertThat(f.get("observability.security-txt").result()).isEqualTo("security-txt-missing");
                assertThat(f.get("observability.health-endpoint").result()).isEqualTo("health-endpoint-missing");
                assertThat(f.get("reliability.error-disclosure").verdict()).isEqualTo(Verdict.PASS);
            }
        }
    }

    @Nested
    class ExposedRepositoryAndEnvironment {

        @Test
        void reportsEachWithContentEvidenceAndRemediation() throws Exception {
            try (ScriptedServer site = ScriptedServer.builder()
                    .route("/", page("<html><body>shop</body></html>"))
                    .page("/.git/config", 200, "[core]\n\trepositoryformatversion = 0\n\tbare = false\n")
                    .page("/.git/HEAD", 200, "ref: refs/heads/main\n")
                    .page("/.env", 200, "APP_KEY=base64:abc\nDB_PASSWORD=hunter2\n")
                    .start(vertx)) {
                Finding f = findings(probe(site.url("/"), Duration.ofSeconds(5))).get("security.sensitive-files");

                assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
                assertThat(f.result()).isEqualTo("sensitive-file-exposed");
                assertThat(f.observed()).contains("/.git/config answered 200 OK with a [core] section of a Git config")
                        .contains("/.git/HEAD").contains("/.env answered 200 OK with KEY=value lines")
                        .doesNotContain("hunter2");
                assertThat(f.remediation()).contains("rotate");
                assertThat(ScoringTable.current().cap(f.result())).isPresent();
            }
        }
    }

    @Nested
    class StackTraceErrorPages {

        @Test
        void reportsTheTraceAndTheServerErrorForUnknownPaths() throws Exception {
            try (ScriptedServer site = ScriptedServer.builder()
                    .route("/", page("<html>home</html>"))
                    .fallback(req -> req.response().setStatusCode(500).end(TRACE_JAVA))
                    .start(vertx)) {
                Map<String, Finding> f = findings(probe(site.url("/"), Duration.ofSeconds(5)));

                assertThat(f.get("reliability.error-disclosure").result()).isEqualTo("stack-trace-exposed");
                assertThat(f.get("reliability.error-disclosure").observed()).contains("Java stack trace")
                        .contains("GET /vantage-not-found-");
                assertThat(f.get("reliability.not-found").result()).isEqualTo("not-found-server-error");
                assertThat(f.get("reliability.malformed-request").result()).isEqualTo("malformed-request-server-error");
            }
        }
    }

    @Nested
    class TraceEcho {

        @Test
        void anEchoedTraceFails() throws Exception {
            try (ScriptedServer site = ScriptedServer.builder()
                    .route("/", req -> {
                        if (req.method() == HttpMethod.TRACE) {
                            StringBuilder echo = new StringBuilder("TRACE / HTTP/1.1\r\n");
                            req.headers().forEach(h -> echo.append(h.getKey()).append(": ").append(h.getValue())
                                    .append("\r\n"));
                            req.response().putHeader("Content-Type", "message/http").end(echo.toString());
                        } else {
                            req.response().end("<html>home</html>");
                        }
                    })
                    .start(vertx)) {
                Finding f = findings(probe(site.url("/"), Duration.ofSeconds(5))).get("reliability.trace");

                assertThat(f.result()).isEqualTo("trace-echoes");
                assertThat(f.observed()).contains("TRACE / answered 200").contains("echoed the request");
            }
        }
    }

    @Nested
    class SecretInServedScript {

        @Test
        void isReportedMaskedAndNeverAppearsInAnyRenderedReport() throws Exception {
            try (ScriptedServer site = ScriptedServer.builder()
                    .route("/", page("<html><script src=\"/static/main.js\"></script></html>"))
                    .page("/static/main.js", 200, "var cfg={s3:{accessKeyId:\"" + AWS_KEY + "\"}};")
                    .start(vertx)) {
                List<Check> checks = ExposureChecks.all();
                Grader grader = new Grader(ScoringTable.current());
                Report report = new ProbePipeline(vertx, checks, grader)
                        .assess(site.url("/"), ProbeOptions.defaults().withTimeout(Duration.ofSeconds(5)))
                        .await(15, TimeUnit.SECONDS);

                Finding f = report.findings().stream().map(s -> s.finding())
                        .filter(x -> x.checkId().equals("security.secrets-in-frontend")).findFirst().orElseThrow();
                assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
                assertThat(f.observed()).contains("AWS access key id at " + site.url("/static/main.js"))
                        .contains("AKIA…(20 chars)");
                for (ReportFormat format : ReportFormat.values()) {
                    assertThat(format.renderer(false).render(report)).doesNotContain(AWS_KEY)
                            .doesNotContain(AWS_KEY.substring(4));
                }
            }
        }
    }

    @Nested
    class OverTls {

        @Test
        void theRawMalformedRequestAndThePathEchoingCatchAllWorkOnHttps() throws Exception {
            TestPki pki = TestPki.newCa("Vantage Test CA");
            // LoopbackSite answers "hello from <path>" with 200 for every unscripted path.
            try (LoopbackSite site = LoopbackSite.https(pki.issue(TestPki.LeafSpec.localhost())).start(vertx)) {
                SiteEvidence evidence = probe(site.url("/"), Duration.ofSeconds(15));
                ExposureEvidence exposure = evidence.exposure().orElseThrow();
                Map<String, Finding> f = findings(evidence);

                assertThat(exposure.badEncoding().flatMap(RawExchange::response)).hasValueSatisfying(r ->
                        assertThat(r.status()).isEqualTo(200));
                assertThat(f.get("reliability.malformed-request").result()).isEqualTo("malformed-request-accepted");
                assertThat(f.get("reliability.not-found").result()).isEqualTo("not-found-soft-200");
                // "hello from /health" is the catch-all page echoing its path, not a health endpoint
                assertThat(f.get("observability.health-endpoint").result()).isEqualTo("health-endpoint-missing");
                assertThat(f.get("security.sensitive-files").result()).isEqualTo("sensitive-files-none");
            }
        }
    }

    @Nested
    class Bounds {

        @Test
        void anUnreachablePageSkipsTheExposureProbe() throws Exception {
            SiteEvidence evidence = probe(URI.create("http://127.0.0.1:" + LoopbackSite.refusedPort() + "/"),
                    Duration.ofSeconds(2));

            ExposureEvidence exposure = evidence.exposure().orElseThrow();
            assertThat(exposure.skipped()).hasValueSatisfying(s -> assertThat(s).contains("refused"));
            assertThat(exposure.requests()).isZero();
            assertThat(findings(evidence).values()).allSatisfy(f -> assertThat(f.verdict())
                    .isEqualTo(Verdict.NOT_APPLICABLE));
        }

        @Test
        void aSecurityTxtThatNeverAnswersIsReportedUnreachableNotMissing() throws Exception {
            try (ScriptedServer site = ScriptedServer.builder()
                    .route("/", page("<html>home</html>"))
                    .route("/.well-known/security.txt", req -> { })
                    .start(vertx)) {
                Map<String, Finding> f = findings(probe(site.url("/"), Duration.ofMillis(1500)));

                Finding securityTxt = f.get("observability.security-txt");
                assertThat(securityTxt.result()).isEqualTo("security-txt-unreachable");
                assertThat(securityTxt.verdict()).isEqualTo(Verdict.ERROR);
                assertThat(securityTxt.observed()).contains("could not be fetched (timeout");
                // Health paths are tried after security.txt, so the deadline had passed: unknown, not missing.
                assertThat(f.get("observability.health-endpoint").result()).isEqualTo("health-endpoint-unreachable");
                // Everything else answered, and is judged as usual.
                assertThat(f.get("security.sensitive-files").result()).isEqualTo("sensitive-files-none");
                assertThat(f.get("reliability.not-found").result()).isEqualTo("not-found-404");
            }
        }

        @Test
        void silentPathsEndAtTheRunDeadline() throws Exception {
            try (ScriptedServer site = ScriptedServer.builder()
                    .route("/", page("<html>home</html>"))
                    .fallback(req -> { })
                    .start(vertx)) {
                long started = System.nanoTime();
                SiteEvidence evidence = probe(site.url("/"), Duration.ofMillis(1500));

                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4000));
                Map<String, Finding> f = findings(evidence);
                assertThat(f.get("reliability.not-found").result()).isEqualTo("not-found-no-answer");
                assertThat(f.get("security.sensitive-files").result()).isEqualTo("sensitive-files-incomplete");
            }
        }
    }
}
