package dev.vantage.probe.http;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeScope;
import dev.vantage.probe.Prober;
import io.vertx.core.Future;

/** The page: a GET of the target with redirects followed (every hop timed by phase). */
public final class PageProbe implements Prober<RedirectChain> {

    private final RedirectProber redirects;

    public PageProbe(HttpProber http) {
        this.redirects = new RedirectProber(http);
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.PAGE;
    }

    @Override
    public Future<RedirectChain> probe(ProbeScope scope, Deadline deadline) {
        return redirects.follow(HttpRequestSpec.get(scope.plan().target()), deadline);
    }
}
