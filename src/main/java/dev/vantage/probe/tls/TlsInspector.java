package dev.vantage.probe.tls;

import dev.vantage.probe.Deadline;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Inspects one TLS server: protocol and suite enumeration with hand-built hellos, the certificate through one JDK
 * handshake, then compression, renegotiation and fallback-SCSV probes. The returned future never fails.
 */
public final class TlsInspector {

    private TlsInspector() {
    }

    public static Future<TlsInspection> inspect(Vertx vertx, String host, int port, TlsInspectionOptions options) {
        Context context = vertx.getOrCreateContext();
        Promise<TlsInspection> promise = Promise.promise();
        // one context for the whole run: the enumerator's accumulators are then never touched by two threads at once
        context.runOnContext(v -> run(vertx, host, port, options).onComplete(promise));
        return promise.future();
    }

    private static Future<TlsInspection> run(Vertx vertx, String host, int port, TlsInspectionOptions options) {
        long start = System.nanoTime();
        Instant observedAt = Instant.now();
        Deadline deadline = Deadline.in(options.deadline());
        String name = options.serverName().orElse(host);
        NetClient client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) options.handshakeTimeout().toMillis()));
        TlsEnumerator enumerator = new TlsEnumerator(vertx, client, host, port, options, deadline);
        List<Future<TlsEnumerator.ProtocolScan>> scans = new ArrayList<>();
        for (TlsProtocol p : TlsProtocol.values()) {
            if (options.protocols().contains(p)) {
                scans.add(enumerator.scan(p));
            }
        }
        Future<CertificateFacts> cert = CertificateInspector.inspect(vertx, host, port, name, options,
                Math.min(options.handshakeTimeout().toMillis(), deadline.remainingMillis()));
        return Future.join(scans).transform(x -> {
            List<TlsEnumerator.ProtocolScan> done = scans.stream().map(Future::result).toList();
            return new Extras(enumerator, done).run().compose(extras -> cert.map(jdkFacts -> {
                CertificateFacts facts = jdkFacts.available() ? jdkFacts : done.stream()
                        .flatMap(s -> s.firstHello().stream())
                        .flatMap(h -> CertificateInspector.fromRawHello(name, options, h).stream())
                        .findFirst().orElse(jdkFacts);
                List<String> errors = new ArrayList<>(extras.errors);
                if (done.stream().noneMatch(s -> s.support().accepted())) {
                    errors.add("no protocol accepted: " + done.stream().map(s -> s.support().protocol().label() + " "
                            + s.support().note().orElse("rejected")).reduce((a, b) -> a + "; " + b).orElse("none probed"));
                }
                jdkFacts.error().ifPresent(e -> errors.add(facts.available()
                        ? e + " (certificate read from a hand-built handshake instead)" : e));
                if (deadline.passed()) {
                    errors.add("total deadline of " + options.deadline().toMillis() + " ms reached; results may be partial");
                }
                return new TlsInspection(host, port, observedAt, done.stream().map(TlsEnumerator.ProtocolScan::support).toList(),
                        facts, extras.compression, extras.renegotiation, extras.fallback, extras.statusRequest,
                        extras.alpnHttp11.or(() -> facts.alpn().filter("http/1.1"::equals).map(a -> true)),
                        Duration.ofNanos(System.nanoTime() - start), errors);
            }));
        }).recover(e -> Future.succeededFuture(new TlsInspection(host, port, observedAt, List.of(),
                CertificateFacts.failed(name, "inspection failed"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofNanos(System.nanoTime() - start),
                List.of("internal error during TLS inspection: " + e)))).eventually(() -> client.close());
    }

    /** The probes that need the protocol results: compression, secure renegotiation, fallback SCSV. */
    private static final class Extras {
        final TlsEnumerator enumerator;
        final List<TlsEnumerator.ProtocolScan> scans;
        final List<String> errors = new ArrayList<>();
        Optional<Boolean> compression = Optional.empty();
        Optional<Boolean> renegotiation = Optional.empty();
        Optional<Boolean> fallback = Optional.empty();
        Optional<Boolean> statusRequest = Optional.empty();
        Optional<Boolean> alpnHttp11 = Optional.empty();

        Extras(TlsEnumerator enumerator, List<TlsEnumerator.ProtocolScan> scans) {
            this.enumerator = enumerator;
            this.scans = scans;
        }

        Future<Extras> run() {
            List<TlsEnumerator.ProtocolScan> legacy = scans.stream().filter(s -> s.support().accepted()
                    && s.support().protocol() != TlsProtocol.SSL_2 && s.support().protocol() != TlsProtocol.TLS_1_3).toList();
            List<TlsEnumerator.ProtocolScan> modern = scans.stream().filter(s -> s.support().accepted()
                    && s.support().protocol() != TlsProtocol.SSL_2).toList();
            if (legacy.isEmpty()) {
                return fallbackProbe(modern).map(this);
            }
            TlsEnumerator.ProtocolScan best = legacy.get(legacy.size() - 1);
            best.firstHello().ifPresent(h -> {
                renegotiation = Optional.of(h.secureRenegotiation());
                statusRequest = Optional.of(h.statusRequest());
            });
            List<Integer> codes = best.support().suites().stream().map(AcceptedSuite::code).toList();
            Future<ServerReply> deflate = enumerator.hello(best.support().protocol(), codes, b -> b.offerDeflate(true));
            return deflate.compose(r -> {
                if (r instanceof ServerReply.Hello h) {
                    compression = Optional.of(h.compression() != 0);
                } else {
                    errors.add("compression probe: " + TlsEnumerator.describe(r));
                }
                return enumerator.hello(best.support().protocol(), codes, b -> b.alpn(List.of("http/1.1")));
            }).compose(r -> {
                if (r instanceof ServerReply.Hello h) {
                    alpnHttp11 = Optional.of(h.alpn().filter("http/1.1"::equals).isPresent());
                }
                return fallbackProbe(modern);
            }).map(this);
        }

        /** A hello one version below the best, flagged as a fallback: a protected server answers alert 86. */
        private Future<Void> fallbackProbe(List<TlsEnumerator.ProtocolScan> accepted) {
            if (accepted.size() < 2) {
                return Future.succeededFuture();
            }
            TlsEnumerator.ProtocolScan lower = accepted.get(accepted.size() - 2);
            List<Integer> codes = lower.support().suites().stream().map(AcceptedSuite::code).toList();
            return enumerator.hello(lower.support().protocol(), codes, b -> b.fallbackScsv(true)).map(r -> {
                if (r instanceof ServerReply.Alert a) {
                    fallback = Optional.of(a.description() == 86);
                } else if (r instanceof ServerReply.Hello) {
                    fallback = Optional.of(false);
                } else {
                    errors.add("fallback SCSV probe: " + TlsEnumerator.describe(r));
                }
                return null;
            });
        }
    }
}
