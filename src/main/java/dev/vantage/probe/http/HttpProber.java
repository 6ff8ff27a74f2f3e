package dev.vantage.probe.http;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.PhaseTimings;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.tls.HandshakeEngine;
import dev.vantage.probe.tls.TrustStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;

import java.net.InetAddress;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Makes single HTTP/1.1 exchanges and returns what happened as evidence, with per-phase timings, the TLS session
 * and the certificate verdict. It never follows redirects and never fails its future.
 *
 * <p>Connects through the {@link NetClient} its Vert.x instance shares for the engine ({@link ProbeClients}); whoever
 * creates the prober still calls {@link #close()}, which releases nothing today but keeps callers honest.
 */
public final class HttpProber {

    private final Vertx vertx;
    private final ProbeOptions options;
    private final TrustStores trust;
    private final NetClient client;
    private final LongSupplier clock;

    /** Loads the trust stores (reads files: call off the event loop). */
    public HttpProber(Vertx vertx, ProbeOptions options) {
        this(vertx, options, TrustStores.load(options.caFile()));
    }

    public HttpProber(Vertx vertx, ProbeOptions options, TrustStores trust) {
        this(vertx, options, trust, System::nanoTime);
    }

    /** With the nanosecond clock that times the phases (tests inject one). */
    public HttpProber(Vertx vertx, ProbeOptions options, TrustStores trust, LongSupplier clock) {
        this(vertx, options, trust, clock, HandshakeEngine.preferred());
    }

    /** With the TLS engine of its handshakes (tests compare the engines; everyone else takes the preferred one). */
    public HttpProber(Vertx vertx, ProbeOptions options, TrustStores trust, LongSupplier clock, HandshakeEngine engine) {
        this.vertx = vertx;
        this.clock = clock;
        this.options = options;
        this.trust = trust;
        this.client = ProbeClients.of(vertx, engine);
    }

    /** Sends {@code spec} and reads the answer, all within {@code deadline}; never fails. */
    public Future<HttpExchange> exchange(HttpRequestSpec spec, Deadline deadline) {
        return exchange(spec, deadline, Optional.empty());
    }

    /**
     * As {@link #exchange(HttpRequestSpec, Deadline)} for a redirect answered by {@code redirectedFrom}: the
     * address policy then also decides whether that redirect may lead where it resolves.
     */
    public Future<HttpExchange> exchange(HttpRequestSpec spec, Deadline deadline, Optional<InetAddress> redirectedFrom) {
        try {
            return new ExchangeRun(vertx, client, options, trust, spec, deadline, clock, redirectedFrom).start();
        } catch (RuntimeException e) {
            return Future.succeededFuture(HttpExchange.failed(spec, PhaseTimings.NONE,
                    new ProbeFailure(FailureKind.IO, "could not start the exchange: " + e.getMessage())));
        }
    }

    public ProbeOptions options() {
        return options;
    }

    /** Ends this prober's use of the shared client (which stays open for the other probers of the instance). */
    public Future<Void> close() {
        return Future.succeededFuture();
    }
}
