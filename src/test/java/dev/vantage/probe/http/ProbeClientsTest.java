package dev.vantage.probe.http;

import dev.vantage.probe.tls.HandshakeEngine;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Guards the leak of eclipse-vertx/vert.x#6311: a prober per run must not mean a NetClient per run (issue 10). */
class ProbeClientsTest {

    @Test
    void probersOfOneVertxShareOneClientPerEngineUntilItCloses() {
        Vertx vertx = Vertx.vertx();
        NetClient boring;
        try {
            boring = ProbeClients.of(vertx, HandshakeEngine.BORINGSSL);
            assertThat(ProbeClients.of(vertx, HandshakeEngine.BORINGSSL)).isSameAs(boring);
            assertThat(ProbeClients.of(vertx, HandshakeEngine.JDK)).isNotSameAs(boring);
        } finally {
            vertx.close().await();
        }
        Vertx next = Vertx.vertx();
        try {
            assertThat(ProbeClients.of(next, HandshakeEngine.BORINGSSL)).isNotSameAs(boring);
        } finally {
            next.close().await();
        }
    }
}
