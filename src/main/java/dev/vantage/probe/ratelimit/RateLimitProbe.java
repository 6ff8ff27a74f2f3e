package dev.vantage.probe.ratelimit;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeScope;
import dev.vantage.probe.Prober;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.tls.TrustStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Optional;

/**
 * The opt-in burst, on the final page's origin, with its own bounds (its duration and recovery wait are configured
 * separately from the run deadline). Empty unless configured, and when the page was not reached.
 */
public final class RateLimitProbe implements Prober<Optional<RateLimitEvidence>> {

    /** Bodies of burst answers are only searched for limit signals: a small cap keeps 500 answers cheap. */
    static final long BODY_BYTES = 16 * 1024;

    private final Vertx vertx;
    private final TrustStores trust;

    public RateLimitProbe(Vertx vertx, TrustStores trust) {
        this.vertx = vertx;
        this.trust = trust;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.RATE_LIMIT;
    }

    @Override
    public Future<Optional<RateLimitEvidence>> probe(ProbeScope scope, Deadline deadline) {
        if (scope.options().rateLimit().isEmpty() || !scope.pageAnswered()) {
            return Future.succeededFuture(Optional.empty());
        }
        HttpProber burstHttp = new HttpProber(vertx, scope.options().withMaxBodyBytes(
                Math.min(scope.options().maxBodyBytes(), BODY_BYTES)), trust);
        return new RateLimitProber(vertx, burstHttp).probe(scope.url(), scope.options().rateLimit().get())
                .map(Optional::of)
                .eventually(burstHttp::close);
    }
}
