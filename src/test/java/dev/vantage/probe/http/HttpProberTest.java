package dev.vantage.probe.http;

import dev.vantage.fixtures.LoopbackSite;
import dev.vantage.fixtures.ProbeBed;
import dev.vantage.fixtures.RawServer;
import dev.vantage.fixtures.TestPki.LeafSpec;
import dev.vantage.probe.Deadline;
import dev.vantage.probe.Phase;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.tls.CertificateSummary;
import dev.vantage.probe.tls.HandshakeEngine;
import dev.vantage.probe.tls.TlsSessionEvidence;
import dev.vantage.probe.tls.TrustStores;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** One nested scenario per server behaviour: the server, the exchange, what the evidence must say. */
class HttpProberTest {

    @RegisterExtension
    static final ProbeBed bed = new ProbeBed("Vantage Test Root");

    static ProbeOptions trustingTestCa() {
        return bed.options();
    }

    static HttpExchange exchange(ProbeOptions options, HttpRequestSpec spec) throws Exception {
        HttpProber prober = new HttpProber(bed.vertx(), options);
        try {
            return prober.exchange(spec, Deadline.in(options.timeout())).await(30, TimeUnit.SECONDS);
        } finally {
            prober.close().await();
        }
    }

    static HttpExchange get(ProbeOptions options, URI url) throws Exception {
        return exchange(options, HttpRequestSpec.get(url));
    }

    static TlsSessionEvidence tlsOf(HttpExchange exchange) {
        assertThat(exchange.tls()).as("TLS evidence").isPresent();
        return exchange.tls().get();
    }

    @Nested
    class GoodHttps {
        @Test
        void recordsTheSessionTheTrustedChainAndEveryPhase() throws Exception {
            try (LoopbackSite site = LoopbackSite.https(bed.pki().issue(LeafSpec.localhost()))
                    .header("Strict-Transport-Security", "max-age=63072000").start(bed.vertx())) {
                HttpExchange exchange = get(trustingTestCa(), site.url("/"));

                assertThat(exchange.failure()).as(exchange.toString()).isEmpty();
                assertThat(exchange.remoteAddress()).contains("127.0.0.1");
                assertThat(exchange.response().orElseThrow().status()).isEqualTo(200);
                assertThat(exchange.response().orElseThrow().headers().first("strict-transport-security"))
                        .contains("max-age=63072000");
                TlsSessionEvidence tls = tlsOf(exchange);
                assertThat(tls.trust().trusted()).as(tls.trust().toString()).isTrue();
                assertThat(tls.protocol()).isIn("TLSv1.3", "TLSv1.2");
                assertThat(tls.cipherSuite()).startsWith("TLS_");
                assertThat(tls.alpnProtocol()).as("server offers h2 and http/1.1; the probe only http/1.1").contains("http/1.1");
                CertificateSummary leaf = tls.leaf().orElseThrow();
                assertThat(leaf.subjectAltNames()).containsExactly("localhost", "127.0.0.1");
                assertThat(leaf.keyAlgorithm()).isEqualTo("RSA");
                assertThat(leaf.keyBits()).isEqualTo(2048);
                assertThat(leaf.signatureAlgorithm()).isEqualTo("SHA256withRSA");
                assertThat(leaf.sha256Fingerprint()).hasSize(64);
                assertThat(exchange.timings().phases()).containsOnlyKeys(Phase.RESOLVE, Phase.CONNECT, Phase.TLS,
                        Phase.PROCESSING, Phase.TRANSFER);
            }
        }

        @Test
        void aNameSiteIsReachedThroughAResolvePinAndVerifiedAgainstThatName() throws Exception {
            try (LoopbackSite site = LoopbackSite.https(bed.pki().issue(LeafSpec.localhost()
                    .names("www.vantage.test", List.of("www.vantage.test"), List.of()))).start(bed.vertx())) {
                ProbeOptions pinned = trustingTestCa().withResolve(Map.ofEntries(site.pin("www.vantage.test")));

                HttpExchange exchange = get(pinned, site.url("www.vantage.test", "/"));

                assertThat(tlsOf(exchange).trust().trusted()).as(tlsOf(exchange).trust().toString()).isTrue();
            }
        }
    }

