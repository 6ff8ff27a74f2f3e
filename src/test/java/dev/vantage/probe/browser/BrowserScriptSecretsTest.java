package dev.vantage.probe.browser;

import dev.vantage.check.EvidenceFixtures;
import dev.vantage.check.Finding;
import dev.vantage.check.exposure.SecretsCheck;
import dev.vantage.fixtures.LoopbackSite;
import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.ProbeScope;
import dev.vantage.probe.RunKind;
import dev.vantage.probe.RunPlan;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.exposure.ExposureEvidence;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, front-end secrets in the scripts the browser actually loaded: a script another script adds at run time
 * is invisible to the exposure probe (it reads {@code <script src>} from the HTML) but not to the browser audit, whose
 * kept bodies {@code security.secrets-in-frontend} scans with the same patterns and masking.
 */
class BrowserScriptSecretsTest {

    private static final String KEY = "AKIA" + "Q3EGRZ7XK4WBN2PD";
    private static final int BIG = 600 * 1024;

    @TempDir
    static Path profiles;
    static BrowserInstall install;
    static Vertx vertx;
    static LoopbackSite site;

    @BeforeAll
    static void start() {
        install = TestBrowser.install();
        vertx = Vertx.vertx();
        site = LoopbackSite.http()
                .route("/leaky", html("<script src=\"/loader.js\"></script>"))
                .route("/loader.js", js("var s = document.createElement('script');"
                        + " s.src = '/late.js?session=t0ken-in-query'; document.head.appendChild(s);"))
                .route("/late.js", js("window.config = {region: 'eu-west-1', key: '" + KEY + "'};"))
                .route("/clean", html("<script src=\"/app.js\"></script><script src=\"/big.js\"></script>"))
                .route("/app.js", js("window.app = {region: 'eu-west-1'};"))
                .route("/big.js", js("/*" + "x".repeat(BIG - 4) + "*/"))
                .start(vertx);
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void aKeyInAScriptAddedAtRunTimeIsFoundMaskedAndNamesTheScript() throws Exception {
        BrowserEvidence b = load("/leaky");

        assertThat(b.failure()).isEmpty();
        assertThat(b.scripts()).extracting(s -> s.url().substring(s.url().lastIndexOf('/') + 1))
                .contains("loader.js", "late.js?session=t0ken-in-query");
        assertThat(b.toString()).as("evidence printed in logs").doesNotContain(KEY);
        Finding f = new SecretsCheck().evaluate(evidence(b));

        assertThat(f.result()).isEqualTo(SecretsCheck.EXPOSED);
        assertThat(f.observed()).contains("AWS access key id at " + site.url("/late.js") + "?… (loaded in the "
                + "browser audit) line 1").contains("AKIA…(20 chars)").doesNotContain(KEY)
                .doesNotContain("t0ken-in-query");
        SiteEvidence site = evidence(b);
        dev.vantage.grade.Grading grading = new dev.vantage.grade.Grader(dev.vantage.grade.ScoringTable.current())
                .grade(site, List.of(f));
        assertThat(dev.vantage.report.Report.of(site, grading).browser().orElseThrow().scripts())
                .as("a report keeps no script body").isEmpty();
    }

    @Test
    void cleanScriptsAreNoFindingAndAScriptOverTheCapIsKeptInPart() throws Exception {
        BrowserEvidence b = load("/clean");

        assertThat(b.failure()).isEmpty();
        BrowserEvidence.LoadedScript big = b.scripts().stream().filter(s -> s.url().endsWith("/big.js")).findFirst()
                .orElseThrow();
        assertThat(big.body()).hasSize(ScriptBodies.MAX_CHARS);
        assertThat(big.length()).isEqualTo(BIG);
        Finding f = new SecretsCheck().evaluate(evidence(b));

        assertThat(f.result()).isEqualTo(SecretsCheck.NONE);
        assertThat(f.observed()).contains("2 further scripts the browser audit loaded")
                .contains("big.js (loaded in the browser audit) (first 512 KiB of 600 KiB kept)");
    }

    private static BrowserEvidence load(String path) throws Exception {
        BrowserProbe probe = new BrowserProbe(vertx, Optional.of(install), List.of(), profiles);
        RunPlan plan = new RunPlan(RunKind.AUDIT, site.url(path), ProbeOptions.defaults()
                .withAddressPolicy(dev.vantage.probe.AddressPolicy.ALLOW_INTERNAL), Set.of(ProbeKind.BROWSER));
        return probe.probe(ProbeScope.of(plan), Deadline.in(Duration.ofSeconds(30))).await(60, TimeUnit.SECONDS)
                .orElseThrow();
    }

    /** The exposure probe found no scripts: it reads the HTML, and the leaky script is not in it. */
    private static SiteEvidence evidence(BrowserEvidence b) {
        SiteEvidence page = EvidenceFixtures.page();
        ExposureEvidence exposure = new ExposureEvidence(Optional.empty(), Optional.empty(), List.of(), List.of(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), "", Optional.empty(), List.of(), 0);
        return new SiteEvidence(b.page(), page.startedAt(), page.took(), page.page(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(exposure), Optional.empty(), Optional.empty(),
                Optional.of(b));
    }

    private static LoopbackSite.Responder html(String body) {
        return (v, req) -> req.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end("<!doctype html><html><head><title>t</title></head><body>" + body + "</body></html>");
    }

    private static LoopbackSite.Responder js(String body) {
        return (v, req) -> req.response().putHeader("Content-Type", "text/javascript").end(body);
    }
}
