package dev.vantage.probe;

import dev.vantage.fixtures.LoopbackSite;
import dev.vantage.fixtures.RawServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compatibility kit every prober passes (in the spirit of Micrometer's TCK): it honours its deadline, never
 * fails its future, reports refused / reset / timeout / garbage / blocked addresses as evidence of the right kind,
 * and records the phases of a good exchange. A prober's test extends this and says how to run it.
 */
public abstract class ProberContract {

    /** What the kit needs to see of any prober's result. */
    public record Outcome(Optional<ProbeFailure> failure, PhaseTimings timings, boolean answered) {
        public FailureKind kind() {
            return failure.map(ProbeFailure::kind).orElse(null);
        }
    }

    protected static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    /** Runs the prober under test once against {@code url}. */
    protected abstract Future<Outcome> probe(Vertx vertx, ProbeOptions options, URI url);

    protected ProbeOptions options() {
        return ProbeOptions.defaults().withTimeout(Duration.ofSeconds(5));
    }

    private Outcome run(ProbeOptions options, URI url) throws Exception {
        // await throws if the future failed: every test here also checks "never fails the future".
        return probe(vertx, options, url).await(15, TimeUnit.SECONDS);
    }

    @Test
    void recordsThePhasesOfAGoodExchange() throws Exception {
        try (LoopbackSite site = LoopbackSite.http().start(vertx)) {
            Outcome outcome = run(options(), site.url("/"));

            assertThat(outcome.failure()).isEmpty();
            assertThat(outcome.answered()).isTrue();
            assertThat(outcome.timings().phases()).containsKeys(Phase.RESOLVE, Phase.CONNECT, Phase.PROCESSING,
                    Phase.TRANSFER).doesNotContainKey(Phase.TLS);
        }
    }

    @Test
    void honoursItsDeadlineAgainstABodySentOneByteAtATime() throws Exception {
        try (RawServer server = RawServer.start(vertx, RawServer.dribble(200, Duration.ofMillis(50)))) {
            // The whole body takes the server 10 s: a TIMEOUT (not a complete answer) is the deadline at work.
            Outcome outcome = run(options().withTimeout(Duration.ofMillis(600)), server.url("/"));

            assertThat(outcome.kind()).isEqualTo(FailureKind.TIMEOUT);
        }
    }

    @Test
    void honoursItsDeadlineAgainstASilentServer() throws Exception {
        try (RawServer server = RawServer.start(vertx, RawServer.silent())) {
            Outcome outcome = run(options().withTimeout(Duration.ofMillis(500)), server.url("/"));

            assertThat(outcome.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(outcome.answered()).isFalse();
        }
    }

    @Test
    void reportsARefusedConnectionAsEvidence() throws Exception {
        Outcome outcome = run(options(), URI.create("http://127.0.0.1:" + LoopbackSite.refusedPort() + "/"));

        assertThat(outcome.kind()).isEqualTo(FailureKind.REFUSED);
        assertThat(outcome.timings().phases()).containsKey(Phase.RESOLVE).doesNotContainKey(Phase.CONNECT);
    }

    @Test
    void reportsAResetMidResponseAsEvidence() throws Exception {
        String partial = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly a little";
        try (RawServer server = RawServer.start(vertx, RawServer.resetAfter(partial))) {
            Outcome outcome = run(options(), server.url("/"));

            assertThat(outcome.kind()).isEqualTo(FailureKind.RESET);
            assertThat(outcome.answered()).as("the head that arrived is kept").isTrue();
        }
    }

    @Test
    void reportsGarbageAsAProtocolFailure() throws Exception {
        try (RawServer server = RawServer.start(vertx, RawServer.garbage("SSH-2.0-OpenSSH_9.6 not http\r\n\r\n"))) {
            Outcome outcome = run(options(), server.url("/"));

            assertThat(outcome.kind()).isEqualTo(FailureKind.PROTOCOL);
            assertThat(outcome.answered()).isFalse();
        }
    }

    @Test
    void refusesAMetadataAddressWithoutConnecting() throws Exception {
        ProbeOptions pinned = options().withResolve(Map.of("metadata.test:80", "169.254.169.254"));

        Outcome outcome = run(pinned, URI.create("http://metadata.test/latest/meta-data/"));

        assertThat(outcome.kind()).isEqualTo(FailureKind.BLOCKED_ADDRESS);
        assertThat(outcome.timings().phases()).doesNotContainKey(Phase.CONNECT);
    }

    @Test
    void reportsAnUnknownNameAsDnsFailure() throws Exception {
        Outcome outcome = run(options(), URI.create("http://no-such-host.invalid/"));

        assertThat(outcome.kind()).isEqualTo(FailureKind.DNS);
    }
}
