package dev.vantage.check.exposure;

import dev.vantage.grade.ScoringTable;

import dev.vantage.check.Check;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.check.ratelimit.RateLimitChecks;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.Phase;
import dev.vantage.probe.PhaseTimings;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.exposure.ExposureEvidence.PathProbe;
import dev.vantage.probe.exposure.RawExchange;
import dev.vantage.probe.exposure.SensitivePaths;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpRequestSpec;
import dev.vantage.probe.http.HttpResponseEvidence;
import dev.vantage.probe.http.RedirectChain;
import dev.vantage.probe.http.RedirectOutcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The exposure checks on recorded evidence, no network. */
class ExposureChecksTest {

    static final URI SITE = URI.create("https://shop.test/");
    static final Instant STARTED = Instant.parse("2026-11-25T12:00:00Z");
    static final String SPA = "<!doctype html><html><body><div id=app>Shop</div><script src=/main.js></script></body>"
            + "</html>";

    static HttpExchange answer(String method, String path, int status, String body, Duration took) {
        return new HttpExchange(new HttpRequestSpec(method, SITE.resolve(path), Headers.EMPTY), Optional.of("10.0.0.1"),
                new PhaseTimings(java.util.Map.of(Phase.PROCESSING, took)), Optional.empty(),
                Optional.of(new HttpResponseEvidence(status, "", "HTTP/1.1", Headers.EMPTY, body, body.length(),
                        false)), Optional.empty());
    }

    static HttpExchange timedOut(String path) {
        return HttpExchange.failed(new HttpRequestSpec("GET", SITE.resolve(path), Headers.EMPTY),
                new PhaseTimings(java.util.Map.of()), new ProbeFailure(FailureKind.TIMEOUT, "no answer within 10 s"));
    }

    static HttpExchange get(String path, int status, String body) {
        return answer("GET", path, status, body, Duration.ofMillis(20));
    }

    /** Recorded exposure evidence, built up per test. */
    static final class Recorded {
        HttpExchange notFound = get("/vantage-not-found-1", 404, "Not Found");
        List<PathProbe> paths = new ArrayList<>(SensitivePaths.ALL.stream()
                .map(p -> new PathProbe(p, get(p.path(), 404, "Not Found"))).toList());
        List<HttpExchange> scripts = new ArrayList<>();
        List<HttpExchange> maps = new ArrayList<>();
        Optional<RawExchange> badEncoding = Optional.empty();
        HttpExchange securityTxt = get("/.well-known/security.txt", 404, "");
        List<HttpExchange> health = new ArrayList<>();
        String page = SPA;
        List<dev.vantage.probe.browser.BrowserEvidence.LoadedScript> browserScripts = null;

        Recorded serve(String path, int status, String body) {
            paths.replaceAll(p -> p.path().path().equals(path) ? new PathProbe(p.path(), get(path, status, body)) : p);
            return this;
        }

        static HttpExchange oversized() {
            HttpExchange e = get("/", 431, "");
            return new HttpExchange(new HttpRequestSpec("GET", e.request().url(), Headers.of(
                    ExposureEvidence.OVERSIZED_HEADER, "x".repeat(32 * 1024))), e.remoteAddress(), e.timings(),
                    e.tls(), e.response(), e.failure());
        }

        SiteEvidence site() {
            ExposureEvidence exposure = new ExposureEvidence(Optional.empty(), Optional.of(notFound), paths, scripts,
                    maps, badEncoding, Optional.of(oversized()), Optional.of(answer("TRACE", "/", 405, "",
                    Duration.ZERO)), "m", Optional.of(securityTxt), health, 30);
            return new SiteEvidence(SITE, STARTED, Duration.ofSeconds(1), new RedirectChain(List.of(get("/", 200,
                    page)), RedirectOutcome.FINAL_RESPONSE), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(exposure),
                    Optional.empty(), Optional.empty(), Optional.ofNullable(browserScripts).map(Recorded::browser));
        }

