package dev.vantage.probe.load;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.ProbeScope;
import dev.vantage.probe.Prober;
import dev.vantage.probe.http.HttpProber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The opt-in load run against the final page's origin, last in a run (so it cannot disturb the other probes),
 * with its own bounds ({@link LoadProbe#budget}). With an ownership token in the load context (service mode)
 * nothing is sent until the origin has proven it serves that token. Empty unless configured and the page answered.
 */
public final class LoadRunProbe implements Prober<Optional<LoadEvidence>> {

    private final Vertx vertx;
    private final HttpProber http;

    public LoadRunProbe(Vertx vertx, HttpProber http) {
        this.vertx = vertx;
        this.http = http;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.LOAD;
    }

    @Override
    public Future<Optional<LoadEvidence>> probe(ProbeScope scope, Deadline deadline) {
        ProbeOptions options = scope.options();
        if (options.load().isEmpty() || !scope.pageAnswered()) {
            return Future.succeededFuture(Optional.empty());
        }
        LoadSettings settings = options.load().get();
        LoadContext context = options.loadContext();
        URI url = scope.url();
        Duration budget = LoadProbe.budget(settings);
        Future<LoadEvidence> run = context.ownershipToken().isPresent()
                ? LoadProbe.runVerified(vertx, http, url, settings, budget, context.ownershipToken().get())
                : LoadProbe.run(vertx, url, settings, budget, options);
        return run.map(Optional::of);
    }
}