    /** The pulse's handshake moved to BoringSSL for its CPU cost (issue 10); what it reports must not move. */
    @Nested
    class BothTlsEngines {
        static HttpExchange getWith(HandshakeEngine engine, URI url) throws Exception {
            HttpProber prober = new HttpProber(bed.vertx(), trustingTestCa(), TrustStores.load(Optional.of(bed.caFile())), System::nanoTime, engine);
            try {
                return prober.exchange(HttpRequestSpec.get(url), Deadline.in(Duration.ofSeconds(10)))
                        .await(30, TimeUnit.SECONDS);
            } finally {
                prober.close().await();
            }
        }

        @Test
        void boringSslLoadsOnThisPlatformAndIsTheProbesEngine() {
            assertThat(HandshakeEngine.nativeAvailable()).as("netty-tcnative-boringssl-static for linux-x86_64").isTrue();
            assertThat(HandshakeEngine.preferred()).isEqualTo(HandshakeEngine.BORINGSSL);
        }

        @Test
        void bothEnginesReportTheSameSessionChainAndVerdict() throws Exception {
            try (LoopbackSite good = LoopbackSite.https(bed.pki().issue(LeafSpec.localhost())).start(bed.vertx());
                 LoopbackSite expired = LoopbackSite.https(bed.pki().issue(LeafSpec.localhost().expired()))
                         .start(bed.vertx())) {
                for (LoopbackSite site : List.of(good, expired)) {
                    TlsSessionEvidence jdk = tlsOf(getWith(HandshakeEngine.JDK, site.url("/")));
                    TlsSessionEvidence boring = tlsOf(getWith(HandshakeEngine.BORINGSSL, site.url("/")));

                    assertThat(boring.protocol()).isEqualTo(jdk.protocol());
                    assertThat(boring.cipherSuite()).isEqualTo(jdk.cipherSuite());
                    assertThat(boring.alpnProtocol()).isEqualTo(jdk.alpnProtocol()).contains("http/1.1");
                    assertThat(boring.chain()).isEqualTo(jdk.chain()).isNotEmpty();
                    assertThat(boring.trust()).isEqualTo(jdk.trust());
                }
            }
        }
    }

    @Nested
    class UntrustedCertificates {
        @Test
        void anExpiredCertificateIsRecordedAndThePageStillRead() throws Exception {
            try (LoopbackSite site = LoopbackSite.https(bed.pki().issue(LeafSpec.localhost().expired()))
                    .start(bed.vertx())) {
                HttpExchange exchange = get(trustingTestCa(), site.url("/"));

                assertThat(tlsOf(exchange).trust().trusted()).isFalse();
                assertThat(tlsOf(exchange).trust().problem().orElseThrow()).startsWith("certificate expired");
                assertThat(exchange.response().orElseThrow().status()).isEqualTo(200);
            }
        }

        @Test
        void aNotYetValidCertificateIsRecorded() throws Exception {
            try (LoopbackSite site = LoopbackSite.https(bed.pki().issue(LeafSpec.localhost().notYetValid()))
                    .start(bed.vertx())) {
                HttpExchange exchange = get(trustingTestCa(), site.url("/"));

                assertThat(tlsOf(exchange).trust().problem().orElseThrow()).startsWith("certificate not yet valid");
            }
        }

        @Test
        void aSelfSignedCertificateIsAnUnknownIssuer() throws Exception {
            try (LoopbackSite site = LoopbackSite.https(bed.pki().issue(LeafSpec.localhost().asSelfSigned()))
                    .start(bed.vertx())) {
                HttpExchange exchange = get(trustingTestCa(), site.url("/"));

                assertThat(tlsOf(exchange).trust().problem().orElseThrow()).startsWith("unknown issuer or self-signed");
                assertThat(exchange.answered()).isTrue();
            }
        }

        @Test
        void aCertificateForAnotherNameIsAHostnameMismatch() throws Exception {
            try (LoopbackSite site = LoopbackSite.https(bed.pki().issue(LeafSpec.localhost())).start(bed.vertx())) {
                ProbeOptions pinned = trustingTestCa().withResolve(Map.ofEntries(site.pin("shop.vantage.test")));

                HttpExchange exchange = get(pinned, site.url("shop.vantage.test", "/"));

                assertThat(tlsOf(exchange).trust().problem().orElseThrow()).startsWith("hostname mismatch");
                assertThat(exchange.answered()).isTrue();
            }
        }

        @Test
        void aPrivateCaIsUntrustedWithoutTheCaFile() throws Exception {
            try (LoopbackSite site = LoopbackSite.https(bed.pki().issue(LeafSpec.localhost())).start(bed.vertx())) {
                HttpExchange exchange = get(ProbeOptions.defaults(), site.url("/"));

                assertThat(tlsOf(exchange).trust().problem().orElseThrow()).startsWith("unknown issuer or self-signed");
            }
        }

