package dev.vantage.probe.http;

import dev.vantage.probe.PhaseTimings;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.tls.TlsSessionEvidence;

import java.util.Optional;

/**
 * Evidence of one request and what came of it. Exactly one of {@code response} and {@code failure} is present,
 * except that a response cut short after its head arrived (a reset, the deadline, a malformed body) keeps what
 * arrived in {@code response} and the cause in {@code failure}.
 *
 * @param remoteAddress the IP address connected to, when resolution succeeded
 * @param tls           present for https exchanges whose handshake completed
 */
public record HttpExchange(HttpRequestSpec request, Optional<String> remoteAddress, PhaseTimings timings,
                           Optional<TlsSessionEvidence> tls, Optional<HttpResponseEvidence> response,
                           Optional<ProbeFailure> failure) {

    public static HttpExchange failed(HttpRequestSpec request, PhaseTimings timings, ProbeFailure failure) {
        return new HttpExchange(request, Optional.empty(), timings, Optional.empty(), Optional.empty(),
                Optional.of(failure));
    }

    /** True when a status line and headers arrived. */
    public boolean answered() {
        return response.isPresent();
    }

    public boolean isHttps() {
        return "https".equalsIgnoreCase(request.url().getScheme());
    }
}
