package dev.vantage.probe.http;

import dev.vantage.probe.AddressPolicy;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.target.Ipv4Forms;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the host of a URL into the address to connect to: ambiguous IPv4 forms ({@link Ipv4Forms}) refused, IP
 * literals as they are, then {@code --resolve} pins
 * (curl semantics, key {@code host:port}), then the system resolver on a worker thread. Every address the name
 * has is checked against the {@link AddressPolicy}, so a name that also points at a metadata address is refused.
 */
public final class TargetResolver {

    /** The address chosen, or the failure that stops the exchange before any connection. */
    public record Resolution(Optional<InetAddress> address, Optional<ProbeFailure> failure) {
        static Resolution of(InetAddress address) {
            return new Resolution(Optional.of(address), Optional.empty());
        }

        static Resolution failed(FailureKind kind, String message) {
            return new Resolution(Optional.empty(), Optional.of(new ProbeFailure(kind, message)));
        }
    }

    private final Vertx vertx;
    private final Map<String, String> pins;
    private final AddressPolicy policy;

    public TargetResolver(Vertx vertx, Map<String, String> pins, AddressPolicy policy) {
        this.vertx = vertx;
        this.pins = pins;
        this.policy = policy;
    }

    /** Never fails: an unknown name or a blocked address comes back as a failed resolution. */
    public Future<Resolution> resolve(String host, int port) {
        String bare = unbracket(host);
        Optional<String> ambiguous = Ipv4Forms.ambiguity(bare);
        if (ambiguous.isPresent()) {
            // Redirect Locations reach here without TargetUrl: refused, never read one way and checked another.
            return Future.succeededFuture(Resolution.failed(FailureKind.BLOCKED_ADDRESS,
                    "host " + ambiguous.get()));
        }
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(bare);
        if (literal != null) {
            return Future.succeededFuture(check(host, List.of(literal)));
        }
        String pin = pins.get(bare.toLowerCase(java.util.Locale.ROOT) + ":" + port);
        if (pin == null) {
            pin = pins.get(bare + ":" + port);
        }
        if (pin != null && Ipv4Forms.ambiguity(unbracket(pin)).isPresent()) {
            return Future.succeededFuture(Resolution.failed(FailureKind.BLOCKED_ADDRESS, "resolve pin for " + bare
                    + ":" + port + ": address " + Ipv4Forms.ambiguity(unbracket(pin)).get()));
        }
        if (pin != null) {
            InetAddress pinned = NetUtil.createInetAddressFromIpAddressString(unbracket(pin));
            if (pinned == null) {
                return Future.succeededFuture(Resolution.failed(FailureKind.DNS,
                        "resolve pin for " + bare + ":" + port + " is not an IP address: " + pin));
            }
            return Future.succeededFuture(check(host, List.of(pinned)));
        }
        return vertx.<List<InetAddress>>executeBlocking(() -> List.of(InetAddress.getAllByName(bare)), false)
                .map(addresses -> check(host, addresses))
                .otherwise(error -> Resolution.failed(FailureKind.DNS, error instanceof UnknownHostException
                        ? "cannot resolve " + bare : "cannot resolve " + bare + ": " + error.getMessage()));
    }

    private Resolution check(String host, List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                return Resolution.failed(FailureKind.BLOCKED_ADDRESS, host + " resolves to " + refusal.get());
            }
        }
        return Resolution.of(addresses.get(0));
    }

    public static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
