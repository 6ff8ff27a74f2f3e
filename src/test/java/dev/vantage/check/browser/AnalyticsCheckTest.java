package dev.vantage.check.browser;

import dev.vantage.check.EvidenceFixtures;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.grade.Grader;
import dev.vantage.grade.ScoringTable;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.BrowserEvidence.LoadedResource;
import dev.vantage.probe.browser.BrowserEvidence.PageVitals;
import dev.vantage.probe.browser.BrowserEvidence.SubresourceTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code launch.analytics} on recorded evidence: the page's HTML, and the browser's scripts and requests. */
class AnalyticsCheckTest {

    private static final AnalyticsCheck CHECK = new AnalyticsCheck();

    private static SiteEvidence html(String body) {
        return EvidenceFixtures.site(EvidenceFixtures.exchangeWithBody(EvidenceFixtures.PAGE, 200, body,
                "Content-Type", "text/html"));
    }

    private static SiteEvidence withBrowser(SiteEvidence page, BrowserEvidence b) {
        return new SiteEvidence(b.page(), page.startedAt(), page.took(), page.page(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(b));
    }

    private static BrowserEvidence browser(List<LoadedResource> resources, List<SubresourceTag> tags) {
        return new BrowserEvidence(java.net.URI.create(EvidenceFixtures.PAGE), Duration.ofSeconds(2), Optional.empty(),
                PageVitals.NONE, resources, tags, List.of(), List.of(), List.of());
    }

    @Test
    void aScriptInTheHtmlNamesItsProductWithoutABrowser() {
        Finding f = CHECK.evaluate(html("<html><script defer data-domain=\"shop.example\" "
                + "src=\"https://plausible.io/js/script.js\"></script></html>"));
        assertThat(f.result()).isEqualTo(AnalyticsCheck.FOUND);
        assertThat(f.verdict()).isEqualTo(Verdict.INFO);
        assertThat(f.observed()).startsWith("Plausible (script \"https://plausible.io/js/script.js\")")
                .contains("1 script URLs of the HTML").contains("without a browser audit only the HTML was read");
        assertThat(f.remediation()).isEmpty();
    }

    @Test
    void theGoogleTagAndTagManagerAreToldApartByPathAndQueriesAreMasked() {
        Finding f = CHECK.evaluate(html("<script async src='https://www.googletagmanager.com/gtag/js?id=G-SECRET1'>"
                + "</script><script src=https://www.googletagmanager.com/gtm.js?id=GTM-ABC></script>"));
        assertThat(f.observed()).contains("Google tag (gtag.js) (script \"https://www.googletagmanager.com/gtag/js?…\")")
                .contains("Google Tag Manager (script \"https://www.googletagmanager.com/gtm.js?…\")")
                .doesNotContain("G-SECRET1").doesNotContain("GTM-ABC");
    }

    @Test
    void anOriginTheBrowserContactedCountsWhenNoScriptTagNamesIt() {
        // a tag manager loaded Clarity and Google Analytics at run time: the raw HTML names neither
        BrowserEvidence b = browser(List.of(new LoadedResource("https://www.clarity.ms/tag/abc123", "script", 900),
                        new LoadedResource("https://region1.google-analytics.com/g/collect?v=2&tid=G-1", "fetch", 0),
                        new LoadedResource("https://shop.example/app.js", "script", 4000)),
                List.of(new SubresourceTag("script", "https://static.cloudflareinsights.com/beacon.min.js", false)));
        Finding f = CHECK.evaluate(withBrowser(html("<p>no scripts</p>"), b));
        assertThat(f.result()).isEqualTo(AnalyticsCheck.FOUND);
        assertThat(f.observed())
                .contains("Cloudflare Web Analytics (script \"https://static.cloudflareinsights.com/beacon.min.js\")")
                .contains("Microsoft Clarity (contacted \"https://www.clarity.ms/tag/abc123\")")
                .contains("Google Analytics (contacted \"https://region1.google-analytics.com/g/collect?…\")")
                .contains("3 requests the browser made").doesNotContain("without a browser audit")
                .doesNotContain("tid=G-1");
    }

    @Test
    void selfHostedMatomoIsKnownByItsFileName() {
        Finding f = CHECK.evaluate(html("<script src=\"/stats/matomo.js\"></script>"));
        assertThat(f.observed()).startsWith("Matomo (script \"https://example.com/stats/matomo.js\")");
        assertThat(CHECK.evaluate(html("<script src=\"/js/piwik.js\"></script>")).observed()).startsWith("Matomo");
        assertThat(CHECK.evaluate(html("<script src=\"/js/notmatomo.js\"></script>")).result())
                .isEqualTo(AnalyticsCheck.NONE_SEEN);
    }

    @Test
    void nothingKnownSaysWhichSourcesWereRead() {
        Finding f = CHECK.evaluate(html("<script src=\"/app.js\"></script>"
                + "<script src=\"https://cdn.jsdelivr.net/npm/jquery@3.7.1/dist/jquery.min.js\"></script>"));
        assertThat(f.result()).isEqualTo(AnalyticsCheck.NONE_SEEN);
        assertThat(f.verdict()).isEqualTo(Verdict.INFO);
        assertThat(f.observed()).isEqualTo("No known analytics seen in the page's scripts (read: 2 script URLs of "
                + "the HTML; without a browser audit only the HTML was read, so tags a script adds at run time are "
                + "not seen).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://google-analytics.com.evil.example/analytics.js",
            "https://notgoogle-analytics.com/analytics.js", "https://evil.example/www.google-analytics.com/ga.js",
            "https://evil.example/?u=https://plausible.io/js/script.js", "https://plausible.io.evil.example/js/s.js",
            "https://myclarity.ms/tag/x", "https://cdn.example/gtm.js"})
    void lookAlikeHostsAndUnknownHostsAreNotMatched(String url) {
        Finding f = CHECK.evaluate(html("<script src=\"" + url + "\"></script>"));
        assertThat(f.result()).as(url).isEqualTo(AnalyticsCheck.NONE_SEEN);
        BrowserEvidence b = browser(List.of(new LoadedResource(url, "script", 1)), List.of());
        assertThat(CHECK.evaluate(withBrowser(html(""), b)).result()).as(url).isEqualTo(AnalyticsCheck.NONE_SEEN);
    }

    @ParameterizedTest
    @CsvSource({"https://www.google-analytics.com/analytics.js, Google Analytics",
            "https://GOOGLE-ANALYTICS.COM./ga.js, Google Analytics",
            "https://cdn.usefathom.com/script.js, Fathom", "https://cdn.segment.com/analytics.js/v1/k/a.min.js, Segment",
            "https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js, Mixpanel",
            "https://cdn.amplitude.com/libs/analytics-browser-2.0.0-min.js.gz, Amplitude",
            "https://cdn.heapanalytics.com/js/heap-1.js, Heap", "https://static.hotjar.com/c/hotjar-1.js, Hotjar",
            "https://cloud.umami.is/script.js, Umami", "https://us-assets.i.posthog.com/static/array.js, PostHog",
            "https://assets.adobedtm.com/launch-x.min.js, Adobe Experience Platform Tags",
            "https://shop.sc.omtrdc.net/b/ss/x, Adobe Analytics"})
    void theDocumentedProductsAreRecognised(String url, String product) {
        assertThat(AnalyticsProducts.product(url)).hasValue(product);
    }

    @Test
    void anUnansweredPageWithoutABrowserIsNotApplicable() {
        Finding f = CHECK.evaluate(EvidenceFixtures.unanswered());
        assertThat(f.result()).isEqualTo("page-not-answered");
        assertThat(f.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    }

    @Test
    void aFailedBrowserAuditStillReadsTheHtmlAndSaysSo() {
        BrowserEvidence failed = BrowserEvidence.failed(java.net.URI.create(EvidenceFixtures.PAGE), Duration.ofSeconds(9),
                "deadline");
        Finding f = CHECK.evaluate(withBrowser(html("<script src=https://cdn.usefathom.com/script.js></script>"),
                failed));
        assertThat(f.result()).isEqualTo(AnalyticsCheck.FOUND);
        assertThat(f.observed()).startsWith("Fathom").contains("the browser audit did not complete");
    }

    @Test
    void neverMovesTheGradeAndIsPricedZero() {
        ScoringTable table = ScoringTable.current();
        assertThat(table.modifier(AnalyticsCheck.FOUND)).isZero();
        assertThat(table.modifier(AnalyticsCheck.NONE_SEEN)).isZero();
        SiteEvidence page = html("<script src=\"https://plausible.io/js/script.js\"></script>");
        List<Finding> others = dev.vantage.check.Checks.all().stream()
                .filter(c -> !c.id().equals(CHECK.id())).map(c -> c.evaluate(page)).toList();
        List<Finding> with = new ArrayList<>(others);
        with.add(CHECK.evaluate(page));
        var without = new Grader(table).grade(page, others);
        var withIt = new Grader(table).grade(page, with);
        assertThat(withIt.grade()).isEqualTo(without.grade());
        assertThat(withIt.score()).isEqualTo(without.score());
        assertThat(withIt.areas()).isEqualTo(without.areas());
    }
}
