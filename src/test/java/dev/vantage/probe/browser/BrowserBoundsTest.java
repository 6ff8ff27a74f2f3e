package dev.vantage.probe.browser;

import dev.vantage.fixtures.LoopbackSite;
import dev.vantage.probe.AddressPolicy;
import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.ProbeScope;
import dev.vantage.probe.RunKind;
import dev.vantage.probe.RunPlan;
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
 * The browser audit's bounds as a service sees them: memory does not grow with audits run one after another, and
 * stopping the service (closing Vert.x) in the middle of a load leaves no Chromium or chromedriver behind.
 */
class BrowserBoundsTest {

    /** Images whose URLs make one audit's evidence weigh about 800 kB (40 URLs of 20,000 characters), so a leak of one page per audit shows. */
    private static final int IMAGES = 40;
    private static final int URL_LENGTH = 20_000;
    private static final int AUDITS = 20;
    /** Allowed growth of used heap after GC over {@link #AUDITS} audits: half of what leaking each one would add. */
    private static final long BOUND_BYTES = 6L * 1024 * 1024;

    @TempDir
    static Path profiles;
    static BrowserInstall install;
    static Vertx sites;
    static LoopbackSite site;

    @BeforeAll
    static void start() {
        install = TestBrowser.install();
        sites = Vertx.vertx();
        StringBuilder page = new StringBuilder("<!doctype html><html><body><h1>Heavy evidence</h1>");
        for (int i = 0; i < IMAGES; i++) {
            page.append("<img width=1 height=1 src=\"/i").append(i).append('/').append("x".repeat(URL_LENGTH))
                    .append("\">");
        }
        String html = page.append("</body></html>").toString();
        site = LoopbackSite.http()
                .route("/heavy", (v, req) -> req.response().putHeader("Content-Type", "text/html").end(html))
                .route("/hang", (v, req) -> { /* never answers */ })
                .start(sites);
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        if (sites != null) {
            sites.close().await();
        }
    }

    @Test
    void usedHeapStaysBoundedWhileTwentyAuditsRunOneAfterAnother(org.junit.jupiter.api.TestReporter reporter)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            BrowserProbe probe = new BrowserProbe(vertx, Optional.of(install), List.of(), profiles);
            BrowserEvidence first = audit(vertx, probe, "/heavy", Duration.ofSeconds(30));
            assertThat(first.failure()).isEmpty();
            assertThat(first.resources()).hasSizeGreaterThanOrEqualTo(IMAGES);
            long perAudit = first.resources().stream().mapToLong(r -> r.url().length()).sum();
            assertThat(perAudit * AUDITS).as("a leak of one page per audit must break the bound")
                    .isGreaterThan(2 * BOUND_BYTES);

            long before = usedAfterGc();
            for (int i = 0; i < AUDITS; i++) {
                assertThat(audit(vertx, probe, "/heavy", Duration.ofSeconds(30)).failure()).isEmpty();
            }
            long growth = usedAfterGc() - before;
            reporter.publishEntry("heap growth over " + AUDITS + " audits (bytes); one audit's URLs (bytes)",
                    growth + "; " + perAudit);
            assertThat(growth).as("used heap growth over " + AUDITS + " audits, bytes").isLessThan(BOUND_BYTES);
            assertThat(TestBrowser.processesNaming(profiles)).isEmpty();
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void closingTheServiceMidLoadLeavesNoBrowserOrDriverBehind() throws Exception {
        Vertx vertx = Vertx.vertx();
        BrowserProbe probe = new BrowserProbe(vertx, Optional.of(install), List.of(), profiles);
        probe.probe(ProbeScope.of(plan("/hang")),
                Deadline.in(Duration.ofSeconds(120)));
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (TestBrowser.processesNaming(profiles).stream().noneMatch(p -> p.contains("chromium")) && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // poll, bounded above
        }
        assertThat(TestBrowser.processesNaming(profiles)).as("the browser started").isNotEmpty();

        vertx.close().await(30, TimeUnit.SECONDS);

        assertThat(TestBrowser.processesNaming(profiles)).as("chromium or chromedriver left after Vert.x closed").isEmpty();
    }

    private static BrowserEvidence audit(Vertx vertx, BrowserProbe probe, String path, Duration budget)
            throws Exception {
        return probe.probe(ProbeScope.of(plan(path)), Deadline.in(budget)).await(60, TimeUnit.SECONDS)
                .orElseThrow();
    }

    private static RunPlan plan(String path) {
        return new RunPlan(RunKind.AUDIT, site.url(path), ProbeOptions.defaults()
                .withAddressPolicy(AddressPolicy.ALLOW_INTERNAL), Set.of(ProbeKind.BROWSER));
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, rt.totalMemory() - rt.freeMemory());
        }
        return least;
    }
}
