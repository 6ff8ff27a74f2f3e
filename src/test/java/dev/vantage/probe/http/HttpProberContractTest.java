package dev.vantage.probe.http;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.ProberContract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;

class HttpProberContractTest extends ProberContract {

    @Override
    protected Future<Outcome> probe(Vertx vertx, ProbeOptions options, URI url) {
        HttpProber prober = new HttpProber(vertx, options);
        return prober.exchange(HttpRequestSpec.get(url), Deadline.in(options.timeout()))
                .map(e -> new Outcome(e.failure(), e.timings(), e.answered()))
                .eventually(prober::close);
    }
}
