package dev.vantage.probe.browser;

import dev.vantage.check.EvidenceFixtures;
import dev.vantage.check.Finding;
import dev.vantage.check.software.VulnerableLibrariesCheck;
import dev.vantage.dataset.Datasets;
import dev.vantage.fixtures.LoopbackSite;
import dev.vantage.fixtures.RequiredTool;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Library versions read from the globals of a page loaded in the system Chromium. The scripts are stand-ins that
 * set the globals real libraries set, served from URLs that do not name a version, so only the browser can tell.
 */
class LibraryGlobalsTest {

    @TempDir
    static Path profiles;
    static BrowserInstall install;
    static Vertx vertx;
    static LoopbackSite site;

    @BeforeAll
    static void start() {
        install = new BrowserInstall(RequiredTool.binary("chromium", "apt-get install chromium"),
                RequiredTool.binary("chromedriver", "apt-get install chromium-driver"));
        vertx = Vertx.vertx();
        site = LoopbackSite.http()
                .route("/old", page("/static/lib-a.js"))
                .route("/current", page("/static/lib-b.js"))
                .route("/static/lib-a.js", script("/*! jQuery v1.8.3 | stand-in, not jQuery */ window.jQuery = "
                        + "window.$ = function () {}; window.jQuery.fn = {jquery: '1.8.3'}; window._ = {VERSION: "
                        + "'4.18.1', runInContext: function () {}}; window.Vue = {version: '" + "x".repeat(500)
                        + "'};"))
                .route("/static/lib-b.js", script("window.jQuery = function () {}; window.jQuery.fn = "
                        + "{jquery: '3.7.1'};"))
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
    void anOldJqueryGlobalIsAFindingWithItsCves() throws Exception {
        BrowserEvidence b = load("/old");

        assertThat(b.failure()).isEmpty();
        // lodash is told from underscore by runInContext; an over-long "version" is the page's, and dropped
        assertThat(b.libraries()).containsExactlyInAnyOrder(new LibraryGlobals.Found("jquery", "1.8.3"),
                new LibraryGlobals.Found("lodash", "4.18.1"));
        Finding f = check(b);
        assertThat(f.result()).isEqualTo(VulnerableLibrariesCheck.MEDIUM);
        assertThat(f.observed()).contains("jquery 1.8.3").contains("global (browser)").contains("CVE-2019-11358")
                .doesNotContain("lodash 4.18.1\" from");
    }

    @Test
    void aCurrentJqueryGlobalIsNoFinding() throws Exception {
        BrowserEvidence b = load("/current");

        assertThat(b.libraries()).containsExactly(new LibraryGlobals.Found("jquery", "3.7.1"));
        assertThat(check(b).result()).isEqualTo(VulnerableLibrariesCheck.NONE);
    }

    private static Finding check(BrowserEvidence b) {
        SiteEvidence page = EvidenceFixtures.page();
        SiteEvidence withBrowser = new SiteEvidence(b.page(), page.startedAt(), page.took(), page.page(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(b));
        return new VulnerableLibrariesCheck(Datasets.bundled().vulnerabilities()).evaluate(withBrowser);
    }

    private static BrowserEvidence load(String path) throws Exception {
        BrowserProbe probe = new BrowserProbe(vertx, Optional.of(install), List.of(), profiles);
        RunPlan plan = new RunPlan(RunKind.AUDIT, site.url("localhost", path), ProbeOptions.defaults(),
                Set.of(ProbeKind.BROWSER));
        return probe.probe(ProbeScope.of(plan), Deadline.in(Duration.ofSeconds(30))).await(60, TimeUnit.SECONDS)
                .orElseThrow();
    }

    private static LoopbackSite.Responder page(String script) {
        return (v, req) -> req.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end("<!doctype html><html><head><title>t</title><script src=\"" + script + "\"></script></head>"
                        + "<body><p>page</p></body></html>");
    }

    private static LoopbackSite.Responder script(String body) {
        return (v, req) -> req.response().putHeader("Content-Type", "text/javascript").end(body);
    }
}
