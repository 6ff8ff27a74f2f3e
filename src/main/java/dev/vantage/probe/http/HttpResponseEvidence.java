package dev.vantage.probe.http;

import java.util.List;

/**
 * A response as it came back. The body is kept only up to the prober's cap and decoded as UTF-8 (lossy);
 * {@code bodyBytes} counts what was read, {@code bodyTruncated} says the cap cut it.
 *
 * @param httpVersion      as on the status line, e.g. {@code HTTP/1.1}
 * @param malformedHeaders header lines that are not valid HTTP (a name that is not a token, control bytes in the
 *                         value), as {@code name: value} with control bytes written {@code \xNN}; they are left out
 *                         of {@code headers}, as a browser may drop them, and the rest of the page is still graded
 */
public record HttpResponseEvidence(int status, String reason, String httpVersion, Headers headers, String body,
                                   long bodyBytes, boolean bodyTruncated, List<String> malformedHeaders) {

    public HttpResponseEvidence {
        malformedHeaders = List.copyOf(malformedHeaders);
    }

    /** A response whose header lines were all well-formed. */
    public HttpResponseEvidence(int status, String reason, String httpVersion, Headers headers, String body,
                                long bodyBytes, boolean bodyTruncated) {
        this(status, reason, httpVersion, headers, body, bodyBytes, bodyTruncated, List.of());
    }

    public boolean isRedirect() {
        return status >= 300 && status < 400 && headers.contains("Location");
    }
}
