package dev.vantage.probe.browser;

import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.check.browser.ConsoleErrorsCheck;
import dev.vantage.check.browser.MixedContentCheck;
import dev.vantage.check.browser.SubresourceIntegrityCheck;
import dev.vantage.check.browser.ThirdPartiesBeforeConsentCheck;
import dev.vantage.check.browser.WebVitalsCheck;
import dev.vantage.fixtures.LoopbackSite;
import dev.vantage.fixtures.TestPki;
import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.ProbeScope;
import dev.vantage.probe.RunKind;
import dev.vantage.probe.RunPlan;
import dev.vantage.probe.SiteEvidence;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser audit against loopback pages made for it, in the system Chromium: one browser start per test. The
 * page site is https (a test CA; Chromium is told to ignore certificate errors for it), the "third party" is a second
 * https origin, and the insecure resources come from a plain-http origin.
 */
class BrowserProbeTest {

    private static final String LIB = "window.libLoaded = true;";
    private static final String LIB_INTEGRITY = "sha384-" + sha384(LIB);

    @TempDir
    static Path profiles;
    static BrowserInstall install;
    static Vertx vertx;
    static LoopbackSite plain;
    static LoopbackSite thirdParty;
    static LoopbackSite site;

    @BeforeAll
    static void start() {
        install = TestBrowser.install();
        vertx = Vertx.vertx();
        TestPki.Leaf leaf = TestPki.newCa("Browser Test CA").issue(TestPki.LeafSpec.localhost());
        plain = LoopbackSite.http().page("/pixel.png", 200, "not really a png")
                .page("/plain.js", 200, "window.plainLoaded = true;").start(vertx);
        thirdParty = LoopbackSite.https(leaf).header("Access-Control-Allow-Origin", "*")
                .route("/lib.js", (v, req) -> req.response().putHeader("Content-Type", "text/javascript").end(LIB))
                .route("/tracker.js", (v, req) -> req.response().putHeader("Content-Type", "text/javascript")
                        .end("window.tracked = true;"))
                .start(vertx);
        String third = thirdParty.url("/").toString();
        int refused = LoopbackSite.refusedPort();
        site = LoopbackSite.https(leaf)
                .route("/mixed", html("<img src=\"" + plain.url("/pixel.png") + "\">"
                        + "<script src=\"" + plain.url("/plain.js") + "\"></script>"
                        + "<script>document.cookie = 'seen=1; path=/'; throw new Error('boom-from-the-page');</script>"
                        + "<p>mixed</p>"))
                .route("/sri", html("<script src=\"" + third + "lib.js\" integrity=\"" + LIB_INTEGRITY
                        + "\" crossorigin=\"anonymous\"></script><script src=\"" + third + "tracker.js\"></script>"
                        + "<p>with and without integrity</p>"))
                .route("/slow", html("<script src=\"/slow.js\"></script><h1>The main content</h1>"))
                .route("/slow.js", (v, req) -> v.setTimer(2000, id -> req.response()
                        .putHeader("Content-Type", "text/javascript").end("window.slow = true;")))
                .route("/hang", (v, req) -> { /* never answers */ })
                .route("/broken", (v, req) -> req.response().putHeader("Content-Type", "text/html; charset=utf-8")
                        .putHeader("Content-Security-Policy", "script-src 'self'")
                        .putHeader("Content-Security-Policy-Report-Only", "img-src 'none'")
                        .end("<!doctype html><html><body><img src=\"/missing.png?session=s3cr3t\">"
                                + "<script src=\"/boom.js\"></script><script src=\"http://127.0.0.1:" + refused
                                + "/gone.js\"></script><script>window.inline = 1;</script><p>broken</p></body></html>"))
                .route("/boom.js", (v, req) -> req.response().setStatusCode(500).end("oops"))
                .route("/missing.png", (v, req) -> req.response().setStatusCode(404).end())
                .start(vertx);
    }