        @Test
        void plainHttpOnAnHttpsUrlIsAHandshakeFailure() throws Exception {
            try (LoopbackSite site = LoopbackSite.http().start(bed.vertx())) {
                URI httpsToPlain = URI.create("https://127.0.0.1:" + site.port() + "/");

                HttpExchange exchange = get(trustingTestCa(), httpsToPlain);

                assertThat(exchange.failure().orElseThrow().kind())
                        .isEqualTo(dev.vantage.probe.FailureKind.TLS_HANDSHAKE);
                assertThat(exchange.timings().phases()).containsKey(Phase.CONNECT).doesNotContainKey(Phase.TLS);
            }
        }

        /** Guards the finding in docs/probes.md: with a shared SSL context, the second handshake is resumed. */
        @Test
        void sessionResumptionNeverHidesTheVerdictOfASecondProbe() throws Exception {
            try (LoopbackSite site = LoopbackSite.https(bed.pki().issue(LeafSpec.localhost().expired()))
                    .start(bed.vertx())) {
                HttpProber prober = new HttpProber(bed.vertx(), trustingTestCa());
                try {
                    for (int probe = 1; probe <= 2; probe++) {
                        HttpExchange exchange = prober.exchange(HttpRequestSpec.get(site.url("/")),
                                Deadline.in(Duration.ofSeconds(5))).await(30, TimeUnit.SECONDS);

                        assertThat(tlsOf(exchange).trust().problem()).as("probe " + probe)
                                .hasValueSatisfying(p -> assertThat(p).startsWith("certificate expired"));
                    }
                } finally {
                    prober.close().await();
                }
            }
        }
    }

    @Nested
    class WhatIsSent {
        private static String echo(io.vertx.core.http.HttpServerRequest req) {
            return req.method() + " " + req.uri() + "\n" + req.headers().entries().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
        }

        @Test
        void defaultsThenExtraHeadersThenSpecHeaders() throws Exception {
            try (LoopbackSite site = LoopbackSite.http().route("/echo", (v, req) -> req.response().end(echo(req)))
                    .start(bed.vertx())) {
                ProbeOptions options = trustingTestCa().withUserAgent("probe-test/1")
                        .withExtraHeaders(dev.vantage.probe.http.Headers.of("X-Team", "sre", "Accept", "text/html"));
                HttpRequestSpec spec = new HttpRequestSpec("GET", site.url("/echo?q=1&r=%20"),
                        dev.vantage.probe.http.Headers.of("X-Team", "web"));

                String body = exchange(options, spec).response().orElseThrow().body();

                assertThat(body.lines()).containsExactly("GET /echo?q=1&r=%20",
                        "Host: 127.0.0.1:" + site.port(), "User-Agent: probe-test/1", "Accept: text/html",
                        "Accept-Encoding: gzip", "Connection: close", "X-Team: web");
            }
        }
    }

    @Nested
    class Bodies {
        @Test
        void aGzipBodyIsDecodedAndItsEncodingKept() throws Exception {
            try (LoopbackSite site = LoopbackSite.http().gzip("/", "<html>compressed page</html>").start(bed.vertx())) {
                HttpResponseEvidence response = get(trustingTestCa(), site.url("/")).response().orElseThrow();

                assertThat(response.body()).isEqualTo("<html>compressed page</html>");
                assertThat(response.headers().first("Content-Encoding")).contains("gzip");
                assertThat(response.bodyTruncated()).isFalse();
            }
        }

        @Test
        void aGzipBombIsCutAtTheCapOnDecodedBytes() throws Exception {
            try (LoopbackSite site = LoopbackSite.http().gzip("/", "a".repeat(5_000_000)).start(bed.vertx())) {
                HttpResponseEvidence response = get(trustingTestCa().withMaxBodyBytes(10_000), site.url("/"))
                        .response().orElseThrow();

                assertThat(response.body()).hasSize(10_000);
                assertThat(response.bodyTruncated()).isTrue();
                assertThat(response.bodyBytes()).isLessThan(10_000); // a few KB of gzip on the wire
            }
        }

