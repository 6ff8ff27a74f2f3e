package dev.vantage.probe.http;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Every exchange made while following redirects from one start URL, in order, and how the walk ended. */
public record RedirectChain(List<HttpExchange> hops, RedirectOutcome outcome) {

    public RedirectChain {
        if (hops.isEmpty()) {
            throw new IllegalArgumentException("a redirect chain has at least its first exchange");
        }
        hops = List.copyOf(hops);
    }

    public HttpExchange first() {
        return hops.get(0);
    }

    public HttpExchange last() {
        return hops.get(hops.size() - 1);
    }

    /** Number of redirects followed (blackbox_exporter's probe_http_redirects). */
    public int redirects() {
        return hops.size() - 1;
    }

    /**
     * Where the last hop redirects to (resolved against its URL), not followed: the URL that came back for a
     * {@link RedirectOutcome#LOOP}, the next hop for {@link RedirectOutcome#TOO_MANY_HOPS}; empty otherwise.
     */
    public Optional<URI> next() {
        HttpExchange last = last();
        return last.response().filter(r -> RedirectProber.isRedirectStatus(r.status()))
                .flatMap(r -> RedirectProber.location(last.request().url(), r));
    }
}
