package dev.vantage.probe.tls;

import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.check.tls.TlsChecks;
import dev.vantage.fixtures.TestPki;
import dev.vantage.check.tls.SslLabsRating;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Loopback Vert.x TLS servers with misconfigured certificates and protocol sets, inspected end to end. */
class TlsInspectorLoopbackTest {

    static Vertx vertx;
    static TestPki pki;
    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        pki = TestPki.newCa("Loopback CA");
    }

    @AfterAll
    static void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static TlsInspection inspect(KeyCertOptions key, Set<String> protocols) throws Exception {
        return inspect(key, protocols, java.util.EnumSet.allOf(TlsProtocol.class));
    }

    /** Certificate scenarios enumerate TLS 1.3 only (five suites): the JDK server is slow per handshake. */
    static TlsInspection inspectModern(KeyCertOptions key) throws Exception {
        return inspect(key, BOTH, java.util.EnumSet.of(TlsProtocol.TLS_1_3));
    }

    static TlsInspection inspect(KeyCertOptions key, Set<String> protocols, Set<TlsProtocol> probe) throws Exception {
        NetServer server = vertx.createNetServer(new NetServerOptions().setSsl(true).setKeyCertOptions(key)
                .setEnabledSecureTransportProtocols(protocols)).connectHandler(s -> { });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            return TlsInspector.inspect(vertx, "127.0.0.1", server.actualPort(), TlsInspectionOptions.defaults()
                            .withServerName("localhost").withCaFile(pki.writeCaPem(dir.resolve("ca.pem")))
                            .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(20)).withProtocols(probe))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
    }

    static Finding finding(TlsInspection in, String id) {
        return TlsChecks.evaluate(in, 30).stream().filter(f -> f.checkId().equals(id)).findFirst().orElseThrow();
    }

    static final Set<String> BOTH = Set.of("TLSv1.2", "TLSv1.3");

    @Test
    void goodCertificateTls13OnlyServer() throws Exception {
        TlsInspection in = inspect(pki.issue(TestPki.LeafSpec.localhost()).keyCertOptions(), Set.of("TLSv1.3"));
        assertThat(in.acceptedProtocols()).containsExactly(TlsProtocol.TLS_1_3);
        assertThat(in.protocol(TlsProtocol.TLS_1_3).orElseThrow().suiteNames()).contains("TLS_AES_128_GCM_SHA256");
        assertThat(in.certificate().trust().trusted()).isTrue();
        assertThat(in.certificate().hostnameMatches()).isTrue();
        assertThat(in.secureRenegotiation()).isEmpty();
        assertThat(SslLabsRating.rate(in, OptionalLong.of(63_072_000)).letter()).isEqualTo("A+");
        assertThat(in.took()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void tls12OnlyServerIsAMinusWithoutTls13() throws Exception {
        TlsInspection in = inspect(pki.issue(TestPki.LeafSpec.localhost()).keyCertOptions(), Set.of("TLSv1.2"));
        assertThat(in.acceptedProtocols()).containsExactly(TlsProtocol.TLS_1_2);
        assertThat(in.secureRenegotiation()).contains(true);
        assertThat(in.compression()).contains(false);
        assertThat(in.alpnHttp11()).as("the Vert.x test server has no ALPN list, so it chooses nothing").contains(false);
        assertThat(finding(in, "tls.protocols").result()).isEqualTo("no-tls13");
        assertThat(SslLabsRating.rate(in, OptionalLong.of(63_072_000)).letter()).isIn("A-", "B");
    }

    @Test
    void expiredCertificateFailsAndRatesT() throws Exception {
        TlsInspection in = inspectModern(pki.issue(TestPki.LeafSpec.localhost().expired()).keyCertOptions());
        assertThat(in.certificate().trust().trusted()).isFalse();
        assertThat(finding(in, "tls.certificate-expiry").result()).isEqualTo("expired");
        assertThat(SslLabsRating.rate(in, OptionalLong.empty()).letter()).isEqualTo("T");
    }

    @Test
    void notYetValidCertificate() throws Exception {
        TlsInspection in = inspectModern(pki.issue(TestPki.LeafSpec.localhost().notYetValid()).keyCertOptions());
        assertThat(finding(in, "tls.certificate-expiry").result()).isEqualTo("not-yet-valid");
    }

    @Test
    void selfSignedCertificate() throws Exception {
        TlsInspection in = inspectModern(pki.issue(TestPki.LeafSpec.localhost().asSelfSigned()).keyCertOptions());
        assertThat(in.certificate().selfSigned()).isTrue();
        assertThat(finding(in, "tls.certificate-trust").result()).isEqualTo("self-signed");
    }

    @Test
    void wrongHostnameRatesM() throws Exception {
        TlsInspection in = inspectModern(pki.issue(TestPki.LeafSpec.localhost().names("other.example",
                List.of("other.example"), List.of())).keyCertOptions());
        assertThat(in.certificate().hostnameMatches()).isFalse();
        assertThat(finding(in, "tls.certificate-hostname").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(SslLabsRating.rate(in, OptionalLong.empty()).letter()).isEqualTo("M");
    }

    @Test
    void incompleteChainWhenTheIntermediateIsNotServed() throws Exception {
        TestPki.Leaf leaf = pki.intermediate("Loopback Intermediate").issueWithChain(TestPki.LeafSpec.localhost());
        TlsInspection full = inspectModern(leaf.keyCertOptions());
        assertThat(full.certificate().chainComplete()).isTrue();
        assertThat(full.certificate().trust().trusted()).isTrue();
        TlsInspection partial = inspectModern(leaf.leafOnlyKeyCertOptions());
        assertThat(partial.certificate().chainComplete()).isFalse();
        assertThat(finding(partial, "tls.certificate-chain").result()).isEqualTo("incomplete");
    }

    @Test
    void sha1AndRsa1024LeafAreServedByTheJdkAndFlagged() throws Exception {
        TlsInspection in = inspect(pki.issue(TestPki.LeafSpec.localhost().key(1024, "SHA1withRSA")).keyCertOptions(),
                Set.of("TLSv1.2"), java.util.EnumSet.of(TlsProtocol.TLS_1_2));
        assertThat(finding(in, "tls.certificate-signature").result()).isEqualTo("sha1");
        assertThat(finding(in, "tls.certificate-key").result()).isEqualTo("weak");
        assertThat(SslLabsRating.rate(in, OptionalLong.empty()).letter()).isEqualTo("T");
    }

    @Test
    void refusedPortIsEvidenceNotAnException() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TlsInspection in = TlsInspector.inspect(vertx, "127.0.0.1", port, TlsInspectionOptions.defaults())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(in.speaksTls()).isFalse();
        assertThat(in.errors()).anySatisfy(e -> assertThat(e).contains("refused"));
        assertThat(SslLabsRating.rate(in, OptionalLong.empty()).letter()).isEqualTo("F");
    }

    @Test
    void plainHttpServerIsReportedAsNotTls() throws Exception {
        NetServer server = vertx.createNetServer().connectHandler(s -> s.handler(b ->
                s.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n").onComplete(x -> s.close())));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            TlsInspection in = TlsInspector.inspect(vertx, "127.0.0.1", server.actualPort(),
                    TlsInspectionOptions.defaults().withProtocols(java.util.EnumSet.of(TlsProtocol.TLS_1_2)))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(in.speaksTls()).isFalse();
            assertThat(in.protocol(TlsProtocol.TLS_1_2).orElseThrow().note().orElseThrow())
                    .contains("not TLS").contains("HTTP/1.1 400");
        } finally {
            server.close();
        }
    }

    @Test
    void silentServerIsBoundedByTheHandshakeTimeoutAndTheDeadline() throws Exception {
        NetServer server = vertx.createNetServer().connectHandler(s -> { });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            long t0 = System.nanoTime();
            TlsInspection in = TlsInspector.inspect(vertx, "127.0.0.1", server.actualPort(),
                    TlsInspectionOptions.defaults().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(2)))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            assertThat(in.speaksTls()).isFalse();
            assertThat(in.protocols()).allSatisfy(p -> assertThat(p.note().orElseThrow()).contains("timeout"));
            assertThat(in.certificate().available()).isFalse();
        } finally {
            server.close();
        }
    }
}