    @AfterAll
    static void stop() {
        for (LoopbackSite s : new LoopbackSite[] {site, thirdParty, plain}) {
            if (s != null) {
                s.close();
            }
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void mixedContentConsoleErrorsAndCookiesBeforeInteractionAreRecorded() throws Exception {
        BrowserEvidence b = load("/mixed", Duration.ofSeconds(30));

        assertThat(b.failure()).isEmpty();
        assertThat(b.insecure()).extracting(BrowserEvidence.InsecureReference::kind).contains("img", "script");
        assertThat(b.console()).anySatisfy(m -> assertThat(m).contains("boom-from-the-page"));
        assertThat(b.cookies()).extracting(BrowserEvidence.BrowserCookie::name).contains("seen");
        assertThat(b.vitals().ttfbMillis()).isPresent();

        SiteEvidence evidence = evidence(b);
        assertThat(new MixedContentCheck().evaluate(evidence).result()).isEqualTo(MixedContentCheck.ACTIVE);
        assertThat(new ConsoleErrorsCheck().evaluate(evidence).verdict()).isEqualTo(Verdict.WARN);
        Finding privacy = new ThirdPartiesBeforeConsentCheck().evaluate(evidence);
        assertThat(privacy.result()).isEqualTo(ThirdPartiesBeforeConsentCheck.PRESENT);
        assertThat(privacy.observed()).contains("seen on").doesNotContain("=1");
    }

    @Test
    void thirdPartyScriptsWithAndWithoutIntegrityAreTold() throws Exception {
        BrowserEvidence b = load("/sri", Duration.ofSeconds(30));

        assertThat(b.failure()).isEmpty();
        assertThat(b.tags()).extracting(t -> t.url().substring(t.url().lastIndexOf('/') + 1), t -> t.integrity())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("lib.js", true),
                        org.assertj.core.groups.Tuple.tuple("tracker.js", false));
        assertThat(b.thirdPartyOrigins()).containsExactly(BrowserEvidence.origin(thirdParty.url("/")));
        Finding sri = new SubresourceIntegrityCheck().evaluate(evidence(b));
        assertThat(sri.result()).isEqualTo(SubresourceIntegrityCheck.MISSING);
        assertThat(sri.observed()).contains("tracker.js").doesNotContain("lib.js");
    }

    @Test
    void aTwoSecondRenderBlockingScriptShowsInPaintTimes() throws Exception {
        BrowserEvidence b = load("/slow", Duration.ofSeconds(30));

        assertThat(b.failure()).isEmpty();
        assertThat(b.vitals().lcpMillis()).isPresent();
        assertThat(b.vitals().lcpMillis().getAsDouble()).isGreaterThanOrEqualTo(2000);
        assertThat(b.vitals().fcpMillis()).isPresent();
        assertThat(b.vitals().fcpMillis().getAsDouble()).isGreaterThanOrEqualTo(2000);
        assertThat(b.mobile().lcpMillis()).as("the mobile load's LCP").isPresent();
        assertThat(b.mobile().lcpMillis().getAsDouble()).isGreaterThanOrEqualTo(2000);
        assertThat(new WebVitalsCheck().evaluate(evidence(b)).observed()).contains("desktop 1350x940: LCP 2",
                "mobile 412x915 @2.625: LCP 2");
    }

    @Test
    void failedSubresourcesAndCspViolationsAreFindings() throws Exception {
        BrowserEvidence b = load("/broken", Duration.ofSeconds(30));

        assertThat(b.failure()).isEmpty();
        assertThat(b.failed()).extracting(f -> f.url().replaceAll("^.*/", ""), BrowserEvidence.FailedRequest::reason)
                .contains(org.assertj.core.groups.Tuple.tuple("boom.js", "HTTP 500"));
        assertThat(b.failed()).anySatisfy(f -> assertThat(f.url()).contains("missing.png"));
        assertThat(b.failed()).anySatisfy(f -> assertThat(f.url() + " " + f.reason()).contains("gone.js",
                "blocked: csp"));
        assertThat(b.csp()).extracting(BrowserEvidence.CspViolation::disposition).contains("enforce", "report");

        SiteEvidence evidence = evidence(b);
        Finding failed = new dev.vantage.check.browser.FailedSubresourcesCheck().evaluate(evidence);
        assertThat(failed.verdict()).isEqualTo(Verdict.WARN);
        assertThat(failed.observed()).contains("boom.js (HTTP 500)", "missing.png?…").doesNotContain("s3cr3t");
        assertThat(new dev.vantage.check.browser.CspViolationsCheck().evaluate(evidence).result())
                .isEqualTo(dev.vantage.check.browser.CspViolationsCheck.ENFORCED);
    }

    @Test
    void aPageThatNeverAnswersEndsAtTheDeadlineAndLeavesNoBrowserBehind() throws Exception {
        BrowserEvidence b = load("/hang", Duration.ofSeconds(6));

        assertThat(b.failure()).hasValueSatisfying(f -> assertThat(f).containsAnyOf("did not finish loading",
                "deadline"));
        assertThat(TestBrowser.processesNaming(profiles)).as("chromium processes left behind").isEmpty();
        try (var left = Files.list(profiles)) {
            assertThat(left).as("profile directories left behind").isEmpty();
        }
    }

    @Test
    void withoutABrowserTheProbeReturnsNothingAndTheChecksSayNotRun() {
        BrowserProbe probe = new BrowserProbe(vertx, Optional.empty(), List.of(), profiles);
        Optional<BrowserEvidence> none = probe.probe(ProbeScope.of(plan(site.url("/mixed"))),
                Deadline.in(Duration.ofSeconds(5))).await();
        assertThat(none).isEmpty();
        Finding f = new MixedContentCheck().evaluate(dev.vantage.check.EvidenceFixtures.page());
        assertThat(f.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(f.observed()).startsWith("browser checks not run: install chromium and chromium-driver");
    }

    private static BrowserEvidence load(String path, Duration budget) throws Exception {
        BrowserProbe probe = new BrowserProbe(vertx, Optional.of(install), List.of("--ignore-certificate-errors"),
                profiles);
        return probe.probe(ProbeScope.of(plan(site.url("localhost", path))), Deadline.in(budget))
                .await(60, TimeUnit.SECONDS).orElseThrow();
    }

    private static RunPlan plan(URI target) {
        return new RunPlan(RunKind.AUDIT, target, ProbeOptions.defaults(), Set.of(ProbeKind.BROWSER));
    }

    private static SiteEvidence evidence(BrowserEvidence b) {
        SiteEvidence page = dev.vantage.check.EvidenceFixtures.page();
        return new SiteEvidence(b.page(), page.startedAt(), page.took(), page.page(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(b));
    }

    private static LoopbackSite.Responder html(String body) {
        return (v, req) -> req.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end("<!doctype html><html><head><title>t</title></head><body>" + body + "</body></html>");
    }

    private static String sha384(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
