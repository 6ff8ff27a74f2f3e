package dev.vantage.probe.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;

/**
 * Runs one load run against an already resolved and allowed {@link LoadTarget}. No ownership check and no
 * concurrency cap here: callers go through {@link LoadProbe}, except the loopback benchmark. Never fails.
 */
public final class LoadRunner {

    private LoadRunner() {
    }

    /** Sends the run; {@code deadline} bounds the whole run, answers included. */
    public static Future<LoadEvidence> run(Vertx vertx, LoadTarget target, LoadSettings settings, Duration deadline) {
        try {
            return new LoadRun(vertx, target, settings).start(deadline)
                    .recover(error -> Future.succeededFuture(LoadEvidence.refused(target.origin(), settings,
                            "internal error during the load run: " + error)));
        } catch (RuntimeException e) {
            return Future.succeededFuture(LoadEvidence.refused(target.origin(), settings,
                    "could not start the load run: " + e.getMessage()));
        }
    }
}
