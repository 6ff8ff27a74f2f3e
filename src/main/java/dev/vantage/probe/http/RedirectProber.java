package dev.vantage.probe.http;

import dev.vantage.probe.AddressPolicy;
import dev.vantage.probe.Deadline;
import io.netty.util.NetUtil;
import io.vertx.core.Future;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Follows redirects hop by hop, itself, so every hop is evidence: relative Locations are resolved against the
 * current URL, only http and https are followed, a repeated URL ends the walk as a loop and the hop cap as too
 * many hops. A redirect answered from a public address is followed under the address policy's redirect rule
 * ({@link AddressPolicy#redirectRefusal}). Never fails its future.
 */
public final class RedirectProber {

    private final HttpProber http;
    private final int maxRedirects;
    private final Predicate<InetAddress> isPublic;

    public RedirectProber(HttpProber http) {
        this(http, AddressPolicy::isPublic);
    }

    /** With the test of which hop addresses count as public (tests make a loopback hop look public). */
    public RedirectProber(HttpProber http, Predicate<InetAddress> isPublic) {
        this.http = http;
        this.maxRedirects = http.options().maxRedirects();
        this.isPublic = isPublic;
    }

    public Future<RedirectChain> follow(HttpRequestSpec start, Deadline deadline) {
        Set<String> seen = new HashSet<>();
        seen.add(key(start.url()));
        return step(start, Optional.empty(), deadline, new ArrayList<>(), seen);
    }

    /** @param publicFrom the address of the public hop whose redirect led here, if it was public */
    private Future<RedirectChain> step(HttpRequestSpec request, Optional<InetAddress> publicFrom, Deadline deadline,
                                       List<HttpExchange> hops, Set<String> seen) {
        return http.exchange(request, deadline, publicFrom).compose(exchange -> {
            hops.add(exchange);
            if (exchange.failure().isPresent()) {
                return done(hops, RedirectOutcome.FAILED);
            }
            HttpResponseEvidence response = exchange.response().orElseThrow();
            if (!isRedirectStatus(response.status())) {
                return done(hops, RedirectOutcome.FINAL_RESPONSE);
            }
            Optional<URI> next = location(request.url(), response);
            if (next.isEmpty()) {
                return done(hops, RedirectOutcome.BAD_LOCATION);
            }
            if (!seen.add(key(next.get()))) {
                return done(hops, RedirectOutcome.LOOP);
            }
            if (hops.size() > maxRedirects) {
                return done(hops, RedirectOutcome.TOO_MANY_HOPS);
            }
            return step(request.withUrl(next.get()), publicAddress(exchange), deadline, hops, seen);
        });
    }

    private Optional<InetAddress> publicAddress(HttpExchange exchange) {
        return exchange.remoteAddress().map(NetUtil::createInetAddressFromIpAddressString).filter(isPublic);
    }

    private static Future<RedirectChain> done(List<HttpExchange> hops, RedirectOutcome outcome) {
        return Future.succeededFuture(new RedirectChain(hops, outcome));
    }

    /** 3xx statuses that redirect; 304 Not Modified and 300 without Location are answers, not redirects. */
    static boolean isRedirectStatus(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The absolute http(s) URL a redirect points to, or empty when missing, unparseable or another scheme. */
    static Optional<URI> location(URI current, HttpResponseEvidence response) {
        Optional<String> raw = response.headers().first("Location").map(String::trim).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI base = current.getRawPath() == null || current.getRawPath().isEmpty()
                    ? current.resolve("/") : current; // URI.resolve mishandles a base with an empty path
            URI next = base.resolve(new URI(raw.get()));
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(URI.create(stripFragment(next)));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String stripFragment(URI uri) {
        String s = uri.toString();
        int hash = s.indexOf('#');
        return hash < 0 ? s : s.substring(0, hash);
    }

    /** Loop detection compares URLs with scheme and host case-folded and the default port made explicit. */
    private static String key(URI url) {
        String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
        int port = url.getPort() == -1 ? HttpRequestWriter.defaultPort(scheme) : url.getPort();
        return scheme + "://" + String.valueOf(url.getHost()).toLowerCase(Locale.ROOT) + ":" + port
                + HttpRequestWriter.target(url);
    }
}