        private static dev.vantage.probe.browser.BrowserEvidence browser(
                List<dev.vantage.probe.browser.BrowserEvidence.LoadedScript> scripts) {
            return new dev.vantage.probe.browser.BrowserEvidence(SITE, Duration.ofSeconds(1), Optional.empty(),
                    dev.vantage.probe.browser.BrowserEvidence.PageVitals.NONE, List.of(), List.of(), List.of(),
                    List.of(), List.of(), dev.vantage.probe.browser.BrowserEvidence.PageVitals.NONE, List.of(),
                    List.of(), List.of(), scripts);
        }
    }

    @Nested
    class SensitiveFiles {

        @Test
        void onASoft404SiteOnlyContentDifferentFromTheCatchAllPageCounts() {
            Recorded r = new Recorded();
            r.notFound = get("/vantage-not-found-1", 200, SPA);
            SensitivePaths.ALL.forEach(p -> r.serve(p.path(), 200, SPA));
            r.serve("/.env", 200, "DB_HOST=db\nDB_PASSWORD=s3cret-value\n");

            Finding f = new SensitiveFilesCheck().evaluate(r.site());

            assertThat(f.result()).isEqualTo(SensitiveFilesCheck.EXPOSED);
            assertThat(f.observed()).contains("/.env answered 200").doesNotContain(".git").doesNotContain("s3cret");
        }

        @Test
        void aDirectoryListingAloneIsMinorAndASourceMapOnlyWarns() {
            Recorded listing = new Recorded().serve("/uploads/", 200, "<html><title>Index of /uploads</title></html>");
            Recorded map = new Recorded();
            map.maps.add(get("/main.js.map", 200, "{\"version\":3,\"sources\":[\"src/a.ts\"],\"mappings\":\"AAAA\"}"));

            assertThat(new SensitiveFilesCheck().evaluate(listing.site()).result())
                    .isEqualTo(SensitiveFilesCheck.MINOR_EXPOSED);
            assertThat(new SensitiveFilesCheck().evaluate(map.site())).satisfies(f -> {
                assertThat(f.result()).isEqualTo(SensitiveFilesCheck.SOURCE_MAP_EXPOSED);
                assertThat(f.observed()).contains("/main.js.map");
            });
        }

        @Test
        void aForbiddenPathIsNotAnExposure() {
            Recorded r = new Recorded().serve("/.git/config", 403, "[core]\nrepositoryformatversion = 0\n");

            assertThat(new SensitiveFilesCheck().evaluate(r.site()).result()).isEqualTo(SensitiveFilesCheck.NONE);
        }
    }

    @Nested
    class ScannedText {

        @Test
        void aPageLongerThanTheScanLimitIsScannedInPartAndTheEvidenceSaysSo() {
            Recorded r = new Recorded();
            r.page = "x".repeat(2 * dev.vantage.probe.exposure.ScanLimit.MAX_CHARS) + "AKIA" + "Q3EGRZ7XK4WBN2PD";

            Finding f = new SecretsCheck().evaluate(r.site());

            assertThat(f.result()).isEqualTo(SecretsCheck.NONE);
            assertThat(f.observed()).contains("(1048576 characters scanned)")
                    .contains("scanned in part: https://shop.test/ (first 1024 KiB of 2048 KiB scanned)");
        }
    }

    @Nested
    class BrowserLoadedScripts {

        @Test
        void aScriptBothProbesFetchedIsScannedOnceAndAThirdPartyOneIsNamedAsTheBrowserAuditsFind() {
            String key = "AKIA" + "Q3EGRZ7XK4WBN2PD";
            Recorded r = new Recorded();
            r.scripts.add(get("/main.js", 200, "var k = '" + key + "';"));
            r.browserScripts = List.of(
                    new dev.vantage.probe.browser.BrowserEvidence.LoadedScript(SITE.resolve("/main.js").toString(),
                            "var k = '" + key + "';", 20),
                    new dev.vantage.probe.browser.BrowserEvidence.LoadedScript("https://cdn.test/w.js?id=42",
                            "x='" + key + "'", 15));

            Finding f = new SecretsCheck().evaluate(r.site());

            assertThat(f.result()).isEqualTo(SecretsCheck.EXPOSED);
            assertThat(f.observed().split("AWS access key id")).hasSize(3);
            assertThat(f.observed()).contains("at https://cdn.test/w.js?… (loaded in the browser audit) line 1, "
                    + "column 4: AKIA…(20 chars)").doesNotContain(key).doesNotContain("id=42");
        }

