package dev.vantage.probe;

import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.exposure.ExposureProber;
import dev.vantage.probe.exposure.ExposureSettings;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.http.HttpRequestSpec;
import dev.vantage.probe.http.RedirectChain;
import dev.vantage.probe.http.RedirectProber;
import dev.vantage.probe.ratelimit.RateLimitEvidence;
import dev.vantage.probe.ratelimit.RateLimitProber;
import dev.vantage.probe.tls.TrustStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs every probe of one site run and gathers the evidence: the page (redirects followed), the plain-HTTP
 * upgrade chain, the CORS probe, the exposure probe (always, bounded) and the opt-in rate-limit burst. The
 * returned future never fails: failures are evidence.
 *
 * <p>The trust stores are loaded once, in the constructor (it reads files: build the prober off the event loop).
 * Each {@link #probe} owns its own {@link HttpProber} and closes it when done.
 */
public final class SiteProber {

    /** Bodies of burst answers are only searched for limit signals: a small cap keeps 500 answers cheap. */
    private static final long RATE_LIMIT_BODY_BYTES = 16 * 1024;

    private final Vertx vertx;
    private final ProbeOptions options;
    private final TrustStores trust;

    /** @throws IllegalArgumentException when {@code options.caFile()} is unreadable or holds no certificate */
    public SiteProber(Vertx vertx, ProbeOptions options) {
        this.vertx = vertx;
        this.options = options;
        this.trust = TrustStores.load(options.caFile());
    }

    public Future<SiteEvidence> probe(URI target) {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        Deadline deadline = Deadline.in(options.timeout());
        HttpProber http = new HttpProber(vertx, options, trust);
        RedirectProber redirects = new RedirectProber(http);

        Future<RedirectChain> page = redirects.follow(HttpRequestSpec.get(target), deadline);
        Future<Optional<RedirectChain>> upgrade = plainHttpUrl(target)
                .map(url -> redirects.follow(HttpRequestSpec.get(url), deadline).map(Optional::of))
                .orElse(Future.succeededFuture(Optional.empty()));

        return Future.all(page, upgrade).compose(both -> {
            RedirectChain chain = page.result();
            URI finalUrl = chain.last().request().url();
            HttpRequestSpec cors = new HttpRequestSpec("GET", finalUrl,
                    Headers.of("Origin", SiteEvidence.FOREIGN_ORIGIN));
            Future<HttpExchange> corsExchange = http.exchange(cors, deadline);
            Future<ExposureEvidence> exposure = corsExchange.compose(x ->
                    new ExposureProber(vertx, options, trust, ExposureSettings.defaults()).probe(chain, deadline));
            Future<Optional<RateLimitEvidence>> rateLimit = exposure.compose(x -> rateLimit(chain));
            return rateLimit.map(limit -> new SiteEvidence(target, startedAt,
                    Duration.ofNanos(System.nanoTime() - started), chain, upgrade.result(),
                    Optional.of(corsExchange.result()), Optional.of(exposure.result()), limit));
        }).eventually(http::close);
    }

    /**
     * The opt-in burst, on the final page's origin, with its own bounds (not the run deadline: the burst's
     * duration and recovery wait are configured separately). Skipped when the page was not reached.
     */
    private Future<Optional<RateLimitEvidence>> rateLimit(RedirectChain chain) {
        if (options.rateLimit().isEmpty() || !chain.last().answered()) {
            return Future.succeededFuture(Optional.empty());
        }
        HttpProber burstHttp = new HttpProber(vertx, options.withMaxBodyBytes(
                Math.min(options.maxBodyBytes(), RATE_LIMIT_BODY_BYTES)), trust);
        return new RateLimitProber(vertx, burstHttp).probe(chain.last().request().url(), options.rateLimit().get())
                .map(Optional::of)
                .eventually(burstHttp::close);
    }

    /** {@code http://host[:httpPort]/path?query} for an https target (port 80 left implicit); empty otherwise. */
    Optional<URI> plainHttpUrl(URI target) {
        if (!"https".equalsIgnoreCase(target.getScheme())) {
            return Optional.empty();
        }
        try {
            int port = options.httpPort() == 80 ? -1 : options.httpPort();
            String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
            String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
            String authority = target.getHost() + (port == -1 ? "" : ":" + port);
            return Optional.of(new URI("http://" + authority + path + query));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
