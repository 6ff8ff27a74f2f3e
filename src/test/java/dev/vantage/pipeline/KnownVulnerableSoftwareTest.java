package dev.vantage.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.check.CheckSelection;
import dev.vantage.check.Checks;
import dev.vantage.check.Verdict;
import dev.vantage.check.software.EndOfLifeSoftwareCheck;
import dev.vantage.check.software.VulnerableLibrariesCheck;
import dev.vantage.dataset.DatasetFiles;
import dev.vantage.dataset.Datasets;
import dev.vantage.fixtures.LoopbackSite;
import dev.vantage.grade.Grader;
import dev.vantage.grade.ScoredFinding;
import dev.vantage.grade.ScoringTable;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.RunKind;
import dev.vantage.probe.RunPlan;
import dev.vantage.report.JsonReportRenderer;
import dev.vantage.report.JunitReportRenderer;
import dev.vantage.report.Report;
import dev.vantage.report.TextReportRenderer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known-vulnerable software end to end without a browser: loopback sites whose page names a jQuery version in a
 * script URL (or only in the script's banner) and whose {@code Server} header names an nginx release, probed by an
 * audit without a browser (page and exposure probes) or a pulse (page alone), graded and rendered in the three
 * report formats. The served "jQuery" is a stand-in with a real version banner.
 */
class KnownVulnerableSoftwareTest {

    static final String STAND_IN = "/*! jQuery v%s | stand-in for Vantage tests, not jQuery */\n"
            + "window.jQuery = window.$ = function () {}; window.jQuery.fn = {jquery: '%s'};\n";

    @TempDir
    static Path dir;
    static Vertx vertx;
    static LoopbackSite old;
    static LoopbackSite current;
    static LoopbackSite banner;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        old = site("1.8.3", "nginx/1.16.1");
        current = site("3.7.1", "nginx/1.30.0");
        banner = LoopbackSite.http()
                .route("/", (v, req) -> req.response().putHeader("Content-Type", "text/html; charset=utf-8")
                        .end("<!doctype html><title>app</title><script src=\"/static/bundle.js\"></script>"))
                .route("/static/bundle.js", (v, req) -> req.response().putHeader("Content-Type", "text/javascript")
                        .end(STAND_IN.formatted("1.8.3", "1.8.3")))
                .start(vertx);
    }

    static LoopbackSite site(String jquery, String server) {
        return LoopbackSite.http().header("Server", server)
                .route("/", (v, req) -> req.response().putHeader("Content-Type", "text/html; charset=utf-8")
                        .end("<!doctype html><title>shop</title><script src=\"/vendor/jquery-" + jquery
                                + ".min.js\"></script><p>shop</p>"))
                .route("/vendor/jquery-" + jquery + ".min.js", (v, req) -> req.response()
                        .putHeader("Content-Type", "text/javascript").end(STAND_IN.formatted(jquery, jquery)))
                .start(vertx);
    }

    @AfterAll
    static void stop() {
        for (LoopbackSite s : new LoopbackSite[] {old, current, banner}) {
            if (s != null) {
                s.close();
            }
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void anOldJqueryAndAnEndedNginxAreFoundAndShownInEveryFormat() throws Exception {
        Report report = audit(old.url("/"), Datasets.bundled());

        ScoredFinding libs = finding(report, "security.vulnerable-libraries");
        assertThat(libs.finding().result()).isEqualTo(VulnerableLibrariesCheck.MEDIUM);
        assertThat(libs.modifier()).isEqualTo(-10);
        assertThat(libs.finding().observed()).contains("jquery 1.8.3").contains("/vendor/jquery-1.8.3.min.js")
                .contains("CVE-2019-11358", "CVE-2020-11023").contains("fixed in 3.5.0");
        ScoredFinding eol = finding(report, "launch.end-of-life-software");
        assertThat(eol.finding().result()).isEqualTo(EndOfLifeSoftwareCheck.FOUND);
        assertThat(eol.finding().observed()).contains("nginx/1.16.1").contains("since 2020-04-20");

        JsonNode json = new ObjectMapper().readTree(new JsonReportRenderer("test").render(report));
        assertThat(json.path("datasets").findValuesAsText("kind")).containsExactly("vulnerabilities", "end-of-life");
        assertThat(json.path("datasets").get(0).path("date").asText()).isEqualTo("2026-08-22");
        assertThat(json.path("findings").toString()).contains("CVE-2019-11358").contains("end-of-life-software-found");
        String text = new TextReportRenderer(false).render(report);
        assertThat(text).contains("Data: vulnerabilities dataset bundled retire.js").contains("CVE-2019-11358")
                .contains("nginx 1.16");
        String junit = new JunitReportRenderer().render(report);
        assertThat(junit).contains("name=\"dataset.end-of-life\"").contains("name=\"security.vulnerable-libraries\"")
                .contains("CVE-2020-11023");
    }

    @Test
    void aPulseJudgesEndOfLifeButLeavesLibrariesToTheAudit() throws Exception {
        Report report = run(old.url("/"), Datasets.bundled(), Set.of(ProbeKind.PAGE));

        assertThat(finding(report, "launch.end-of-life-software").finding().result())
                .isEqualTo(EndOfLifeSoftwareCheck.FOUND);
        assertThat(report.findings()).noneMatch(s -> s.finding().checkId().equals("security.vulnerable-libraries"));
        assertThat(report.datasets()).extracting(d -> d.kind()).containsExactly("end-of-life");
    }

    @Test
    void anAuditReadsTheBannerOfAScriptWhoseUrlNamesNoVersion() throws Exception {
        Report report = audit(banner.url("/"), Datasets.bundled());

        ScoredFinding libs = finding(report, "security.vulnerable-libraries");
        assertThat(libs.finding().result()).isEqualTo(VulnerableLibrariesCheck.MEDIUM);
        assertThat(libs.finding().observed()).contains("jquery 1.8.3").contains("banner ")
                .contains("/static/bundle.js");
    }

    @Test
    void currentVersionsGiveNoFinding() throws Exception {
        Report report = audit(current.url("/"), Datasets.bundled());

        assertThat(finding(report, "security.vulnerable-libraries").finding().result())
                .isEqualTo(VulnerableLibrariesCheck.NONE);
        assertThat(finding(report, "launch.end-of-life-software").finding().verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aReplacedDatasetIsUsedAndNamedInTheReport() throws Exception {
        Path mine = Files.writeString(dir.resolve("jsrepository.json"), """
                {"jquery": {"vulnerabilities": [{"atOrAbove": "3.7.0", "below": "3.8.0", "severity": "high",
                  "identifiers": {"CVE": ["CVE-2099-0001"]}, "info": ["https://example.org/advisory"]}],
                 "extractors": {"filename": ["jquery-(§§version§§)(\\\\.min)?\\\\.js"]}}}
                """);
        Datasets replaced = DatasetFiles.BUNDLED.with("vulnerabilities=" + mine).load();

        Report report = audit(current.url("/"), replaced);

        ScoredFinding libs = finding(report, "security.vulnerable-libraries");
        assertThat(libs.finding().result()).isEqualTo(VulnerableLibrariesCheck.HIGH);
        assertThat(libs.finding().observed()).contains("CVE-2099-0001").contains("fixed in 3.8.0")
                .contains(mine.toString());
        JsonNode json = new ObjectMapper().readTree(new JsonReportRenderer("test").render(report));
        assertThat(json.path("datasets").get(0).path("name").asText()).isEqualTo(mine.toString());
    }

    /** An audit without a browser: the page and the exposure probe (which fetches same-origin scripts). */
    private static Report audit(URI target, Datasets datasets) throws Exception {
        return run(target, datasets, Set.of(ProbeKind.PAGE, ProbeKind.EXPOSURE));
    }

    private static Report run(URI target, Datasets datasets, Set<ProbeKind> probes) throws Exception {
        ProbePipeline pipeline = new ProbePipeline(vertx, Checks.all(30, datasets),
                new Grader(ScoringTable.current()));
        RunPlan plan = new RunPlan(probes.contains(ProbeKind.EXPOSURE) ? RunKind.AUDIT : RunKind.PULSE, target,
                ProbeOptions.defaults(), probes);
        return pipeline.assess(plan, CheckSelection.ALL, CarriedEvidence.NONE).toCompletionStage()
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static ScoredFinding finding(Report report, String id) {
        return report.findings().stream().filter(s -> s.finding().checkId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in " + report.findings()));
    }
}
