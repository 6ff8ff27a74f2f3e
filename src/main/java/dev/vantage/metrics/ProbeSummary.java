package dev.vantage.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The transport facts of one probe run that the blackbox-compatible {@code probe_*} metrics need and a
 * {@link dev.vantage.report.Report} does not carry; built from {@link dev.vantage.probe.SiteEvidence} by the pipeline.
 *
 * @param statusCode         final HTTP status of the page chain, 0 when no response came
 * @param httpVersion        e.g. 1.1 or 2 (blackbox's {@code probe_http_version})
 * @param ssl                whether the final response came over TLS
 * @param phases             seconds per blackbox phase name: resolve, connect, tls, processing, transfer
 * @param redirects          redirects followed
 * @param contentLength      body length of the final response, -1 when unknown
 * @param earliestCertExpiry earliest notAfter in the served chain, when TLS was used
 * @param tlsVersion         negotiated protocol as blackbox labels it ({@code TLS 1.3}), when TLS was used
 */
public record ProbeSummary(int statusCode, double httpVersion, boolean ssl, Map<String, Duration> phases,
                           int redirects, long contentLength, Optional<Instant> earliestCertExpiry,
                           Optional<String> tlsVersion) {

    public ProbeSummary {
        phases = Map.copyOf(phases);
    }
}
