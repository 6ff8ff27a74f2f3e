package dev.vantage.probe.http;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeScope;
import dev.vantage.probe.Prober;
import io.vertx.core.Future;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The HTTPS upgrade: {@code http://host[:httpPort]/path?query} of an https target, redirects followed. Empty for a
 * plain-http target, whose page chain already is the plain-HTTP chain.
 */
public final class UpgradeProbe implements Prober<Optional<RedirectChain>> {

    private final RedirectProber redirects;

    public UpgradeProbe(HttpProber http) {
        this.redirects = new RedirectProber(http);
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.HTTP_UPGRADE;
    }

    @Override
    public Future<Optional<RedirectChain>> probe(ProbeScope scope, Deadline deadline) {
        return plainHttpUrl(scope.plan().target(), scope.options().httpPort())
                .map(url -> redirects.follow(HttpRequestSpec.get(url), deadline).map(Optional::of))
                .orElse(Future.succeededFuture(Optional.empty()));
    }

    /** {@code http://host[:httpPort]/path?query} for an https target (port 80 left implicit); empty otherwise. */
    public static Optional<URI> plainHttpUrl(URI target, int httpPort) {
        if (!"https".equalsIgnoreCase(target.getScheme())) {
            return Optional.empty();
        }
        try {
            int port = httpPort == 80 ? -1 : httpPort;
            String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
            String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
            String authority = target.getHost() + (port == -1 ? "" : ":" + port);
            return Optional.of(new URI("http://" + authority + path + query));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
