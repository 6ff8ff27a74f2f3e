package dev.vantage.probe;

import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.BrowserProbe;
import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.exposure.ExposureProbe;
import dev.vantage.probe.exposure.ExposureSettings;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.http.HttpRequestSpec;
import dev.vantage.probe.http.RedirectChain;
import dev.vantage.probe.http.RedirectOutcome;
import dev.vantage.probe.http.CorsProbe;
import dev.vantage.probe.http.PageProbe;
import dev.vantage.probe.http.UpgradeProbe;
import dev.vantage.probe.tls.TlsInspection;
import dev.vantage.probe.tls.TlsProbe;
import dev.vantage.probe.load.LoadEvidence;
import dev.vantage.probe.load.LoadRunProbe;
import dev.vantage.probe.ratelimit.RateLimitEvidence;
import dev.vantage.probe.ratelimit.RateLimitProbe;
import dev.vantage.probe.tls.TrustStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs the probes of one {@link RunPlan} and gathers the evidence: the page (redirects followed) always, and as
 * planned the plain-HTTP upgrade chain, the TLS inspection, the CORS probe, the exposure probe, the browser audit,
 * the opt-in rate-limit burst and the opt-in load run. The returned future never fails: failures are evidence.
 *
 * <p>The trust stores are loaded once, in the constructor (it reads files: build the prober off the event loop).
 * Each {@link #probe} owns its own {@link HttpProber} and closes it when done.
 */
public final class SiteProber {

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
        ProbeScope scope = ProbeScope.of(plan);

        // The page, the upgrade chain and the inspection start from the target, concurrently; the rest start where
        // the page ended, one after another (the load run last, so it cannot disturb the others).
        Future<RedirectChain> page = new PageProbe(http).probe(scope, deadline);
        Future<Optional<RedirectChain>> upgrade = planned(plan, new UpgradeProbe(http), scope, deadline)
                .map(o -> o.flatMap(x -> x));
        Future<Optional<TlsInspection>> tls = planned(plan, new TlsProbe(vertx), scope, deadline)
                .map(o -> o.flatMap(x -> x));

        return Future.all(page, upgrade, tls).compose(all -> {
            ProbeScope after = scope.after(page.result());
            Future<Optional<HttpExchange>> cors = planned(plan, new CorsProbe(http), after, deadline);
            Future<Optional<ExposureEvidence>> exposure = cors.compose(x -> planned(plan,
                    new ExposureProbe(vertx, trust, ExposureSettings.defaults()), after, deadline));
            Future<Optional<BrowserEvidence>> browser = exposure.compose(x -> planned(plan,
                    new BrowserProbe(vertx), after, deadline)).map(o -> o.flatMap(x -> x));
            Future<Optional<RateLimitEvidence>> rateLimit = browser.compose(x -> planned(plan,
                    new RateLimitProbe(vertx, trust), after, deadline)).map(o -> o.flatMap(x -> x));
            Future<Optional<LoadEvidence>> load = rateLimit.compose(x -> planned(plan,
                    new LoadRunProbe(vertx, http), after, deadline)).map(o -> o.flatMap(x -> x));
            return load.map(loaded -> new SiteEvidence(target, startedAt,
                    Duration.ofNanos(System.nanoTime() - started), page.result(), upgrade.result(),
                    cors.result(), tls.result(), exposure.result(), rateLimit.result(), loaded, browser.result()));
        }).recover(error -> Future.succeededFuture(unexpected(target, startedAt, started, error)))
                .eventually(() -> http.close().otherwiseEmpty());
    }

    /** The prober's evidence when the plan sends its kind; empty (nothing sent) otherwise. */
    private static <E> Future<Optional<E>> planned(RunPlan plan, Prober<E> prober, ProbeScope scope,
                                                   Deadline deadline) {
        return plan.sends(prober.kind()) ? prober.probe(scope, deadline).map(Optional::of)
                : Future.succeededFuture(Optional.empty());
    }

    /** Keeps the never-fails promise even if a bug throws: the run becomes evidence of an internal error. */
    private static SiteEvidence unexpected(URI target, Instant startedAt, long started, Throwable error) {
        HttpExchange failed = HttpExchange.failed(HttpRequestSpec.get(target), PhaseTimings.NONE,
                new ProbeFailure(FailureKind.IO, "internal error while probing: " + error));
        return new SiteEvidence(target, startedAt, Duration.ofNanos(System.nanoTime() - started),
                new RedirectChain(List.of(failed), RedirectOutcome.FAILED), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

}
