package dev.vantage.probe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;

class SiteProberContractTest extends ProberContract {

    @Override
    protected Future<Outcome> probe(Vertx vertx, ProbeOptions options, URI url) {
        return new SiteProber(vertx, options).probe(url).map(evidence -> new Outcome(
                evidence.finalPage().failure(), evidence.finalPage().timings(), evidence.finalPage().answered()));
    }
}