        @Test
        void anOversizedBodyStopsAtTheCap() throws Exception {
            try (LoopbackSite site = LoopbackSite.http().largeBody("/", 3_000_000).start(bed.vertx())) {
                HttpExchange exchange = get(trustingTestCa().withMaxBodyBytes(64 * 1024), site.url("/"));

                HttpResponseEvidence response = exchange.response().orElseThrow();
                assertThat(exchange.failure()).isEmpty();
                assertThat(response.body()).hasSize(64 * 1024);
                assertThat(response.bodyTruncated()).isTrue();
                assertThat(response.bodyBytes()).isGreaterThanOrEqualTo(64 * 1024).isLessThan(3_000_000);
            }
        }

        @Test
        void aSlowBodyIsCutByTheDeadlineKeepingTheHead() throws Exception {
            try (LoopbackSite site = LoopbackSite.http().header("X-Slow", "yes")
                    .slowBody("/", 100, Duration.ofMillis(100)).start(bed.vertx())) {
                HttpExchange exchange = get(trustingTestCa().withTimeout(Duration.ofMillis(700)), site.url("/"));

                assertThat(exchange.failure().orElseThrow().kind()).isEqualTo(dev.vantage.probe.FailureKind.TIMEOUT);
                assertThat(exchange.response().orElseThrow().body()).as("cut before all 100 bytes").hasSizeLessThan(100);
                assertThat(exchange.response().orElseThrow().headers().first("X-Slow")).contains("yes");
            }
        }

        @Test
        void aHeadRequestEndsAtTheHeadersDespiteAContentLength() throws Exception {
            try (RawServer server = RawServer.start(bed.vertx(),
                    RawServer.answer("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n"))) {
                HttpExchange exchange = exchange(trustingTestCa(),
                        new HttpRequestSpec("HEAD", server.url("/"), Headers.EMPTY));

                assertThat(exchange.failure()).isEmpty();
                assertThat(exchange.response().orElseThrow().headers().first("content-length")).contains("5000");
            }
        }

        @Test
        void duplicateHeadersAreKeptInOrder() throws Exception {
            try (LoopbackSite site = LoopbackSite.http().header("Set-Cookie", "a=1; Secure")
                    .header("Set-Cookie", "b=2; HttpOnly").start(bed.vertx())) {
                Headers headers = get(trustingTestCa(), site.url("/")).response().orElseThrow().headers();

                assertThat(headers.values("set-cookie")).containsExactly("a=1; Secure", "b=2; HttpOnly");
            }
        }
    }

    @Nested
    class Framing {
        @Test
        void anInterimContinueIsSkippedForTheRealAnswer() throws Exception {
            try (RawServer server = RawServer.start(bed.vertx(),
                    RawServer.answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX-Real: 1\r\n\r\n"))) {
                HttpExchange exchange = get(trustingTestCa(), server.url("/"));

                assertThat(exchange.failure()).isEmpty();
                assertThat(exchange.response().orElseThrow().status()).isEqualTo(204);
                assertThat(exchange.response().orElseThrow().headers().first("X-Real")).contains("1");
            }
        }

        @Test
        void anOrderlyCloseBeforeTheAnnouncedLengthIsAResetKeepingWhatArrived() throws Exception {
            try (RawServer server = RawServer.startGraceful(bed.vertx(),
                    RawServer.answerAndClose("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"))) {
                HttpExchange exchange = get(trustingTestCa(), server.url("/"));

                assertThat(exchange.failure().orElseThrow().kind()).isEqualTo(dev.vantage.probe.FailureKind.RESET);
                assertThat(exchange.response().orElseThrow().body()).isEqualTo("partial");
            }
        }

        /** Issue 15: one hostile header used to make the whole page "not an HTTP response". */
        @Test
        void aHeaderWithControlBytesIsSetAsideAsEvidenceAndThePageStillRead() throws Exception {
            try (RawServer server = RawServer.start(bed.vertx(), RawServer.answer("HTTP/1.1 200 OK\r\n"
                    + "Content-Length: 2\r\nX-Evil: a\u0001b\u007f\r\nX-Frame-Options: DENY\r\n\r\nok"))) {
                HttpExchange exchange = get(trustingTestCa(), server.url("/"));

                HttpResponseEvidence response = exchange.response().orElseThrow();
                assertThat(exchange.failure()).as(exchange.toString()).isEmpty();
                assertThat(response.body()).isEqualTo("ok");
                assertThat(response.headers().first("X-Frame-Options")).contains("DENY");
                assertThat(response.headers().contains("X-Evil")).as("left out of the graded headers").isFalse();
                assertThat(response.malformedHeaders()).containsExactly("X-Evil: a\\x01b\\x7f");
            }
        }

        @Test
        void headersBeyondTheSizeBoundAreAProtocolFailure() throws Exception {
            String huge = "HTTP/1.1 200 OK\r\nX-Big: " + "b".repeat(ResponseReader.MAX_HEADER_BYTES + 10)
                    + "\r\n\r\n";
            try (RawServer server = RawServer.start(bed.vertx(), RawServer.answer(huge))) {
                HttpExchange exchange = get(trustingTestCa(), server.url("/"));

                assertThat(exchange.failure().orElseThrow().kind()).isEqualTo(dev.vantage.probe.FailureKind.PROTOCOL);
            }
        }

        @Test
        void aBodyWithoutLengthEndsWhenTheServerCloses() throws Exception {
            try (RawServer server = RawServer.startGraceful(bed.vertx(),
                    RawServer.answerAndClose("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close"))) {
                HttpExchange exchange = get(trustingTestCa(), server.url("/"));

                assertThat(exchange.failure()).isEmpty();
                assertThat(exchange.response().orElseThrow().body()).isEqualTo("until close");
                assertThat(exchange.response().orElseThrow().httpVersion()).isEqualTo("HTTP/1.0");
            }
        }
    }

