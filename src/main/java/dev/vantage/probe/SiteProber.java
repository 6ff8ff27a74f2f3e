package dev.vantage.probe;

import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.exposure.ExposureProber;
import dev.vantage.probe.exposure.ExposureSettings;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.http.HttpRequestSpec;
import dev.vantage.probe.http.RedirectChain;
import dev.vantage.probe.http.RedirectOutcome;
import dev.vantage.probe.http.RedirectProber;
import dev.vantage.probe.http.TargetResolver;
import dev.vantage.probe.tls.TlsInspection;
import dev.vantage.probe.tls.TlsInspectionOptions;
import dev.vantage.probe.tls.TlsInspector;
import dev.vantage.probe.load.LoadContext;
import dev.vantage.probe.load.LoadEvidence;
import dev.vantage.probe.load.LoadProbe;
import dev.vantage.probe.load.LoadSettings;
import dev.vantage.probe.ratelimit.RateLimitEvidence;
import dev.vantage.probe.ratelimit.RateLimitProber;
import dev.vantage.probe.tls.TrustStores;
import dev.vantage.target.TargetUrl;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs the probes of one {@link RunPlan} and gathers the evidence: the page (redirects followed) always, and as
 * planned the plain-HTTP upgrade chain, the TLS inspection, the CORS probe, the exposure probe, the opt-in
 * rate-limit burst and the opt-in load run. The returned future never fails: failures are evidence.
 *
 * <p>The trust stores are loaded once, in the constructor (it reads files: build the prober off the event loop).
 * Each {@link #probe} owns its own {@link HttpProber} and closes it when done.
 */
public final class SiteProber {

    /** Bound on one TLS handshake of the inspection (the inspection as a whole gets the run's deadline). */
    private static final Duration TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

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

    /** Every probe, as the one-shot {@code check} sends them. */
    public Future<SiteEvidence> probe(URI target) {
        return probe(RunPlan.everything(target, options));
    }

    /**
     * Sends the planned probes and nothing else: the page always; the upgrade chain, TLS inspection, CORS, exposure,
     * rate-limit burst and load run only when the plan names them. Evidence of a probe not sent stays absent.
     */
    public Future<SiteEvidence> probe(RunPlan plan) {
        URI target = plan.target();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        Deadline deadline = Deadline.in(options.timeout());
        HttpProber http = new HttpProber(vertx, options, trust);
        RedirectProber redirects = new RedirectProber(http);

        Future<RedirectChain> page = redirects.follow(HttpRequestSpec.get(target), deadline);
        Future<Optional<RedirectChain>> upgrade = plainHttpUrl(target).filter(u -> plan.sends(ProbeKind.HTTP_UPGRADE))
                .map(url -> redirects.follow(HttpRequestSpec.get(url), deadline).map(Optional::of))
                .orElse(Future.succeededFuture(Optional.empty()));

        Future<Optional<TlsInspection>> tls = plan.sends(ProbeKind.TLS_INSPECTION) ? inspectTls(target, deadline)
                : Future.succeededFuture(Optional.empty());

        return Future.all(page, upgrade, tls).compose(all -> {
            RedirectChain chain = page.result();
            URI finalUrl = chain.last().request().url();
            HttpRequestSpec cors = new HttpRequestSpec("GET", finalUrl,
                    Headers.of("Origin", SiteEvidence.FOREIGN_ORIGIN));
            // A final hop the address policy refused (e.g. a public site redirecting inward) gets no CORS request.
            Optional<ProbeFailure> blocked = chain.last().failure().filter(f -> f.kind() == FailureKind.BLOCKED_ADDRESS);
            Future<Optional<HttpExchange>> corsExchange = !plan.sends(ProbeKind.CORS)
                    ? Future.succeededFuture(Optional.empty())
                    : blocked.isPresent()
                    ? Future.succeededFuture(Optional.of(HttpExchange.failed(cors, PhaseTimings.NONE, blocked.get())))
                    : http.exchange(cors, deadline).map(Optional::of);
            Future<Optional<ExposureEvidence>> exposure = corsExchange.compose(x -> plan.sends(ProbeKind.EXPOSURE)
                    ? new ExposureProber(vertx, options, trust, ExposureSettings.defaults()).probe(chain, deadline)
                    .map(Optional::of)
                    : Future.succeededFuture(Optional.empty()));
            Future<Optional<RateLimitEvidence>> rateLimit = exposure.compose(x -> plan.sends(ProbeKind.RATE_LIMIT)
                    ? rateLimit(chain) : Future.succeededFuture(Optional.empty()));
            Future<Optional<LoadEvidence>> load = rateLimit.compose(x -> plan.sends(ProbeKind.LOAD)
                    ? load(http, chain) : Future.succeededFuture(Optional.empty()));
            return load.map(loaded -> new SiteEvidence(target, startedAt,
                    Duration.ofNanos(System.nanoTime() - started), chain, upgrade.result(),
                    corsExchange.result(), tls.result(), exposure.result(), rateLimit.result(), loaded));
        }).recover(error -> Future.succeededFuture(unexpected(target, startedAt, started, error)))
                .eventually(() -> http.close().otherwiseEmpty());
    }

    /** Keeps the never-fails promise even if a bug throws: the run becomes evidence of an internal error. */
    private static SiteEvidence unexpected(URI target, Instant startedAt, long started, Throwable error) {
        HttpExchange failed = HttpExchange.failed(HttpRequestSpec.get(target), PhaseTimings.NONE,
                new ProbeFailure(FailureKind.IO, "internal error while probing: " + error));
        return new SiteEvidence(target, startedAt, Duration.ofNanos(System.nanoTime() - started),
                new RedirectChain(List.of(failed), RedirectOutcome.FAILED), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The opt-in load run against the final page's origin, last (so it cannot disturb the other probes), with its
     * own bounds ({@link LoadProbe#budget}). With an ownership token in the load context (service mode) nothing is
     * sent until the origin has proven it serves that token.
     */
    private Future<Optional<LoadEvidence>> load(HttpProber http, RedirectChain chain) {
        if (options.load().isEmpty() || !chain.last().answered()) {
            return Future.succeededFuture(Optional.empty());
        }
        LoadSettings settings = options.load().get();
        LoadContext context = options.loadContext();
        URI url = chain.last().request().url();
        Duration budget = LoadProbe.budget(settings);
        Future<LoadEvidence> run = context.ownershipToken().isPresent()
                ? LoadProbe.runVerified(vertx, http, url, settings, budget, context.ownershipToken().get())
                : LoadProbe.run(vertx, url, settings, budget, options);
        return run.map(e -> context.idleP95().map(e::withIdleP95).orElse(e)).map(Optional::of);
    }

    /**
     * Protocol, suite and certificate inspection of an https target, concurrent with the page probes and bound by
     * the same deadline. The address is resolved (pins, policy) exactly as the HTTP prober does, so the inspector
     * never reaches an address the policy forbids; a name that does not resolve leaves the inspection absent (the
     * page exchange already reports why).
     */
    private Future<Optional<TlsInspection>> inspectTls(URI target, Deadline deadline) {
        if (!"https".equalsIgnoreCase(target.getScheme())) {
            return Future.succeededFuture(Optional.empty());
        }
        int port = TargetUrl.effectivePort(target);
        String host = TargetResolver.unbracket(target.getHost());
        return new TargetResolver(vertx, options.resolve(), options.addressPolicy()).resolve(target.getHost(), port)
                .compose(resolution -> resolution.address().map(address -> {
                    Duration total = deadline.remaining();
                    Duration perHandshake = total.compareTo(TLS_HANDSHAKE_TIMEOUT) < 0 ? total : TLS_HANDSHAKE_TIMEOUT;
                    TlsInspectionOptions tlsOptions = TlsInspectionOptions.defaults()
                            .withTimeouts(perHandshake, total);
                    if (NetUtil.createInetAddressFromIpAddressString(host) == null) {
                        tlsOptions = tlsOptions.withServerName(host);
                    }
                    if (options.caFile().isPresent()) {
                        tlsOptions = tlsOptions.withCaFile(options.caFile().get());
                    }
                    return TlsInspector.inspect(vertx, address.getHostAddress(), port, tlsOptions).map(Optional::of);
                }).orElse(Future.succeededFuture(Optional.empty())))
                .otherwise(Optional.empty());
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
