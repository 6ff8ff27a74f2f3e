package dev.vantage.probe;

import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.http.RedirectChain;
import dev.vantage.probe.load.LoadEvidence;
import dev.vantage.probe.tls.TlsInspection;
import dev.vantage.probe.ratelimit.RateLimitEvidence;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything the probes of one site run saw, and the only input of checks.
 *
 * @param page        redirects followed from the target URL; its last exchange is the page whose headers are graded
 * @param httpUpgrade redirects followed from {@code http://host[:httpPort]/path}, absent when the target itself
 *                    is plain http (then {@code page} is that chain)
 * @param corsProbe   the page requested again with a foreign {@code Origin}, to see whether it is reflected
 * @param tls         protocols, suites and certificate of the https endpoint; absent for plain-http targets and
 *                    when the name could not be resolved to an address that may be probed
 * @param exposure    sensitive paths, served scripts, error handling, TRACE, security.txt and health probes;
 *                    absent when the run did not get that far
 * @param rateLimit   the opt-in rate-limit burst, absent unless configured
 * @param load        the opt-in load run (open model, bounded), absent unless configured
 * @param browser     the headless-Chromium load of the final page, absent unless planned and a browser is
 *                    installed (docs/browser.md)
 */
public record SiteEvidence(URI target, Instant startedAt, Duration took, RedirectChain page,
                           Optional<RedirectChain> httpUpgrade, Optional<HttpExchange> corsProbe,
                           Optional<TlsInspection> tls, Optional<ExposureEvidence> exposure,
                           Optional<RateLimitEvidence> rateLimit, Optional<LoadEvidence> load,
                           Optional<BrowserEvidence> browser) {

    /** Evidence of a run without a browser audit. */
    public SiteEvidence(URI target, Instant startedAt, Duration took, RedirectChain page,
                        Optional<RedirectChain> httpUpgrade, Optional<HttpExchange> corsProbe,
                        Optional<TlsInspection> tls, Optional<ExposureEvidence> exposure,
                        Optional<RateLimitEvidence> rateLimit, Optional<LoadEvidence> load) {
        this(target, startedAt, took, page, httpUpgrade, corsProbe, tls, exposure, rateLimit, load, Optional.empty());
    }

    /** The chain that starts on plain HTTP, whichever field holds it. */
    public Optional<RedirectChain> plainHttpChain() {
        if ("http".equalsIgnoreCase(target.getScheme())) {
            return Optional.of(page);
        }
        return httpUpgrade;
    }

    /** The final exchange of the page chain: the document whose headers are graded. */
    public HttpExchange finalPage() {
        return page.last();
    }

    /** Origin sent by the CORS probe; no real site can own a {@code .invalid} name (RFC 2606). */
    public static final String FOREIGN_ORIGIN = dev.vantage.probe.http.CorsProbe.FOREIGN_ORIGIN;
}
