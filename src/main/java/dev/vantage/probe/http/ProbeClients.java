package dev.vantage.probe.http;

import dev.vantage.probe.tls.HandshakeEngine;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The one {@link NetClient} per Vert.x instance and TLS engine that every {@link HttpProber} connects through. Why
 * not one per prober: Vert.x 5.1.6 keeps every client it ever created reachable after {@code close()}
 * (eclipse-vertx/vert.x#6311, fixed after 5.1.6), and a prober is built per run, so a node leaked a client with its
 * SSL contexts and metrics on every pulse (8,000 of them after four minutes at 3,000 targets, docs/scale.md). The
 * client holds no per-exchange state: each exchange sets its own connect timeout and its own TLS options, so every
 * handshake still gets a fresh SSL context. It is forgotten when its Vert.x instance closes (which closes it).
 */
final class ProbeClients {

    private static final Map<Vertx, Map<HandshakeEngine, NetClient>> CLIENTS = new HashMap<>();

    private ProbeClients() {
    }

    static synchronized NetClient of(Vertx vertx, HandshakeEngine engine) {
        Map<HandshakeEngine, NetClient> clients = CLIENTS.get(vertx);
        if (clients == null) {
            clients = new EnumMap<>(HandshakeEngine.class);
            CLIENTS.put(vertx, clients);
            ((VertxInternal) vertx).addCloseHook(completion -> {
                forget(vertx);
                completion.succeed();
            });
        }
        return clients.computeIfAbsent(engine, e -> vertx.createNetClient(new NetClientOptions()
                .setTcpNoDelay(true)
                .setSslEngineOptions(e.options())));
    }

    private static synchronized void forget(Vertx vertx) {
        CLIENTS.remove(vertx);
    }
}
