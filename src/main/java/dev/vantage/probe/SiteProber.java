package dev.vantage.probe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;

/**
 * Runs every probe of one site run and gathers the evidence: the page (redirects followed), the plain-HTTP
 * upgrade chain, and the CORS probe. The returned future never fails: failures are evidence.
 */
public final class SiteProber {

    private final Vertx vertx;
    private final ProbeOptions options;

    public SiteProber(Vertx vertx, ProbeOptions options) {
        this.vertx = vertx;
        this.options = options;
    }

    public Future<SiteEvidence> probe(URI target) {
        throw new UnsupportedOperationException("implemented in the probe branch");
    }
}
