package dev.vantage.probe.load;

import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.http.TargetResolver;
import dev.vantage.target.TargetUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The entry point of the opt-in load run: resolves the target under the address policy, enforces the global caps
 * (at most {@value #HARD_MAX_CONCURRENT_RUNS} runs at once in this JVM, a total deadline of at most 90 s,
 * closed-loop mode on loopback only) and, in {@link #runVerified}, ownership. The future never fails: a refusal
 * is evidence with outcome {@link LoadEvidence.Outcome#REFUSED} and a message saying why.
 */
public final class LoadProbe {

    public static final String USER_AGENT = "Vantage-load/" + dev.vantage.Version.current()
            + " (+opt-in load run; owner-verified)";
    public static final int HARD_MAX_CONCURRENT_RUNS = 2;
    public static final Duration HARD_MAX_DEADLINE = Duration.ofSeconds(90);

    private static final AtomicInteger RUNNING = new AtomicInteger();

    private LoadProbe() {
    }

    /**
     * The total time a run of {@code settings} may take: warm-up plus duration plus one request timeout (for the
     * last answers) plus 5 s for connection set-up; never above {@link #HARD_MAX_DEADLINE}. Callers waiting for a
     * probe that includes a load run extend their own bound by this (plus {@link Ownership#MAX_VERIFY} when the
     * run is verified first).
     */
    public static Duration budget(LoadSettings settings) {
        Duration budget = settings.warmup().plus(settings.duration()).plus(settings.requestTimeout()).plusSeconds(5);
        return budget.compareTo(HARD_MAX_DEADLINE) > 0 ? HARD_MAX_DEADLINE : budget;
    }

    /**
     * Verifies ownership with {@code token} (the well-known file, then the DNS TXT record through the system
     * resolver; see {@link Ownership}) and only then runs the load.
     */
    public static Future<LoadEvidence> runVerified(Vertx vertx, HttpProber http, URI target, LoadSettings settings,
                                                   Duration deadline, String token) {
        return Ownership.verify(vertx, http, target, token).compose(v -> v.verified()
                ? run(vertx, target, settings, deadline, http.options()).map(e -> e.withVerifiedBy(v.method()))
                : Future.succeededFuture(LoadEvidence.refused(origin(target), settings, v.message())));
    }

    /** Runs the load with the default probe options (loopback and private addresses allowed, as in the CLI). */
    public static Future<LoadEvidence> run(Vertx vertx, URI target, LoadSettings settings, Duration deadline) {
        return run(vertx, target, settings, deadline, ProbeOptions.defaults());
    }

    /**
     * Runs the load without an ownership check (the caller has done it): resolve pins, address policy and CA
     * file come from {@code options}. {@code deadline} bounds the whole run and is capped at 90 s.
     */
    public static Future<LoadEvidence> run(Vertx vertx, URI target, LoadSettings settings, Duration deadline,
                                           ProbeOptions options) {
        if (target == null || target.getHost() == null
                || !("http".equalsIgnoreCase(target.getScheme()) || "https".equalsIgnoreCase(target.getScheme()))) {
            return Future.succeededFuture(LoadEvidence.refused(target, settings, "load target " + target
                    + " must be an absolute http or https URL"));
        }
        URI origin = origin(target);
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            return Future.succeededFuture(LoadEvidence.refused(origin, settings, "load deadline " + deadline
                    + " must be above 0"));
        }
        Duration bounded = deadline.compareTo(HARD_MAX_DEADLINE) > 0 ? HARD_MAX_DEADLINE : deadline;
        if (RUNNING.incrementAndGet() > HARD_MAX_CONCURRENT_RUNS) {
            RUNNING.decrementAndGet();
            return Future.succeededFuture(LoadEvidence.refused(origin, settings, "load run refused: "
                    + HARD_MAX_CONCURRENT_RUNS + " load runs are already in progress (global cap)"));
        }
        int port = TargetUrl.effectivePort(target);
        return new TargetResolver(vertx, options.resolve(), options.addressPolicy()).resolve(target.getHost(), port)
                .compose(resolution -> {
                    if (resolution.address().isEmpty()) {
                        return Future.succeededFuture(LoadEvidence.refused(origin, settings, "load run refused: "
                                + resolution.failure().map(f -> f.describe()).orElse("address not resolved")));
                    }
                    InetAddress address = resolution.address().get();
                    if (settings.mode() == LoadSettings.Mode.CLOSED && !address.isLoopbackAddress()) {
                        return Future.succeededFuture(LoadEvidence.refused(origin, settings, "closed-loop (max "
                                + "throughput) mode is for benchmarks against loopback only, not " + address
                                .getHostAddress()));
                    }
                    return LoadRunner.run(vertx, new LoadTarget(origin, address.getHostAddress(), options.caFile()),
                            settings, bounded);
                })
                .recover(error -> Future.succeededFuture(LoadEvidence.refused(origin, settings,
                        "internal error before the load run: " + error)))
                .eventually(() -> {
                    RUNNING.decrementAndGet();
                    return Future.succeededFuture();
                });
    }

    /** {@code scheme://authority} of the target: the load paths are relative to it. */
    public static URI origin(URI target) {
        return URI.create(target.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + target.getRawAuthority());
    }
}
