package dev.vantage.probe.load;

import dev.vantage.fixtures.LoopbackDnsServer;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.load.Ownership.Method;
import dev.vantage.probe.load.Ownership.Verification;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole verification flow against a loopback HTTP server (reached through a resolve pin for the host name
 * owner.test) and a loopback DNS server: the well-known file first, then the TXT record.
 */
class OwnershipFlowTest {

    static final String TOKEN = Ownership.newToken();
    static final String NAME = "_vantage-verification.owner.test";

    Vertx vertx;
    LoopbackDnsServer dns;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        dns = LoopbackDnsServer.start(vertx);
    }

    @AfterEach
    void stop() {
        dns.close();
        vertx.close().await();
    }

    Verification verify(DelayServer server) throws Exception {
        int port = server.target().origin().getPort();
        HttpProber http = new HttpProber(vertx, ProbeOptions.defaults().withTimeout(Duration.ofSeconds(3))
                .withResolve(Map.of("owner.test:" + port, "127.0.0.1")));
        try {
            DnsTxtVerification txt = new DnsTxtVerification(vertx, dns.clientOptions(Duration.ofMillis(500)));
            return Ownership.verify(http, txt, URI.create("http://owner.test:" + port + "/login"), TOKEN)
                    .await(10, TimeUnit.SECONDS);
        } finally {
            http.close().await();
        }
    }

    @Test
    void theFileVerifiesWithoutAskingDns() throws Exception {
        try (DelayServer server = DelayServer.start(vertx, LoadProbeTest.serving(TOKEN + "\n"))) {
            Verification v = verify(server);
            assertThat(v.verified()).as(v.message()).isTrue();
            assertThat(v.method()).isEqualTo(Method.WELL_KNOWN_FILE);
            assertThat(dns.queried()).isEmpty();
        }
    }

    @Test
    void aMissingFileFallsBackToTheTxtRecord() throws Exception {
        dns.txt(NAME, TOKEN);
        try (DelayServer server = DelayServer.start(vertx, LoadProbeTest.serving(null))) {
            Verification v = verify(server);
            assertThat(v.verified()).as(v.message()).isTrue();
            assertThat(v.method()).isEqualTo(Method.DNS_TXT);
            assertThat(v.message()).contains("the TXT record at " + NAME + " holds the expected token");
            assertThat(dns.queried()).containsExactly(NAME);
        }
    }

    @Test
    void aRefusalNamesBothAttemptsAndBothFixes() throws Exception {
        try (DelayServer server = DelayServer.start(vertx, LoadProbeTest.serving(null))) {
            Verification v = verify(server);
            assertThat(v.verified()).isFalse();
            assertThat(v.method()).isEqualTo(Method.NONE);
            assertThat(v.message()).startsWith("load run refused: ownership of http://owner.test:")
                    .contains("Well-known file: http://owner.test:", Ownership.WELL_KNOWN_PATH, "answered 404",
                            "serve the token " + TOKEN,
                            "DNS TXT: TXT lookup of " + NAME + " failed: NXDOMAIN",
                            "publish a TXT record at " + NAME + " whose value is " + TOKEN)
                    .endsWith("Do either and run again.");
        }
    }

    @Test
    void aWrongTokenInBothPlacesIsRefused() throws Exception {
        String other = Ownership.newToken();
        dns.txt(NAME, other);
        try (DelayServer server = DelayServer.start(vertx, LoadProbeTest.serving(other + "\n"))) {
            Verification v = verify(server);
            assertThat(v.verified()).isFalse();
            assertThat(v.message()).contains("does not contain the expected verification token",
                    "does not hold the expected token");
        }
    }
}