        @Test
        void withoutBrowserEvidenceTheTextIsAsBefore() {
            assertThat(new SecretsCheck().evaluate(new Recorded().site()).observed())
                    .doesNotContain("browser audit");
        }
    }

    @Nested
    class SecurityTxtFile {

        @Test
        void expiredRelativeToTheRunStartIsAFinding() {
            Recorded r = new Recorded();
            r.securityTxt = get("/.well-known/security.txt", 200,
                    "Contact: mailto:sec@shop.test\nExpires: 2026-11-24T00:00:00Z\n");

            Finding f = new SecurityTxtCheck().evaluate(r.site());

            assertThat(f.result()).isEqualTo(SecurityTxtCheck.EXPIRED);
            assertThat(f.observed()).contains("expired on 2026-11-24T00:00:00Z");
        }

        @Test
        void validInvalidAndHtmlCatchAll() {
            Recorded valid = new Recorded();
            valid.securityTxt = get("/.well-known/security.txt", 200,
                    "Contact: mailto:sec@shop.test\nExpires: 2027-06-01T00:00:00Z\n");
            Recorded invalid = new Recorded();
            invalid.securityTxt = get("/.well-known/security.txt", 200, "Expires: 2027-06-01T00:00:00Z\n");
            Recorded html = new Recorded();
            html.securityTxt = get("/.well-known/security.txt", 200, "<html>shop</html>");

            assertThat(new SecurityTxtCheck().evaluate(valid.site()).result()).isEqualTo(SecurityTxtCheck.VALID);
            assertThat(new SecurityTxtCheck().evaluate(invalid.site()).observed()).contains("no Contact field");
            assertThat(new SecurityTxtCheck().evaluate(html.site()).result()).isEqualTo(SecurityTxtCheck.MISSING);
        }
    }

    @Nested
    class FetchFailures {

        @Test
        void aSecurityTxtRequestThatTimedOutIsUnreachableNotMissing() {
            Recorded r = new Recorded();
            r.securityTxt = timedOut("/.well-known/security.txt");

            Finding f = new SecurityTxtCheck().evaluate(r.site());

            assertThat(f.result()).isEqualTo(SecurityTxtCheck.UNREACHABLE);
            assertThat(f.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(f.observed()).contains("could not be fetched (timeout: no answer within 10 s)");
        }

        @Test
        void aHealthPathThatTimedOutLeavesTheHealthEndpointUnknownNotMissing() {
            Recorded r = new Recorded();
            r.health.add(get("/health", 404, ""));
            r.health.add(timedOut("/healthz"));
            Recorded none = new Recorded();

            assertThat(new HealthEndpointCheck().evaluate(r.site())).satisfies(f -> {
                assertThat(f.result()).isEqualTo(HealthEndpointCheck.UNREACHABLE);
                assertThat(f.observed()).contains("/healthz (timeout: no answer within 10 s)")
                        .doesNotContain("/health (");
            });
            assertThat(new HealthEndpointCheck().evaluate(none.site())).satisfies(f -> {
                assertThat(f.result()).isEqualTo(HealthEndpointCheck.UNREACHABLE);
                assertThat(f.observed()).contains("deadline passed");
            });
        }

        @Test
        void unansweredSensitivePathsAndScriptsSayWhy() {
            Recorded r = new Recorded();
            r.paths.replaceAll(p -> p.path().path().equals("/.env") ? new PathProbe(p.path(), timedOut("/.env")) : p);

            r.scripts.add(timedOut("/main.js"));

            assertThat(new SensitiveFilesCheck().evaluate(r.site())).satisfies(f -> {
                assertThat(f.result()).isEqualTo(SensitiveFilesCheck.INCOMPLETE);
                assertThat(f.observed()).contains("1 of 16 sensitive paths got no answer (first: /.env, timeout: ");
            });
            assertThat(new SecretsCheck().evaluate(r.site()).observed())
                    .contains("not scanned, could not be fetched: /main.js (timeout: no answer within 10 s)");
        }
    }

