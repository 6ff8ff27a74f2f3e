package dev.vantage.probe.http;

import dev.vantage.fixtures.RawServer;
import dev.vantage.fixtures.WatchedEventLoops;
import dev.vantage.probe.Deadline;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.ProbeOptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: bodies built to hold the prober (endless chunks, 1xx floods, trickles, endless chunk-size lines,
 * a gzip bomb under a large cap). Each ends by the body cap, a framing bound or the deadline, and the watched
 * event loop never reports a blocked thread.
 */
class HostileBodiesTest {

    @RegisterExtension
    static final WatchedEventLoops loops = new WatchedEventLoops();

    private static final String CHUNKED = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    /** 10,000 one-byte chunks: six bytes on the wire per byte of body, the costliest framing per byte. */
    private static final String TINY_CHUNKS = "1\r\na\r\n".repeat(10_000);

    static HttpExchange get(RawServer.Behaviour behaviour, ProbeOptions options) throws Exception {
        try (RawServer server = RawServer.startGraceful(loops.servers(), behaviour)) {
            HttpProber prober = new HttpProber(loops.vertx(), options);
            try {
                return prober.exchange(HttpRequestSpec.get(server.url("/")), Deadline.in(options.timeout()))
                        .await(30, TimeUnit.SECONDS);
            } finally {
                prober.close().await();
            }
        }
    }

    @Nested
    class EndlessChunkedBody {
        @Test
        void endsAtTheBodyCapHavingReadNoMoreThanTheCapAndOneRead() throws Exception {
            long cap = 512 * 1024;
            HttpExchange exchange = get(RawServer.endless(CHUNKED, TINY_CHUNKS),
                    ProbeOptions.defaults().withTimeout(Duration.ofSeconds(20)).withMaxBodyBytes(cap));

            HttpResponseEvidence response = exchange.response().orElseThrow();
            assertThat(exchange.failure()).as(exchange.toString()).isEmpty();
            assertThat(response.bodyTruncated()).isTrue();
            assertThat(response.body()).hasSize((int) cap);
            assertThat(response.bodyBytes()).isGreaterThan(cap).isLessThanOrEqualTo(cap + 64 * 1024);
        }

        @Test
        void underALargeCapTheDeadlineEndsItAndKeepsTheHead() throws Exception {
            HttpExchange exchange = get(RawServer.endless(CHUNKED, TINY_CHUNKS), ProbeOptions.defaults()
                    .withTimeout(Duration.ofMillis(1500)).withMaxBodyBytes(64L * 1024 * 1024));

            assertThat(exchange.failure().orElseThrow().kind()).as(exchange.toString()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(exchange.response().orElseThrow().status()).isEqualTo(200);
            assertThat(exchange.response().orElseThrow().bodyBytes()).isPositive();
        }
    }

    @Nested
    class InterimFlood {
        @Test
        void endlessContinuesAreAProtocolFailureAfterTheInterimCap() throws Exception {
            HttpExchange exchange = get(RawServer.endless("", "HTTP/1.1 100 Continue\r\n\r\n".repeat(100)),
                    ProbeOptions.defaults().withTimeout(Duration.ofSeconds(20)));

            assertThat(exchange.failure().orElseThrow().kind()).as(exchange.toString()).isEqualTo(FailureKind.PROTOCOL);
            assertThat(exchange.failure().orElseThrow().message())
                    .startsWith("more than " + ResponseReader.MAX_INTERIM_RESPONSES + " interim (1xx) responses");
            assertThat(exchange.response()).isEmpty();
        }
    }

    @Nested
    class SlowTrickle {
        @Test
        void aChunkEveryFiftyMillisecondsIsCutByTheDeadline() throws Exception {
            HttpExchange exchange = get(RawServer.trickle(CHUNKED, "1\r\na\r\n", Duration.ofMillis(50)),
                    ProbeOptions.defaults().withTimeout(Duration.ofMillis(600)));

            assertThat(exchange.failure().orElseThrow().kind()).as(exchange.toString()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(exchange.response().orElseThrow().body()).matches("a*");
        }
    }

    @Nested
    class HugeChunkSizeLine {
        @Test
        void aChunkSizeLineThatNeverEndsIsAProtocolFailureAtTheLineBound() throws Exception {
            HttpExchange exchange = get(RawServer.endless(CHUNKED + "1", "0".repeat(4096)),
                    ProbeOptions.defaults().withTimeout(Duration.ofSeconds(20)));

            assertThat(exchange.failure().orElseThrow().kind()).as(exchange.toString()).isEqualTo(FailureKind.PROTOCOL);
            assertThat(exchange.failure().orElseThrow().message()).contains("larger than "
                    + ResponseReader.MAX_INITIAL_LINE + " bytes");
            assertThat(exchange.response().orElseThrow().status()).as("the head is kept").isEqualTo(200);
        }

        @Test
        void anEndlessChunkExtensionIsBoundTheSameWay() throws Exception {
            HttpExchange exchange = get(RawServer.endless(CHUNKED + "1;x=", "y".repeat(4096)),
                    ProbeOptions.defaults().withTimeout(Duration.ofSeconds(20)));

            assertThat(exchange.failure().orElseThrow().kind()).as(exchange.toString()).isEqualTo(FailureKind.PROTOCOL);
        }
    }

    @Nested
    class CompressedBomb {
        @Test
        void aGzipBombUnderA32MebibyteCapIsInflatedOffTheEventLoop() throws Exception {
            byte[] bomb = gzippedZeros(200);
            long cap = 32L * 1024 * 1024;
            String head = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + bomb.length + "\r\n\r\n";
            RawServer.Behaviour send = (v, socket) -> socket.write(io.vertx.core.buffer.Buffer.buffer(head)
                    .appendBytes(bomb));

            HttpExchange exchange = get(send, ProbeOptions.defaults().withTimeout(Duration.ofSeconds(20))
                    .withMaxBodyBytes(cap));

            HttpResponseEvidence response = exchange.response().orElseThrow();
            assertThat(response.bodyBytes()).isEqualTo(bomb.length);
            assertThat(response.body()).hasSize((int) cap);
            assertThat(response.bodyTruncated()).isTrue();
        }

        private static byte[] gzippedZeros(int mebibytes) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                byte[] zeros = new byte[1024 * 1024];
                for (int i = 0; i < mebibytes; i++) {
                    gzip.write(zeros);
                }
            }
            return out.toByteArray();
        }
    }
}
