package dev.vantage.probe.tls;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.ProbeFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Finds, with hand-built hellos, which protocols a server accepts and which suites for each: offer a bundle of up
 * to {@code bundleSize} suites, note the one chosen, remove it and repeat until the server refuses (as sslscan and
 * testssl.sh do). Bundles run concurrently under the per-target cap; every exchange is bounded by the handshake
 * timeout and the total deadline.
 */
final class TlsEnumerator {

    private final Vertx vertx;
    private final NetClient client;
    private final String host;
    private final int port;
    private final String sni;
    private final TlsInspectionOptions options;
    private final Deadline deadline;
    private final ConcurrencyLimiter limiter;

    TlsEnumerator(Vertx vertx, NetClient client, String host, int port, TlsInspectionOptions options,
                  Deadline deadline) {
        this.vertx = vertx;
        this.client = client;
        this.host = host;
        this.port = port;
        this.sni = options.serverName().orElse(host);
        this.options = options;
        this.deadline = deadline;
        this.limiter = new ConcurrencyLimiter(options.concurrency());
    }

    /** Sends one hello for {@code protocol} offering {@code codes}; customise it with {@code tweak}. */
    Future<ServerReply> hello(TlsProtocol protocol, List<Integer> codes, UnaryOperator<ClientHelloBuilder> tweak) {
        return limiter.submit(() -> {
            if (deadline.passed()) {
                return Future.succeededFuture(new ServerReply.Failed(
                        new ProbeFailure(FailureKind.TIMEOUT, "total deadline reached before this handshake")));
            }
            ClientHelloBuilder b = new ClientHelloBuilder().protocol(protocol).suites(codes).serverName(sni)
                    .renegotiationScsv(protocol == TlsProtocol.SSL_3);
            long timeout = Math.min(options.handshakeTimeout().toMillis(), deadline.remainingMillis());
            return RawHandshake.exchange(vertx, client, host, port, tweak.apply(b).build(), timeout);
        });
    }

