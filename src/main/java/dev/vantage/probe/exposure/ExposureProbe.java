package dev.vantage.probe.exposure;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeScope;
import dev.vantage.probe.Prober;
import dev.vantage.probe.tls.TrustStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Sensitive paths, served scripts, error handling, TRACE, security.txt and health endpoint, bounded in requests
 * ({@link ExposureSettings#requestBudget()}); starts from the page chain of the scope (its scripts, its origin).
 */
public final class ExposureProbe implements Prober<ExposureEvidence> {

    private final Vertx vertx;
    private final TrustStores trust;
    private final ExposureSettings settings;

    public ExposureProbe(Vertx vertx, TrustStores trust, ExposureSettings settings) {
        this.vertx = vertx;
        this.trust = trust;
        this.settings = settings;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.EXPOSURE;
    }

    /** @throws IllegalArgumentException for a scope without a page: exposure starts where the page ended */
    @Override
    public Future<ExposureEvidence> probe(ProbeScope scope, Deadline deadline) {
        return new ExposureProber(vertx, scope.options(), trust, settings).probe(scope.page().orElseThrow(
                () -> new IllegalArgumentException("the exposure probe needs the page chain")), deadline);
    }
}
