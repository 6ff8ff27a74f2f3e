package dev.vantage.probe.http;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.ProberContract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;

class RedirectProberContractTest extends ProberContract {

    @Override
    protected Future<Outcome> probe(Vertx vertx, ProbeOptions options, URI url) {
        HttpProber prober = new HttpProber(vertx, options);
        return new RedirectProber(prober).follow(HttpRequestSpec.get(url), Deadline.in(options.timeout()))
                .map(chain -> new Outcome(chain.last().failure(), chain.last().timings(), chain.last().answered()))
                .eventually(prober::close);
    }
}