    /** The scan of one protocol; never fails. */
    Future<ProtocolScan> scan(TlsProtocol protocol) {
        List<Integer> candidates = CipherSuites.offerableFor(protocol);
        if (protocol == TlsProtocol.SSL_2) {
            return hello(protocol, candidates, b -> b).map(r -> sslv2(r));
        }
        List<Future<Drain>> drains = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i += options.bundleSize()) {
            drains.add(drain(protocol, candidates.subList(i, Math.min(candidates.size(), i + options.bundleSize())),
                    new Drain()));
        }
        return Future.join(drains).transform(ar -> {
            Drain all = new Drain();
            int bundlesWithPicks = 0;
            for (Future<Drain> f : drains) {
                Drain d = f.result();
                bundlesWithPicks += d.picks.isEmpty() ? 0 : 1;
                all.merge(d);
            }
            if (all.picks.size() < 2) {
                return Future.succeededFuture(all.toScan(protocol, Optional.empty()));
            }
            Future<Drain> ordered = bundlesWithPicks > 1
                    ? drain(protocol, new ArrayList<>(all.picks.keySet()), new Drain()).map(d -> d.keepKx(all))
                    : Future.succeededFuture(all);
            return ordered.compose(d -> preference(protocol, d).map(pref -> d.toScan(protocol, pref)));
        }).otherwise(e -> new ProtocolScan(new ProtocolSupport(protocol, false, List.of(), Optional.empty(),
                Optional.of("scan failed: " + e.getMessage())), Optional.empty()));
    }

    /** Offers {@code remaining}, records the pick, removes it and repeats until the server declines. */
    private Future<Drain> drain(TlsProtocol protocol, List<Integer> remaining, Drain acc) {
        if (remaining.isEmpty()) {
            return Future.succeededFuture(acc);
        }
        return hello(protocol, remaining, b -> b).compose(reply -> {
            if (reply instanceof ServerReply.Hello h && h.version() == protocol.wireVersion()
                    && remaining.contains(h.cipherSuite())) {
                acc.add(h);
                List<Integer> rest = new ArrayList<>(remaining);
                rest.remove(Integer.valueOf(h.cipherSuite()));
                return drain(protocol, rest, acc);
            }
            acc.stop(reply);
            return Future.succeededFuture(acc);
        });
    }

    /** Offers the accepted suites in reverse of the discovered order: a server with its own order still picks the first. */
    private Future<Optional<Boolean>> preference(TlsProtocol protocol, Drain d) {
        List<Integer> order = new ArrayList<>(d.picks.keySet());
        List<Integer> reversed = new ArrayList<>(order);
        Collections.reverse(reversed);
        return hello(protocol, reversed, b -> b).map(r -> r instanceof ServerReply.Hello h
                ? Optional.of(h.cipherSuite() == order.get(0)) : Optional.<Boolean>empty());
    }

    private ProtocolScan sslv2(ServerReply r) {
        if (r instanceof ServerReply.Sslv2Hello h && !h.cipherSpecs().isEmpty()) {
            List<AcceptedSuite> suites = h.cipherSpecs().stream().map(c -> AcceptedSuite.of(c, Optional.empty())).toList();
            return new ProtocolScan(new ProtocolSupport(TlsProtocol.SSL_2, true, suites, Optional.empty(),
                    Optional.empty()), Optional.empty());
        }
        return new ProtocolScan(new ProtocolSupport(TlsProtocol.SSL_2, false, List.of(), Optional.empty(),
                Optional.of(describe(r))), Optional.empty());
    }

    static String describe(ServerReply r) {
        if (r instanceof ServerReply.Alert a) {
            return "refused with " + a.describe();
        } else if (r instanceof ServerReply.Failed f) {
            return f.failure().describe();
        } else if (r instanceof ServerReply.NotTls n) {
            return "not TLS: " + n.reason();
        } else if (r instanceof ServerReply.Hello h) {
            return "server answered " + h.protocol().map(TlsProtocol::label).orElse("version 0x" + Integer.toHexString(h.version()));
        }
        return "no answer";
    }

    /** One protocol's result plus the first ServerHello seen (for renegotiation/stapling facts). */
    record ProtocolScan(ProtocolSupport support, Optional<ServerReply.Hello> firstHello) {
    }

    /** Mutable accumulator of one drain; used by one chain of futures at a time. */
    private static final class Drain {
        final Map<Integer, Optional<KeyExchangeStrength>> picks = new LinkedHashMap<>();
        ServerReply.Hello first;
        String stopReason;

        void add(ServerReply.Hello h) {
            if (first == null) {
                first = h;
            }
            Optional<KeyExchangeStrength> kx = h.keyShareGroup().isPresent()
                    ? Optional.of(KeyExchangeStrength.ofGroup(h.keyShareGroup().getAsInt()))
                    : h.kxGroup().isPresent() ? Optional.of(KeyExchangeStrength.ofGroup(h.kxGroup().getAsInt()))
                    : h.dhPrimeBits().isPresent() ? Optional.of(KeyExchangeStrength.ofDhPrime(h.dhPrimeBits().getAsInt()))
                    : Optional.empty();
            picks.put(h.cipherSuite(), kx);
        }

        void stop(ServerReply reply) {
            stopReason = describe(reply);
        }

        void merge(Drain other) {
            other.picks.forEach(picks::putIfAbsent);
            if (first == null) {
                first = other.first;
            }
            if (stopReason == null || picks.isEmpty() && other.stopReason != null) {
                stopReason = other.stopReason;
            }
        }

        Drain keepKx(Drain from) {
            picks.replaceAll((code, kx) -> kx.isPresent() ? kx : from.picks.getOrDefault(code, Optional.empty()));
            from.picks.keySet().forEach(code -> picks.putIfAbsent(code, from.picks.get(code)));
            first = from.first;
            return this;
        }

        ProtocolScan toScan(TlsProtocol protocol, Optional<Boolean> preference) {
            List<AcceptedSuite> suites = new ArrayList<>();
            picks.forEach((code, kx) -> suites.add(AcceptedSuite.of(code, kx)));
            return new ProtocolScan(new ProtocolSupport(protocol, !suites.isEmpty(), suites, preference,
                    suites.isEmpty() ? Optional.ofNullable(stopReason) : Optional.empty()), Optional.ofNullable(first));
        }
    }
}
