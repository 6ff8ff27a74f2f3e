package dev.vantage.probe.load;

import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.load.LoadEvidence.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The guarded entry point: ownership verification, the global cap on concurrent runs, closed loop on loopback. */
class LoadProbeTest {

    static Vertx vertx;
    static HttpProber http;
    static final String TOKEN = Ownership.newToken();
    static final LoadSettings SMALL = LoadSettings.of(50, Duration.ofMillis(400));

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        http = new HttpProber(vertx, ProbeOptions.defaults().withTimeout(Duration.ofSeconds(3)));
    }

    @AfterAll
    static void stop() {
        http.close().await();
        vertx.close().await();
    }

    /** Serves {@code tokenFile} (null: 404) at the well-known path and 200 everywhere else. */
    static BiConsumer<Integer, HttpServerRequest> serving(String tokenFile) {
        return (n, request) -> {
            if (request.path().equals(Ownership.WELL_KNOWN_PATH)) {
                if (tokenFile == null) {
                    request.response().setStatusCode(404).end("not found");
                } else {
                    request.response().putHeader("Content-Type", "text/plain").end(tokenFile);
                }
            } else {
                request.response().end("ok");
            }
        };
    }

    static LoadEvidence verified(DelayServer server, String token) throws Exception {
        return LoadProbe.runVerified(vertx, http, server.url(), SMALL, Duration.ofSeconds(5), token)
                .await(10, TimeUnit.SECONDS);
    }

    @Nested
    class TokenMissing {
        @Test
        void theRunIsRefusedWithAClearMessageAndNothingIsSent() throws Exception {
            try (DelayServer server = DelayServer.start(vertx, serving(null))) {
                LoadEvidence e = verified(server, TOKEN);
                assertThat(e.outcome()).isEqualTo(Outcome.REFUSED);
                assertThat(e.detail()).contains("load run refused", Ownership.WELL_KNOWN_PATH, "answered 404",
                        "serve the token " + TOKEN, "DNS TXT verification is not possible for the IP-literal target");
                assertThat(server.requests.get()).isZero();
                assertThat(e.sent()).isZero();
            }
        }
    }

    @Nested
    class WrongToken {
        @Test
        void theRunIsRefused() throws Exception {
            try (DelayServer server = DelayServer.start(vertx, serving(Ownership.newToken() + "\n"))) {
                LoadEvidence e = verified(server, TOKEN);
                assertThat(e.outcome()).isEqualTo(Outcome.REFUSED);
                assertThat(e.detail()).contains("does not contain the expected verification token");
                assertThat(server.requests.get()).isZero();
            }
        }

        @Test
        void aMalformedStoredTokenIsRefusedBeforeAnyFetch() throws Exception {
            try (DelayServer server = DelayServer.start(vertx, serving("x"))) {
                LoadEvidence e = verified(server, "x");
                assertThat(e.outcome()).isEqualTo(Outcome.REFUSED);
                assertThat(e.detail()).contains("no valid verification token is stored");
            }
        }
    }

    @Nested
    class TokenServed {
        @Test
        void theRunGoesAheadAmongOtherTokens() throws Exception {
            String file = "# verification tokens\n" + Ownership.newToken() + "\n  " + TOKEN + "  \n";
            try (DelayServer server = DelayServer.start(vertx, serving(file))) {
                LoadEvidence e = verified(server, TOKEN);
                assertThat(e.outcome()).isEqualTo(Outcome.COMPLETED);
                assertThat(e.sent()).isEqualTo(20);
                assertThat(server.requests.get()).isEqualTo(20);
            }
        }
    }

    @Nested
    class GlobalCaps {
        @Test
        void aThirdConcurrentRunIsRefused() throws Exception {
            try (DelayServer server = DelayServer.start(vertx, DelayServer.delayed(vertx, 0))) {
                LoadSettings slow = LoadSettings.of(10, Duration.ofMillis(600));
                Future<LoadEvidence> first = LoadProbe.run(vertx, server.url(), slow, Duration.ofSeconds(5));
                Future<LoadEvidence> second = LoadProbe.run(vertx, server.url(), slow, Duration.ofSeconds(5));
                LoadEvidence third = LoadProbe.run(vertx, server.url(), slow, Duration.ofSeconds(5))
                        .await(5, TimeUnit.SECONDS);
                assertThat(third.outcome()).isEqualTo(Outcome.REFUSED);
                assertThat(third.detail()).contains("2 load runs are already in progress");
                assertThat(first.await(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.COMPLETED);
                assertThat(second.await(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.COMPLETED);
                LoadEvidence after = LoadProbe.run(vertx, server.url(), SMALL, Duration.ofSeconds(5))
                        .await(5, TimeUnit.SECONDS);
                assertThat(after.outcome()).as("slots are released").isEqualTo(Outcome.COMPLETED);
            }
        }

        @Test
        void closedLoopIsRefusedAwayFromLoopbackWithoutSendingAnything() throws Exception {
            LoadEvidence e = LoadProbe.run(vertx, URI.create("http://10.255.255.1:8080/"),
                    SMALL.withMode(LoadSettings.Mode.CLOSED), Duration.ofSeconds(5)).await(5, TimeUnit.SECONDS);
            assertThat(e.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(e.detail()).contains("closed-loop", "loopback only", "10.255.255.1");
        }

        @Test
        void addressesThePolicyForbidsAreRefused() throws Exception {
            LoadEvidence e = LoadProbe.run(vertx, URI.create("http://127.0.0.1:9/"), SMALL, Duration.ofSeconds(5),
                    ProbeOptions.defaults().withAddressPolicy(dev.vantage.probe.AddressPolicy.PUBLIC_ONLY))
                    .await(5, TimeUnit.SECONDS);
            assertThat(e.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(e.detail()).contains("loopback");
        }

        @Test
        void nonHttpTargetsAreRefused() throws Exception {
            LoadEvidence e = LoadProbe.run(vertx, URI.create("ftp://127.0.0.1/"), SMALL, Duration.ofSeconds(5))
                    .await(5, TimeUnit.SECONDS);
            assertThat(e.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(e.detail()).contains("must be an absolute http or https URL");
        }
    }

    @Test
    void theBudgetCoversWarmupDurationLastAnswersAndSetUpUnderTheHardCap() {
        var settings = LoadSettings.of(10, Duration.ofSeconds(60))
                .withWarmup(Duration.ofSeconds(10)).withRequestTimeout(Duration.ofSeconds(10));
        assertThat(LoadProbe.budget(settings)).isEqualTo(Duration.ofSeconds(85));
        assertThat(LoadProbe.budget(LoadSettings.of(10, Duration.ofSeconds(1))))
                .isEqualTo(Duration.ofSeconds(11));
        assertThat(LoadProbe.budget(settings.withRequestTimeout(Duration.ofSeconds(10)).withWarmup(Duration.ofSeconds(10))))
                .isLessThanOrEqualTo(LoadProbe.HARD_MAX_DEADLINE);
    }
}
