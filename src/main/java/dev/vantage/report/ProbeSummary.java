package dev.vantage.report;

import dev.vantage.probe.Phase;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpResponseEvidence;
import dev.vantage.probe.tls.CertificateSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The transport facts of one probe run, with the meanings of the Prometheus blackbox_exporter's {@code probe_*}
 * metrics, so the metrics sink and the stored history read them from the report alone.
 *
 * @param statusCode         final HTTP status of the page chain, 0 when no response came
 * @param httpVersion        1.0, 1.1 or 2 (blackbox's {@code probe_http_version}), 0 when no response came
 * @param ssl                the final response came over TLS
 * @param phases             time per phase summed over every hop of the page chain (as blackbox sums redirects)
 * @param redirects          redirects followed
 * @param contentLength      Content-Length of the final response, -1 when absent
 * @param earliestCertExpiry earliest notAfter of the chain served with the final response
 * @param tlsVersion         negotiated protocol as blackbox labels it ({@code TLS 1.3})
 */
public record ProbeSummary(int statusCode, double httpVersion, boolean ssl, Map<Phase, Duration> phases,
                           int redirects, long contentLength, Optional<Instant> earliestCertExpiry,
                           Optional<String> tlsVersion) {

    /** For reports made without evidence (tests, reports stored before the summary existed). */
    public static final ProbeSummary NONE = new ProbeSummary(0, 0, false, Map.of(), 0, -1, Optional.empty(),
            Optional.empty());

    public ProbeSummary {
        EnumMap<Phase, Duration> copy = new EnumMap<>(Phase.class);
        copy.putAll(phases);
        phases = java.util.Collections.unmodifiableMap(copy);
    }

    /** The same facts with every phase truncated to whole microseconds, the precision the store keeps. */
    public ProbeSummary inMicros() {
        EnumMap<Phase, Duration> micros = new EnumMap<>(Phase.class);
        phases.forEach((phase, d) -> micros.put(phase, d.truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
        return new ProbeSummary(statusCode, httpVersion, ssl, micros, redirects, contentLength, earliestCertExpiry,
                tlsVersion);
    }

    /** True when the page answered with a status below 400 (blackbox's {@code probe_success} for HTTP). */
    public boolean success() {
        return statusCode >= 200 && statusCode < 400;
    }

    public static ProbeSummary from(SiteEvidence evidence) {
        HttpExchange last = evidence.finalPage();
        Optional<HttpResponseEvidence> response = last.response();
        EnumMap<Phase, Duration> phases = new EnumMap<>(Phase.class);
        for (HttpExchange hop : evidence.page().hops()) {
            hop.timings().phases().forEach((phase, took) -> phases.merge(phase, took, Duration::plus));
        }
        long length = response.flatMap(r -> r.headers().first("Content-Length")).map(ProbeSummary::parseLong)
                .orElse(-1L);
        Optional<Instant> expiry = last.tls().flatMap(t -> t.chain().stream().map(CertificateSummary::notAfter)
                .min(Instant::compareTo));
        return new ProbeSummary(response.map(HttpResponseEvidence::status).orElse(0),
                response.map(r -> version(r.httpVersion())).orElse(0.0), last.isHttps() && last.tls().isPresent(),
                phases, evidence.page().redirects(), length, expiry,
                last.tls().map(t -> t.protocol().replace("TLSv", "TLS ").replace("SSLv", "SSL ")));
    }

    private static double version(String statusLineVersion) {
        return switch (statusLineVersion.toUpperCase(java.util.Locale.ROOT)) {
            case "HTTP/1.0" -> 1.0;
            case "HTTP/2", "HTTP/2.0" -> 2.0;
            default -> 1.1;
        };
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
