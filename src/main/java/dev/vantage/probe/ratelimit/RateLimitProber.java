package dev.vantage.probe.ratelimit;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.http.HttpRequestSpec;
import dev.vantage.probe.ratelimit.RateLimitEvidence.Recovery;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Sends the opt-in rate-limit burst: requests at a fixed rate to one endpoint, stopping at the first throttling
 * signal or at the request/duration bound, then one follow-up after the advertised wait to see whether the limit
 * recovers. Never fails its future.
 *
 * <p>Bounds: at most {@code maxRequests + 1} requests; the burst stops sending after {@code maxDuration} and each
 * burst request must finish within {@code maxDuration} plus a grace of at most 5 s; the follow-up waits at most
 * {@code maxRecoveryWait} and then gets the prober's per-run timeout.
 */
public final class RateLimitProber {

    /** The wait before the follow-up when the server advertised none. */
    public static final Duration DEFAULT_RECOVERY_WAIT = Duration.ofSeconds(1);
    static final Duration MAX_GRACE = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final HttpProber http;
    private final LongSupplier clock;
    private final Function<Duration, Future<Void>> waiter;

    public RateLimitProber(Vertx vertx, HttpProber http) {
        this(vertx, http, System::nanoTime, pause -> vertx.timer(pause.toMillis()).mapEmpty());
    }

    /**
     * With the burst's nanosecond clock and the wait before the follow-up injected, so tests neither sleep
     * through a Retry-After nor measure elapsed time.
     */
    public RateLimitProber(Vertx vertx, HttpProber http, LongSupplier clock, Function<Duration, Future<Void>> wait) {
        this.vertx = vertx;
        this.http = http;
        this.clock = clock;
        this.waiter = wait;
    }

    /** The endpoint {@code settings.path()} on the origin of {@code page} (scheme, host and port kept). */
    public static URI endpoint(URI page, RateLimitSettings settings) {
        return URI.create(page.getScheme() + "://" + page.getRawAuthority() + settings.path());
    }

    /** Runs the burst against {@code settings.path()} on the origin of {@code page}. */
    public Future<RateLimitEvidence> probe(URI page, RateLimitSettings settings) {
        URI url = endpoint(page, settings);
        HttpRequestSpec spec = new HttpRequestSpec(settings.method(), url,
                settings.method().equals("POST") ? dev.vantage.probe.http.Headers.of("Content-Length", "0")
                        : dev.vantage.probe.http.Headers.EMPTY);
        Duration grace = http.options().timeout().compareTo(MAX_GRACE) < 0 ? http.options().timeout() : MAX_GRACE;
        Promise<RateLimitEvidence> burstDone = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v ->
                new Burst(vertx, http, spec, settings, grace, burstDone, clock).start());
        return burstDone.future().compose(this::followUp);
    }

    private Future<RateLimitEvidence> followUp(RateLimitEvidence burst) {
        if (burst.throttle().isEmpty()) {
            return Future.succeededFuture(burst);
        }
        RateLimitEvidence.ThrottleSignal signal = burst.throttle().get();
        Duration wait = ThrottleSignals.advertisedWait(signal.limitHeaders(), Instant.now())
                .orElse(DEFAULT_RECOVERY_WAIT);
        if (wait.compareTo(burst.settings().maxRecoveryWait()) > 0) {
            return Future.succeededFuture(withRecovery(burst, Optional.empty(), Optional.of("advertised wait of "
                    + wait.toSeconds() + " s exceeds max-recovery-wait " + burst.settings().maxRecoveryWait()
                    .toSeconds() + " s")));
        }
        // A little past the advertised instant, so a limiter counting whole seconds has really reset.
        Duration padded = wait.plusMillis(250);
        HttpRequestSpec spec = signal.exchange().request();
        return waiter.apply(padded)
                .compose(v -> http.exchange(spec, Deadline.in(http.options().timeout())))
                .map(exchange -> withRecovery(burst, Optional.of(new Recovery(padded, exchange,
                        recovered(exchange))), Optional.empty()))
                .otherwise(error -> withRecovery(burst, Optional.empty(),
                        Optional.of("follow-up could not be scheduled: " + error.getMessage())));
    }

    private static boolean recovered(HttpExchange exchange) {
        return exchange.answered() && ThrottleSignals.classify(exchange, true).isEmpty();
    }

    private static RateLimitEvidence withRecovery(RateLimitEvidence b, Optional<Recovery> recovery,
                                                  Optional<String> skipped) {
        return new RateLimitEvidence(b.settings(), b.url(), b.sent(), b.took(), b.statusCounts(), b.failures(),
                b.stop(), b.limitHeaders(), b.throttle(), recovery, skipped);
    }
}
