package dev.vantage.probe;

import dev.vantage.probe.http.Headers;
import dev.vantage.probe.load.LoadContext;
import dev.vantage.probe.load.LoadSettings;
import dev.vantage.probe.ratelimit.RateLimitSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How politely and how far a probe may go.
 *
 * @param timeout      total deadline of one site probe (all its exchanges together)
 * @param maxBodyBytes bytes of a body kept and read; the rest is not read
 * @param maxRedirects hops followed before a chain is cut
 * @param extraHeaders sent with every request (after the defaults, so they can override User-Agent)
 * @param resolve      curl-style pins: {@code host:port} to an address, used instead of DNS
 * @param caFile       extra CA certificates (PEM) trusted on top of the JDK trust store
 * @param httpPort     port of the plain-HTTP listener probed for the HTTPS redirect
 * @param rateLimit    the opt-in rate-limit burst; absent (the default) means no burst is sent
 * @param load         the opt-in load run; absent (the default) means no load is sent
 * @param loadContext  what the caller adds to a load run: the ownership token to prove first (service mode)
 */
public record ProbeOptions(Duration timeout, long maxBodyBytes, int maxRedirects, Headers extraHeaders,
                           String userAgent, Map<String, String> resolve, Optional<Path> caFile, int httpPort,
                           AddressPolicy addressPolicy, Optional<RateLimitSettings> rateLimit,
                           Optional<LoadSettings> load, LoadContext loadContext) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_MAX_BODY_BYTES = 2L * 1024 * 1024;
    public static final int DEFAULT_MAX_REDIRECTS = 10;
    public static final String DEFAULT_USER_AGENT = "Vantage/" + dev.vantage.Version.current()
            + " (+external production-readiness monitor)";

    public ProbeOptions {
        resolve = Map.copyOf(resolve);
        java.util.Objects.requireNonNull(loadContext, "loadContext");
    }

    public static ProbeOptions defaults() {
        return new ProbeOptions(DEFAULT_TIMEOUT, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_REDIRECTS, Headers.EMPTY,
                DEFAULT_USER_AGENT, Map.of(), Optional.empty(), 80, AddressPolicy.ALLOW_INTERNAL, Optional.empty(),
                Optional.empty(), LoadContext.NONE);
    }

    public ProbeOptions withTimeout(Duration value) {
        return new ProbeOptions(value, maxBodyBytes, maxRedirects, extraHeaders, userAgent, resolve, caFile, httpPort,
                addressPolicy, rateLimit, load, loadContext);
    }

    public ProbeOptions withMaxBodyBytes(long value) {
        return new ProbeOptions(timeout, value, maxRedirects, extraHeaders, userAgent, resolve, caFile, httpPort,
                addressPolicy, rateLimit, load, loadContext);
    }

    public ProbeOptions withMaxRedirects(int value) {
        return new ProbeOptions(timeout, maxBodyBytes, value, extraHeaders, userAgent, resolve, caFile, httpPort,
                addressPolicy, rateLimit, load, loadContext);
    }

    public ProbeOptions withHttpPort(int value) {
        return new ProbeOptions(timeout, maxBodyBytes, maxRedirects, extraHeaders, userAgent, resolve, caFile, value,
                addressPolicy, rateLimit, load, loadContext);
    }

    public ProbeOptions withResolve(Map<String, String> value) {
        return new ProbeOptions(timeout, maxBodyBytes, maxRedirects, extraHeaders, userAgent, value, caFile, httpPort,
                addressPolicy, rateLimit, load, loadContext);
    }

    public ProbeOptions withCaFile(Path value) {
        return new ProbeOptions(timeout, maxBodyBytes, maxRedirects, extraHeaders, userAgent, resolve,
                Optional.ofNullable(value), httpPort, addressPolicy, rateLimit, load, loadContext);
    }

    public ProbeOptions withExtraHeaders(Headers value) {
        return new ProbeOptions(timeout, maxBodyBytes, maxRedirects, value, userAgent, resolve, caFile, httpPort,
                addressPolicy, rateLimit, load, loadContext);
    }

    public ProbeOptions withUserAgent(String value) {
        return new ProbeOptions(timeout, maxBodyBytes, maxRedirects, extraHeaders, value, resolve, caFile, httpPort,
                addressPolicy, rateLimit, load, loadContext);
    }

    public ProbeOptions withAddressPolicy(AddressPolicy value) {
        return new ProbeOptions(timeout, maxBodyBytes, maxRedirects, extraHeaders, userAgent, resolve, caFile,
                httpPort, value, rateLimit, load, loadContext);
    }

    /** Opts in to the rate-limit burst (or, with {@code null}, out). */
    public ProbeOptions withRateLimit(RateLimitSettings value) {
        return new ProbeOptions(timeout, maxBodyBytes, maxRedirects, extraHeaders, userAgent, resolve, caFile,
                httpPort, addressPolicy, Optional.ofNullable(value), load, loadContext);
    }

    /** Opts in to the load run (or, with {@code null}, out). */
    public ProbeOptions withLoad(LoadSettings value) {
        return new ProbeOptions(timeout, maxBodyBytes, maxRedirects, extraHeaders, userAgent, resolve, caFile,
                httpPort, addressPolicy, rateLimit, Optional.ofNullable(value), loadContext);
    }

    /** Sets what the caller knows about the load run beyond its settings (the ownership token). */
    public ProbeOptions withLoadContext(LoadContext value) {
        return new ProbeOptions(timeout, maxBodyBytes, maxRedirects, extraHeaders, userAgent, resolve, caFile,
                httpPort, addressPolicy, rateLimit, load, value);
    }
}
