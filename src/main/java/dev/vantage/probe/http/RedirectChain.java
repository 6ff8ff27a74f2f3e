package dev.vantage.probe.http;

import java.util.List;

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
}
