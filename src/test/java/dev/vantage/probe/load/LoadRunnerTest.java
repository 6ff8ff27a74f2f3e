package dev.vantage.probe.load;

import dev.vantage.probe.load.LoadEvidence.ErrorKind;
import dev.vantage.probe.load.LoadEvidence.Outcome;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Load runs against loopback servers with controlled delays: one nested class per server behaviour. */
class LoadRunnerTest {

    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    static LoadEvidence run(LoadTarget target, LoadSettings settings, Duration deadline) throws Exception {
        return LoadRunner.run(vertx, target, settings, deadline).await(20, TimeUnit.SECONDS);
    }

    static long ms(Duration d) {
        return d.toMillis();
    }

    @Nested
    class FixedDelayOf20Ms {
        @Test
        void percentilesSitOnTheDelayAndTheRateIsHeld() throws Exception {
            try (DelayServer server = DelayServer.start(vertx, DelayServer.delayed(vertx, 20))) {
                LoadEvidence e = run(server.target(), LoadSettings.of(100, Duration.ofSeconds(2))
                        .withConnections(8).withWarmup(Duration.ofMillis(200)), Duration.ofSeconds(10));
                assertThat(e.outcome()).isEqualTo(Outcome.COMPLETED);
                assertThat(e.sent()).isEqualTo(200);
                assertThat(e.answered()).isEqualTo(200);
                assertThat(server.requests.get()).isEqualTo(220); // 20 warmup requests sent, not recorded
                assertThat(e.errors()).isEmpty();
                assertThat(e.latency().count()).isEqualTo(200);
                // The server's 20 ms is the floor; the ceilings leave room for a busy CI machine (p99 111 ms was
                // seen at load average 12) while still failing a run that measured something else entirely.
                assertThat(ms(e.latency().p50())).isBetween(19L, 60L);
                assertThat(ms(e.latency().p99())).isBetween(19L, 250L);
                assertThat(e.achievedRate()).isCloseTo(100, within(2.0));
            }
        }
    }

    @Nested
    class OneStallOf300MsOnASingleConnection {
        @Test
        void theStallShowsUpInP99BecauseLatencyRunsFromTheIntendedSendTime() throws Exception {
            // Request 50 stalls 300 ms; on one connection the ~30 requests due meanwhile wait behind it. A client
            // timing from the actual send would see one slow request (0.5%) and a p99 of a few ms.
            try (DelayServer server = DelayServer.start(vertx, (n, request) ->
                    DelayServer.answerLater(vertx, request, 200, n == 50 ? 300 : 1))) {
                LoadEvidence e = run(server.target(), LoadSettings.of(100, Duration.ofSeconds(2))
                        .withConnections(1), Duration.ofSeconds(10));
                assertThat(e.outcome()).isEqualTo(Outcome.COMPLETED);
                assertThat(e.sent()).isEqualTo(200);
                assertThat(ms(e.latency().p99())).isGreaterThanOrEqualTo(250L);
                assertThat(ms(e.latency().p90())).isGreaterThanOrEqualTo(20L);
                // Most requests are not behind the stall: far below it (a busy machine adds tens of ms).
                assertThat(ms(e.latency().p50())).isLessThan(150L);
                assertThat(ms(e.latency().max())).isBetween(295L, 400L);
            }
        }
    }

    @Nested
    class EveryAnswerIs500 {
        @Test
        void theRunStopsEarlyOnceTheErrorRateCrossesTheBound() throws Exception {
            try (DelayServer server = DelayServer.start(vertx, (n, request) ->
                    DelayServer.answerLater(vertx, request, 500, 0))) {
                LoadEvidence e = run(server.target(), LoadSettings.of(200, Duration.ofSeconds(5)),
                        Duration.ofSeconds(10));
                assertThat(e.outcome()).isEqualTo(Outcome.STOPPED_ERRORS);
                assertThat(e.detail()).contains("stopped early", "above the stop bound of 20.0%");
                assertThat(server.requests.get()).isLessThan(100); // of 1000 planned
                assertThat(e.errors()).containsOnlyKeys(ErrorKind.STATUS_5XX);
                assertThat(e.errorRatio()).isEqualTo(1.0);
            }
        }
    }

    @Nested
    class MissingPage {
        @Test
        void answers404CountAs4xxErrorsButAreMeasured() throws Exception {
            try (DelayServer server = DelayServer.start(vertx, (n, request) ->
                    DelayServer.answerLater(vertx, request, n % 10 == 0 ? 404 : 200, 0))) {
                LoadEvidence e = run(server.target(), LoadSettings.of(200, Duration.ofMillis(500)),
                        Duration.ofSeconds(5));
                assertThat(e.outcome()).isEqualTo(Outcome.COMPLETED);
                assertThat(e.errors()).containsEntry(ErrorKind.STATUS_4XX, 10L);
                assertThat(e.errorRatio()).isCloseTo(0.1, within(0.001));
                assertThat(e.latency().count()).isEqualTo(100);
            }
        }
    }

