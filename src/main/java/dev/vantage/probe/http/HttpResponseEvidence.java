package dev.vantage.probe.http;

/**
 * A response as it came back. The body is kept only up to the prober's cap and decoded as UTF-8 (lossy);
 * {@code bodyBytes} counts what was read, {@code bodyTruncated} says the cap cut it.
 *
 * @param httpVersion as on the status line, e.g. {@code HTTP/1.1}
 */
public record HttpResponseEvidence(int status, String reason, String httpVersion, Headers headers, String body,
                                   long bodyBytes, boolean bodyTruncated) {

    public boolean isRedirect() {
        return status >= 300 && status < 400 && headers.contains("Location");
    }
}
