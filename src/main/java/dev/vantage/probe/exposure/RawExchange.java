package dev.vantage.probe.exposure;

import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.Optional;

/**
 * A deliberately malformed request (one {@link dev.vantage.probe.http.HttpProber} will not write) and what came
 * back. The body is kept as received (chunked framing not decoded): it is only searched for leaks.
 *
 * @param requestLine the request line sent, e.g. {@code GET /%zz HTTP/1.1}
 */
public record RawExchange(String requestLine, Optional<HttpResponseEvidence> response,
                          Optional<ProbeFailure> failure) {

    /** True when the server closed or reset the connection without a status line: a rejection too. */
    public boolean closedWithoutAnswer() {
        return response.isEmpty() && failure.map(f -> f.kind() == dev.vantage.probe.FailureKind.RESET).orElse(false);
    }
}
