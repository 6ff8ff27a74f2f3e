package dev.vantage.check.software;

import dev.vantage.check.CheckSupport;
import dev.vantage.check.EvidenceFixtures;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.dataset.Datasets;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.LibraryGlobals;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The software-version checks on recorded evidence, with the bundled datasets. */
class SoftwareChecksTest {

    static final String PAGE = EvidenceFixtures.PAGE;
    final VulnerableLibrariesCheck libraries = new VulnerableLibrariesCheck(Datasets.bundled().vulnerabilities());
    final EndOfLifeSoftwareCheck endOfLife = new EndOfLifeSoftwareCheck(Datasets.bundled().endOfLife());

    static SiteEvidence html(String body, String... headers) {
        return EvidenceFixtures.site(EvidenceFixtures.exchangeWithBody(PAGE, 200, body, headers));
    }

    static SiteEvidence at(SiteEvidence e, Instant now) {
        return new SiteEvidence(e.target(), now, e.took(), e.page(), e.httpUpgrade(), e.corsProbe(), e.tls(),
                e.exposure(), e.rateLimit(), e.load(), e.browser());
    }

    static SiteEvidence withBrowser(SiteEvidence e, List<LibraryGlobals.Found> globals) {
        BrowserEvidence b = new BrowserEvidence(URI.create(PAGE), Duration.ofSeconds(1), Optional.empty(),
                BrowserEvidence.PageVitals.NONE, List.of(), List.of(), List.of(), List.of(), List.of(),
                BrowserEvidence.PageVitals.NONE, List.of(), List.of(), globals);
        return new SiteEvidence(e.target(), e.startedAt(), e.took(), e.page(), e.httpUpgrade(), e.corsProbe(),
                e.tls(), e.exposure(), e.rateLimit(), e.load(), Optional.of(b));
    }

    @Nested
    class VulnerableLibraries {

        @Test
        void anOldJqueryInAScriptUrlIsFoundWithItsCvesAndFix() {
            Finding f = libraries.evaluate(html("<html><script src=\"/static/jquery-1.8.3.min.js\"></script>"));

            assertThat(f.result()).isEqualTo(VulnerableLibrariesCheck.MEDIUM);
            assertThat(f.verdict()).isEqualTo(Verdict.WARN);
            assertThat(f.observed()).contains("jquery 1.8.3").contains("url https://example.com/static/jquery-1.8.3"
                    + ".min.js").contains("CVE-2012-6708", "CVE-2015-9251", "CVE-2019-11358", "CVE-2020-11023")
                    .contains("fixed in 3.5.0").contains("retire.js").contains("2026-08-22");
            assertThat(f.remediation()).contains("jquery to 3.5.0 or later");
        }

        @Test
        void cdnPathsInSingleQuotesAndUnquotedAreRead() {
            Finding f = libraries.evaluate(html("<script type=text/javascript src='https://cdnjs.cloudflare.com/"
                    + "ajax/libs/angular.js/1.5.0/angular.min.js'></script><SCRIPT SRC=https://unpkg.com/"
                    + "lodash@4.17.4/lodash.min.js></SCRIPT>"));

            assertThat(f.observed()).contains("angularjs 1.5.0");
            assertThat(f.result()).isEqualTo(VulnerableLibrariesCheck.HIGH);
        }

        @Test
        void aCurrentVersionIsAPassThatNamesIt() {
            Finding f = libraries.evaluate(html("<script src=\"/js/jquery-3.7.1.min.js\"></script>"));

            assertThat(f.result()).isEqualTo(VulnerableLibrariesCheck.NONE);
            assertThat(f.observed()).contains("jquery 3.7.1");
        }

        @Test
        void aPageWithoutKnownLibrariesIsInformation() {
            Finding f = libraries.evaluate(html("<script src=\"/app.js\"></script><script>var jquery = 1;</script>"));

            assertThat(f.result()).isEqualTo(VulnerableLibrariesCheck.NOT_DETECTED);
            assertThat(f.verdict()).isEqualTo(Verdict.INFO);
        }

