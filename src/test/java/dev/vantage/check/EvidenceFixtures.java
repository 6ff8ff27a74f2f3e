package dev.vantage.check;

import dev.vantage.probe.FailureKind;
import dev.vantage.probe.PhaseTimings;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpRequestSpec;
import dev.vantage.probe.http.HttpResponseEvidence;
import dev.vantage.probe.http.RedirectChain;
import dev.vantage.probe.http.RedirectOutcome;
import dev.vantage.probe.tls.CertificateSummary;
import dev.vantage.probe.tls.CertificateTrust;
import dev.vantage.probe.tls.TlsSessionEvidence;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Hand-built evidence for check tests: a site answering https://example.com/ unless told otherwise. */
public final class EvidenceFixtures {

    /** When every fixture run "started"; the default leaf certificate is valid then. */
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    public static final String PAGE = "https://example.com/";

    private EvidenceFixtures() {
    }

    public static TlsSessionEvidence tls(CertificateTrust trust, Instant notBefore, Instant notAfter) {
        CertificateSummary leaf = new CertificateSummary("CN=example.com", "CN=Test CA", List.of("example.com"),
                notBefore, notAfter, "EC", 256, "SHA256withECDSA", "00");
        return new TlsSessionEvidence("TLSv1.3", "TLS_AES_128_GCM_SHA256", Optional.of("h2"), List.of(leaf), trust);
    }

    public static TlsSessionEvidence trustedTls() {
        return tls(CertificateTrust.TRUSTED, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(60)));
    }

    /** An answered exchange; https URLs get a trusted, currently valid certificate. */
    public static HttpExchange exchange(String url, int status, String... headers) {
        return exchangeWithBody(url, status, "", headers);
    }

    public static HttpExchange exchangeWithBody(String url, int status, String body, String... headers) {
        URI uri = URI.create(url);
        Optional<TlsSessionEvidence> tls = "https".equals(uri.getScheme()) ? Optional.of(trustedTls())
                : Optional.empty();
        HttpResponseEvidence response = new HttpResponseEvidence(status, reason(status), "HTTP/1.1",
                Headers.of(headers), body, body.length(), false);
        return new HttpExchange(HttpRequestSpec.get(uri), Optional.of("127.0.0.1"), PhaseTimings.NONE, tls,
                Optional.of(response), Optional.empty());
    }

    public static HttpExchange withTls(HttpExchange e, TlsSessionEvidence tls) {
        return new HttpExchange(e.request(), e.remoteAddress(), e.timings(), Optional.of(tls), e.response(),
                e.failure());
    }

    public static HttpExchange withBody(HttpExchange e, long bytes) {
        HttpResponseEvidence r = e.response().orElseThrow();
        return new HttpExchange(e.request(), e.remoteAddress(), e.timings(), e.tls(), Optional.of(
                new HttpResponseEvidence(r.status(), r.reason(), r.httpVersion(), r.headers(), "", bytes, false)),
                e.failure());
    }

    public static HttpExchange failed(String url, FailureKind kind, String message) {
        return HttpExchange.failed(HttpRequestSpec.get(URI.create(url)), PhaseTimings.NONE,
                new ProbeFailure(kind, message));
    }

    public static RedirectChain chain(RedirectOutcome outcome, HttpExchange... hops) {
        return new RedirectChain(List.of(hops), outcome);
    }

    public static RedirectChain single(HttpExchange page) {
        return chain(page.answered() ? RedirectOutcome.FINAL_RESPONSE : RedirectOutcome.FAILED, page);
    }

    /** The well-behaved plain-http chain: 301 to the same URL on https, then 200. */
    public static RedirectChain goodUpgrade() {
        return chain(RedirectOutcome.FINAL_RESPONSE, exchange("http://example.com/", 301, "Location", PAGE),
                exchange(PAGE, 200));
    }

    /** A site whose final page is {@code page}, with the good http upgrade and no CORS probe. */
    public static SiteEvidence site(HttpExchange page) {
        return site(single(page), Optional.of(goodUpgrade()), Optional.empty());
    }

    public static SiteEvidence site(RedirectChain page, Optional<RedirectChain> upgrade, Optional<HttpExchange> cors) {
        return new SiteEvidence(page.first().request().url(), NOW, Duration.ofMillis(120), page, upgrade, cors,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The https page answering 200 with these header name/value pairs. */
    public static SiteEvidence page(String... headers) {
        return site(exchange(PAGE, 200, headers));
    }

    /** The page did not answer at all. */
    public static SiteEvidence unanswered() {
        return site(failed(PAGE, FailureKind.TIMEOUT, "no response within 10s"));
    }

    /** Evidence whose plain-http chain is {@code upgrade}. */
    public static SiteEvidence upgrade(RedirectChain upgrade) {
        return site(single(exchange(PAGE, 200)), Optional.of(upgrade), Optional.empty());
    }

    /** Evidence whose CORS probe answered with these headers. */
    public static SiteEvidence cors(String... headers) {
        return site(single(exchange(PAGE, 200)), Optional.of(goodUpgrade()),
                Optional.of(exchange(PAGE, 200, headers)));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 308 -> "Permanent Redirect";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "";
        };
    }
}
