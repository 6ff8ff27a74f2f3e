package dev.vantage.check.browser;

import dev.vantage.check.EvidenceFixtures;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.BrowserEvidence.InsecureReference;
import dev.vantage.probe.browser.BrowserEvidence.PageVitals;
import dev.vantage.probe.browser.BrowserEvidence.SubresourceTag;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser checks on recorded browser evidence, without a browser. */
class BrowserChecksTest {

    private static final URI PAGE = URI.create("https://shop.example/");

    private static BrowserEvidence browser(PageVitals vitals, List<SubresourceTag> tags,
                                           List<InsecureReference> insecure) {
        return new BrowserEvidence(PAGE, Duration.ofSeconds(2), Optional.empty(), vitals, List.of(), tags, insecure,
                List.of(), List.of());
    }

    private static SiteEvidence site(BrowserEvidence b) {
        SiteEvidence page = EvidenceFixtures.page();
        return new SiteEvidence(b.page(), page.startedAt(), page.took(), page.page(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(b));
    }

    @Nested
    class ConsoleErrors {
        private dev.vantage.check.Finding of(String... lines) {
            return new ConsoleErrorsCheck().evaluate(site(new BrowserEvidence(PAGE, Duration.ofSeconds(2),
                    Optional.empty(), PageVitals.NONE, List.of(), List.of(), List.of(), List.of(lines), List.of())));
        }

        @Test
        void failedLoadsAreLeftToTheFailedSubresourcesCheck() {
            assertThat(of("https://shop.example/favicon.ico - Failed to load resource: the server responded with a "
                    + "status of 404 (Not Found)").result()).isEqualTo(ConsoleErrorsCheck.NONE);
        }

        @Test
        void scriptErrorsWarnAndAreQuoted() {
            var f = of("https://shop.example/app.js 3:7 Uncaught TypeError: x is undefined",
                    "https://shop.example/a.png - Failed to load resource: net::ERR_FAILED");
            assertThat(f.result()).isEqualTo(ConsoleErrorsCheck.FOUND);
            assertThat(f.observed()).startsWith("1 console errors").contains("Uncaught TypeError")
                    .doesNotContain("a.png");
        }
    }

    @Nested
    class WebVitals {
        @ParameterizedTest
        @CsvSource({"2500, 0.1, web-vitals-good", "2501, 0.0, web-vitals-needs-improvement",
                "1000, 0.11, web-vitals-needs-improvement", "4000, 0.25, web-vitals-needs-improvement",
                "4001, 0.0, web-vitals-poor", "1000, 0.26, web-vitals-poor"})
        void theWorseOfLcpAndClsDecidesWithTheCoreWebVitalsThresholds(double lcp, double cls, String result) {
            PageVitals v = new PageVitals(OptionalDouble.of(100), OptionalDouble.of(900), OptionalDouble.of(lcp),
                    OptionalDouble.of(cls), 1000);
            assertThat(new WebVitalsCheck().evaluate(site(browser(v, List.of(), List.of()))).result())
                    .isEqualTo(result);
        }

        @Test
        void noLargestPaintIsNotMeasured() {
            assertThat(new WebVitalsCheck().evaluate(site(browser(PageVitals.NONE, List.of(), List.of()))).verdict())
                    .isEqualTo(Verdict.NOT_APPLICABLE);
        }
    }

    @Nested
    class MobileViewport {
        private final PageVitals fast = new PageVitals(OptionalDouble.of(100), OptionalDouble.of(800),
                OptionalDouble.of(1200), OptionalDouble.of(0.01), 1000);
        private final PageVitals slow = new PageVitals(OptionalDouble.of(100), OptionalDouble.of(3000),
                OptionalDouble.of(4500), OptionalDouble.of(0.01), 1000);

        @Test
        void aSlowMobileLoadMakesAFastDesktopPagePoorAndBothAreReported() {
            var f = new WebVitalsCheck().evaluate(site(browser(fast, List.of(), List.of()).withMobile(slow)));
            assertThat(f.result()).isEqualTo(WebVitalsCheck.POOR);
            assertThat(f.observed()).contains("desktop 1350x940: LCP 1200 ms", "mobile 412x915 @2.625: LCP 4500 ms");
        }

        @Test
        void anUnmeasuredMobileLoadIsSaidAndDoesNotDecide() {
            var f = new WebVitalsCheck().evaluate(site(browser(fast, List.of(), List.of())));
            assertThat(f.result()).isEqualTo(WebVitalsCheck.GOOD);
            assertThat(f.observed()).contains("mobile 412x915 @2.625: not measured");
        }
    }

    @Nested
    class FailedSubresources {
        @Test
        void failuresAreListedWithTheirReasonQueriesMaskedAtMostFive() {
            List<BrowserEvidence.FailedRequest> failed = new java.util.ArrayList<>();
            failed.add(new BrowserEvidence.FailedRequest("https://shop.example/api?token=s3cr3t", "HTTP 500"));
            failed.add(new BrowserEvidence.FailedRequest("//10.0.0.7:80",
                    BrowserEvidence.FailedRequest.REFUSED + "10.0.0.7 is a private address"));
            for (int i = 0; i < 6; i++) {
                failed.add(new BrowserEvidence.FailedRequest("https://shop.example/m" + i + ".png", "HTTP 404"));
            }
            BrowserEvidence b = new BrowserEvidence(PAGE, Duration.ofSeconds(2), Optional.empty(), PageVitals.NONE,
                    List.of(), List.of(), List.of(), List.of(), List.of(), PageVitals.NONE, failed, List.of());
            var f = new FailedSubresourcesCheck().evaluate(site(b));
            assertThat(f.result()).isEqualTo(FailedSubresourcesCheck.FOUND);
            assertThat(f.observed()).startsWith("8 subresources failed").contains("api?…", "HTTP 500",
                    "refused by the address policy", "and 3 more").doesNotContain("s3cr3t");
            assertThat(f.remediation()).isNotBlank();
        }

        @Test
        void noFailurePasses() {
            assertThat(new FailedSubresourcesCheck().evaluate(site(browser(PageVitals.NONE, List.of(), List.of())))
                    .result()).isEqualTo(FailedSubresourcesCheck.NONE);
        }
    }

    @Nested
    class CspViolations {
        private String result(BrowserEvidence.CspViolation... violations) {
            BrowserEvidence b = new BrowserEvidence(PAGE, Duration.ofSeconds(2), Optional.empty(), PageVitals.NONE,
                    List.of(), List.of(), List.of(), List.of(), List.of(), PageVitals.NONE, List.of(),
                    List.of(violations));
            return new CspViolationsCheck().evaluate(site(b)).result();
        }

        @Test
        void enforcedViolationsWarnReportOnlyOnesInform() {
            var reported = new BrowserEvidence.CspViolation("https://cdn.example/x.js", "script-src-elem", "report");
            var enforced = new BrowserEvidence.CspViolation("inline", "script-src-elem", "enforce");
            assertThat(result()).isEqualTo(CspViolationsCheck.NONE);
            assertThat(result(reported)).isEqualTo(CspViolationsCheck.REPORT_ONLY);
            assertThat(result(reported, enforced)).isEqualTo(CspViolationsCheck.ENFORCED);
        }
    }

    @Nested
    class SubresourceIntegrity {
        private String result(SubresourceTag... tags) {
            return new SubresourceIntegrityCheck().evaluate(site(browser(PageVitals.NONE, List.of(tags), List.of())))
                    .result();
        }

        @Test
        void followsTheObservatoryTableWorstScriptDeciding() {
            SubresourceTag ownScript = new SubresourceTag("script", "https://shop.example/app.js", false);
            SubresourceTag withSri = new SubresourceTag("script", "https://cdn.example/a.js", true);
            SubresourceTag bare = new SubresourceTag("script", "https://cdn.example/b.js", false);
            SubresourceTag httpWithSri = new SubresourceTag("script", "http://cdn.example/c.js", true);
            SubresourceTag httpBare = new SubresourceTag("script", "http://cdn.example/d.js", false);
            assertThat(result()).isEqualTo(SubresourceIntegrityCheck.NO_SCRIPTS);
            assertThat(result(ownScript)).isEqualTo(SubresourceIntegrityCheck.SAME_ORIGIN_ONLY);
            assertThat(result(ownScript, withSri)).isEqualTo(SubresourceIntegrityCheck.IMPLEMENTED);
            assertThat(result(withSri, bare)).isEqualTo(SubresourceIntegrityCheck.MISSING);
            assertThat(result(withSri, httpWithSri)).isEqualTo(SubresourceIntegrityCheck.IMPLEMENTED_INSECURE);
            assertThat(result(withSri, httpBare)).isEqualTo(SubresourceIntegrityCheck.MISSING_INSECURE);
        }

        @Test
        void aSameHostOnAnotherPortIsAThirdParty() {
            assertThat(result(new SubresourceTag("script", "https://shop.example:8443/x.js", false)))
                    .isEqualTo(SubresourceIntegrityCheck.MISSING);
        }
    }

    @Nested
    class MixedContent {
        private String result(InsecureReference... refs) {
            return new MixedContentCheck().evaluate(site(browser(PageVitals.NONE, List.of(), List.of(refs)))).result();
        }

        @Test
        void imagesWarnAndScriptsFail() {
            assertThat(result()).isEqualTo(MixedContentCheck.NONE);
            assertThat(result(new InsecureReference("http://x.example/a.png", "img")))
                    .isEqualTo(MixedContentCheck.PASSIVE);
            assertThat(result(new InsecureReference("http://x.example/a.png", "img"),
                    new InsecureReference("http://x.example/a.js", "script"))).isEqualTo(MixedContentCheck.ACTIVE);
            assertThat(result(new InsecureReference("http://x.example/api", "fetch")))
                    .isEqualTo(MixedContentCheck.ACTIVE);
        }
    }

    @Test
    void aFailedLoadIsAnErrorWorthNothing() {
        BrowserEvidence failed = BrowserEvidence.failed(PAGE, Duration.ofSeconds(9), "the page did not finish loading");
        for (var check : dev.vantage.check.browser.BrowserChecks.all()) {
            var f = check.evaluate(site(failed));
            assertThat(f.verdict()).as(check.id()).isEqualTo(Verdict.ERROR);
            assertThat(f.observed()).contains("did not finish loading");
        }
    }
}