    @Nested
    class Addresses {
        @Test
        void aLinkLocalIpv6LiteralIsBlockedWithoutConnecting() throws Exception {
            HttpExchange exchange = get(trustingTestCa(), URI.create("http://[fe80::1]:8080/"));

            assertThat(exchange.failure().orElseThrow().kind())
                    .isEqualTo(dev.vantage.probe.FailureKind.BLOCKED_ADDRESS);
            assertThat(exchange.remoteAddress()).isEmpty();
        }

        @Test
        void loopbackIsRefusedUnderThePublicOnlyPolicy() throws Exception {
            try (LoopbackSite site = LoopbackSite.http().start(bed.vertx())) {
                HttpExchange exchange = get(trustingTestCa().withAddressPolicy(
                        dev.vantage.probe.AddressPolicy.PUBLIC_ONLY), site.url("/"));

                assertThat(exchange.failure().orElseThrow().kind())
                        .isEqualTo(dev.vantage.probe.FailureKind.BLOCKED_ADDRESS);
                assertThat(site.requests()).isZero();
            }
        }
    }

    /** Phases and deadlines on injected clocks: exact figures without reading the real time. */
    @Nested
    class InjectedClocks {
        @Test
        void everyPhaseIsTimedOnTheProbersClock() throws Exception {
            java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
            try (LoopbackSite site = LoopbackSite.http().start(bed.vertx())) {
                // Every reading moves the clock one millisecond: each phase is exactly 1 ms long.
                HttpProber prober = new HttpProber(bed.vertx(), trustingTestCa(),
                        dev.vantage.probe.tls.TrustStores.load(java.util.Optional.empty()),
                        () -> ticks.addAndGet(1_000_000));
                try {
                    HttpExchange exchange = prober.exchange(HttpRequestSpec.get(site.url("/")),
                            Deadline.in(Duration.ofSeconds(15))).await(30, TimeUnit.SECONDS);

                    assertThat(exchange.timings().phases()).containsOnlyKeys(Phase.RESOLVE, Phase.CONNECT,
                            Phase.PROCESSING, Phase.TRANSFER).allSatisfy((phase, took) ->
                            assertThat(took).isEqualTo(Duration.ofMillis(1)));
                } finally {
                    prober.close().await();
                }
            }
        }

        @Test
        void aDeadlinePassedOnItsClockSendsNothing() throws Exception {
            java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
            Deadline deadline = Deadline.in(Duration.ofSeconds(5), now::get);
            now.addAndGet(Duration.ofSeconds(5).toNanos());
            try (LoopbackSite site = LoopbackSite.http().start(bed.vertx())) {
                HttpProber prober = new HttpProber(bed.vertx(), trustingTestCa());
                try {
                    HttpExchange exchange = prober.exchange(HttpRequestSpec.get(site.url("/")), deadline)
                            .await(30, TimeUnit.SECONDS);

                    assertThat(exchange.failure().orElseThrow().kind())
                            .isEqualTo(dev.vantage.probe.FailureKind.TIMEOUT);
                    assertThat(site.requests()).isZero();
                } finally {
                    prober.close().await();
                }
            }
        }
    }
}
