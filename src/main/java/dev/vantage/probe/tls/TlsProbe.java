package dev.vantage.probe.tls;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.ProbeScope;
import dev.vantage.probe.Prober;
import dev.vantage.probe.http.TargetResolver;
import dev.vantage.target.TargetUrl;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Protocol, suite and certificate inspection of an https target, bound by the run's deadline. The address is
 * resolved (pins, policy) exactly as the HTTP prober does, so the inspector never reaches an address the policy
 * forbids; a name that does not resolve leaves the inspection absent (the page exchange already says why).
 */
public final class TlsProbe implements Prober<Optional<TlsInspection>> {

    /** Bound on one TLS handshake of the inspection (the inspection as a whole gets the run's deadline). */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

    private final Vertx vertx;

    public TlsProbe(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.TLS_INSPECTION;
    }

    @Override
    public Future<Optional<TlsInspection>> probe(ProbeScope scope, Deadline deadline) {
        URI target = scope.plan().target();
        ProbeOptions options = scope.options();
        if (!"https".equalsIgnoreCase(target.getScheme())) {
            return Future.succeededFuture(Optional.empty());
        }
        int port = TargetUrl.effectivePort(target);
        String host = TargetResolver.unbracket(target.getHost());
        return new TargetResolver(vertx, options.resolve(), options.addressPolicy()).resolve(target.getHost(), port)
                .compose(resolution -> resolution.address().map(address -> {
                    Duration total = deadline.remaining();
                    Duration perHandshake = total.compareTo(HANDSHAKE_TIMEOUT) < 0 ? total : HANDSHAKE_TIMEOUT;
                    TlsInspectionOptions tlsOptions = TlsInspectionOptions.defaults().withTimeouts(perHandshake, total);
                    if (NetUtil.createInetAddressFromIpAddressString(host) == null) {
                        tlsOptions = tlsOptions.withServerName(host);
                    }
                    if (options.caFile().isPresent()) {
                        tlsOptions = tlsOptions.withCaFile(options.caFile().get());
                    }
                    return TlsInspector.inspect(vertx, address.getHostAddress(), port, tlsOptions).map(Optional::of);
                }).orElse(Future.succeededFuture(Optional.empty())))
                .otherwise(Optional.empty());
    }
}