    @Nested
    class SilentServer {
        @Test
        void unansweredRequestsBecomeTimeoutsAndTheRunEnds() throws Exception {
            try (DelayServer server = DelayServer.start(vertx, (n, request) -> {
                if (n % 2 == 0) {
                    DelayServer.answerLater(vertx, request, 200, 0);
                } // odd requests are never answered
            })) {
                LoadEvidence e = run(server.target(), LoadSettings.of(50, Duration.ofMillis(400))
                        .withConnections(32).withRequestTimeout(Duration.ofMillis(300)).withStopErrorRatio(1),
                        Duration.ofSeconds(5));
                assertThat(e.outcome()).isEqualTo(Outcome.COMPLETED);
                assertThat(e.errors()).containsEntry(ErrorKind.TIMEOUT, 10L);
                assertThat(ms(e.latency().max())).isGreaterThanOrEqualTo(300L);
            }
        }

        @Test
        void theTotalDeadlineCutsTheRunAndCountsUnfinishedRequestsAsTimeouts() throws Exception {
            try (DelayServer server = DelayServer.start(vertx, (n, request) -> { })) {
                long started = System.nanoTime();
                LoadEvidence e = run(server.target(), LoadSettings.of(20, Duration.ofSeconds(5)),
                        Duration.ofMillis(500));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
                assertThat(e.outcome()).isIn(Outcome.DEADLINE, Outcome.UNREACHABLE);
                assertThat(e.sent()).isBetween(5L, 15L);
                assertThat(e.errors().get(ErrorKind.TIMEOUT)).isEqualTo(e.sent());
            }
        }
    }

    @Nested
    class ClosedLoopWhoseFirstRequestIsNeverAnswered {
        @Test
        void theSweepTimesItOutAndTheWorkerGoesOnOnAFreshConnection() throws Exception {
            try (DelayServer server = DelayServer.start(vertx, (n, request) -> {
                if (n > 1) {
                    DelayServer.answerLater(vertx, request, 200, 0);
                } // the first request is never answered
            })) {
                LoadEvidence e = run(server.target(), LoadSettings.of(1, Duration.ofSeconds(1)).withConnections(1)
                        .withMode(LoadSettings.Mode.CLOSED).withRequestTimeout(Duration.ofMillis(200))
                        .withStopErrorRatio(1), Duration.ofSeconds(5));
                assertThat(e.outcome()).isEqualTo(Outcome.COMPLETED);
                // Exactly one timeout and no reset: the worker dropped the connection its reset closes.
                assertThat(e.errors()).containsExactly(java.util.Map.entry(ErrorKind.TIMEOUT, 1L));
                assertThat(e.answered()).isGreaterThan(10).isEqualTo(e.sent() - 1);
                // Noticed by the sweep: no earlier than the timeout, at most a sweep period (20 ms) later plus
                // scheduling slack on a busy machine.
                assertThat(ms(e.latency().max())).isBetween(200L, 400L);
            }
        }
    }

    @Nested
    class NothingListens {
        @Test
        void refusedConnectionsEndTheRunAsUnreachable() throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            LoadTarget target = new LoadTarget(URI.create("http://127.0.0.1:" + port), "127.0.0.1",
                    Optional.empty());
            LoadEvidence e = run(target, LoadSettings.of(100, Duration.ofSeconds(5)), Duration.ofSeconds(10));
            assertThat(e.outcome()).isEqualTo(Outcome.UNREACHABLE);
            assertThat(e.detail()).contains("none of the first");
            assertThat(e.errors()).containsKey(ErrorKind.CONNECT);
            assertThat(e.sent()).isLessThan(100);
        }
    }

    @Nested
    class ClosedLoop {
        @Test
        void eachConnectionSendsItsNextRequestWhenTheLastOneEnds() throws Exception {
            try (DelayServer server = DelayServer.start(vertx, DelayServer.delayed(vertx, 10))) {
                LoadEvidence e = run(server.target(), LoadSettings.of(1, Duration.ofSeconds(1)).withConnections(4)
                        .withMode(LoadSettings.Mode.CLOSED).withPaths(List.of("/a", "/b")), Duration.ofSeconds(5));
                assertThat(e.outcome()).isEqualTo(Outcome.COMPLETED);
                // 4 connections x ~1 s / ~10-12 ms each is ~330 on a quiet machine; the lower bound only needs to
                // show a closed loop (ten times the nominal 1/s per connection), so a busy CI machine cannot fail it.
                // The upper bound is the invariant: no connection can finish more than 1 s / 10 ms requests.
                assertThat(e.sent()).isBetween(40L, 400L);
                assertThat(e.errors()).isEmpty();
                assertThat(ms(e.latency().p50())).isBetween(9L, 30L);
            }
        }
    }
}