        @Test
        void aGlobalSeenByTheBrowserCountsWhenNoUrlNamesTheVersion() {
            Finding f = libraries.evaluate(withBrowser(html("<script src=\"/bundle.js\"></script>"),
                    List.of(new LibraryGlobals.Found("jquery", "1.8.3"))));

            assertThat(f.result()).isEqualTo(VulnerableLibrariesCheck.MEDIUM);
            assertThat(f.observed()).contains("global (browser)").contains("CVE-2019-11358");
        }

        @Test
        void theSameVersionFromUrlAndGlobalIsOneLibraryWithBothSources() {
            Finding f = libraries.evaluate(withBrowser(html("<script src=\"/jquery-1.8.3.js\"></script>"),
                    List.of(new LibraryGlobals.Found("jquery", "1.8.3"))));

            assertThat(f.observed()).containsOnlyOnce("\"jquery 1.8.3\"").contains("url ").contains("global");
        }

        @Test
        void anUnansweredPageWithoutABrowserHasNothingToRead() {
            assertThat(libraries.evaluate(EvidenceFixtures.unanswered()).result())
                    .isEqualTo(CheckSupport.PAGE_NOT_ANSWERED);
        }

        @Test
        void aHostilePageOfUnterminatedScriptTagsStillGivesItsLibrary() {
            // the script scan is the exposure probe's linear one (ScannerWorkTest), here with every origin
            String hostile = "<script src=/jquery-1.8.3.js>" + "<script ".repeat(100_000);

            assertThat(libraries.evaluate(html(hostile)).observed()).contains("jquery 1.8.3");
        }
    }

    @Nested
    class EndOfLife {

        @Test
        void anEndedNginxIsAFailingFindingWithItsDate() {
            Finding f = endOfLife.evaluate(html("", "Server", "nginx/1.16.1"));

            assertThat(f.result()).isEqualTo(EndOfLifeSoftwareCheck.FOUND);
            assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(f.observed()).contains("nginx 1.16").contains("end of life since 2020-04-20")
                    .contains("endoflife.date");
            assertThat(f.remediation()).contains("nginx 1.16 to a supported release");
        }

        @Test
        void everyProductOfABannerIsJudged() {
            Finding f = endOfLife.evaluate(html("", "Server", "Apache/2.4.41 (Ubuntu)", "X-Powered-By",
                    "PHP/5.6.40"));

            assertThat(f.result()).isEqualTo(EndOfLifeSoftwareCheck.FOUND);
            assertThat(f.observed()).contains("PHP 5.6").doesNotContain("Apache HTTP Server 2.4, end");
        }

        @Test
        void aSupportedReleaseIsAPass() {
            Finding f = endOfLife.evaluate(html("", "Server", "nginx/1.30.0"));

            assertThat(f.result()).isEqualTo(EndOfLifeSoftwareCheck.NONE);
            assertThat(f.observed()).contains("nginx 1.30, supported");
        }

        @Test
        void theFindingAppearsOnTheDayTheCycleEndsByTheRunsClock() {
            // nginx 1.29 ends on 2026-05-13 in the bundled data
            SiteEvidence page = html("", "Server", "nginx/1.29.8");

            assertThat(endOfLife.evaluate(at(page, Instant.parse("2026-05-12T23:59:59Z"))).result())
                    .isEqualTo(EndOfLifeSoftwareCheck.NONE);
            assertThat(endOfLife.evaluate(at(page, Instant.parse("2026-05-13T00:00:00Z"))).result())
                    .isEqualTo(EndOfLifeSoftwareCheck.FOUND);
        }

        @Test
        void aProductWithoutAVersionCannotBeJudged() {
            Finding f = endOfLife.evaluate(html("", "X-Powered-By", "Express", "Server", "nginx"));

            assertThat(f.result()).isEqualTo(EndOfLifeSoftwareCheck.UNKNOWN);
            assertThat(f.verdict()).isEqualTo(Verdict.INFO);
        }

        @Test
        void aStaleDatasetIsAVisibleWarning() {
            Finding f = endOfLife.evaluate(at(html("", "Server", "nginx/1.16.1"), Instant.parse("2027-12-01T00:00:00Z")));

            assertThat(f.observed()).contains("WARNING").contains("days old");
        }
    }
}