    @Nested
    class HealthEndpoint {

        @Test
        void leaksSlownessAndAbsence() {
            Recorded leaky = new Recorded();
            leaky.health.add(get("/health", 200,
                    "{\"status\":\"UP\",\"db\":{\"url\":\"jdbc:postgresql://10.1.2.3/x\"}}"));
            Recorded slow = new Recorded();
            slow.health.add(answer("GET", "/healthz", 200, "ok", Duration.ofMillis(1800)));
            Recorded none = new Recorded();
            none.health.add(get("/health", 404, ""));

            assertThat(new HealthEndpointCheck().evaluate(leaky.site())).satisfies(f -> {
                assertThat(f.result()).isEqualTo(HealthEndpointCheck.LEAKS);
                assertThat(f.observed()).contains("jdbc:");
            });
            assertThat(new HealthEndpointCheck().evaluate(slow.site()).result()).isEqualTo(HealthEndpointCheck.SLOW);
            assertThat(new HealthEndpointCheck().evaluate(none.site()).result()).isEqualTo(HealthEndpointCheck.MISSING);
        }

        @Test
        void anUnhealthy503IsStillAHealthEndpoint() {
            Recorded r = new Recorded();
            r.health.add(get("/health", 503, "{\"status\":\"DOWN\"}"));

            assertThat(new HealthEndpointCheck().evaluate(r.site()).result()).isEqualTo(HealthEndpointCheck.OK);
        }
    }

    @Nested
    class ErrorHandling {

        @Test
        void aConnectionClosedOnTheMalformedRequestIsARejection() {
            Recorded r = new Recorded();
            r.badEncoding = Optional.of(new RawExchange("GET /%zz HTTP/1.1", Optional.empty(),
                    Optional.of(new ProbeFailure(FailureKind.RESET, "connection closed without an answer"))));

            Finding f = new MalformedRequestCheck().evaluate(r.site());

            assertThat(f.result()).isEqualTo(MalformedRequestCheck.REJECTED);
            assertThat(f.observed()).contains("reset: connection closed").contains("a 32 KiB header answered 431");
        }

        @Test
        void unknownPathStatusesMapToResults() {
            Recorded redirect = new Recorded();
            redirect.notFound = get("/vantage-not-found-1", 302, "");
            Recorded forbidden = new Recorded();
            forbidden.notFound = get("/vantage-not-found-1", 403, "");

            assertThat(new NotFoundCheck().evaluate(redirect.site()).verdict()).isEqualTo(Verdict.INFO);
            assertThat(new NotFoundCheck().evaluate(forbidden.site()).result()).isEqualTo(NotFoundCheck.OTHER_4XX);
        }
    }

    @Test
    void everyResultOfEveryCheckIsPricedAndEveryCheckReturnsOnlyItsDeclaredResults() {
        List<Check> checks = Stream.concat(ExposureChecks.all().stream(), RateLimitChecks.all().stream()).toList();

        assertThat(checks).extracting(Check::id).doesNotHaveDuplicates();
        ScoringTable table = ScoringTable.current();
        checks.forEach(c -> c.results().forEach(r -> assertThat(table.prices(r)).as(r).isTrue()));
        SiteEvidence recorded = new Recorded().site();
        checks.forEach(c -> assertThat(c.results()).contains(c.evaluate(recorded).result()));
    }
}
