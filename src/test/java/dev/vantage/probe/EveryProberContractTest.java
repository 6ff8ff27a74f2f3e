package dev.vantage.probe;

import dev.vantage.fixtures.LoopbackSite;
import dev.vantage.fixtures.RawServer;
import dev.vantage.probe.exposure.ExposureProbe;
import dev.vantage.probe.exposure.ExposureSettings;
import dev.vantage.probe.http.CorsProbe;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.http.PageProbe;
import dev.vantage.probe.http.RedirectChain;
import dev.vantage.probe.http.UpgradeProbe;
import dev.vantage.probe.load.LoadRunProbe;
import dev.vantage.probe.load.LoadSettings;
import dev.vantage.probe.ratelimit.RateLimitProbe;
import dev.vantage.probe.ratelimit.RateLimitSettings;
import dev.vantage.probe.tls.TlsProbe;
import dev.vantage.probe.tls.TrustStores;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The part of the {@link ProberContract} every {@link Prober} keeps, whatever it sends: against a refused port, a
 * silent server, garbage and a reset mid-response, its future completes with evidence within the run's deadline
 * (plus the opt-in burst's and load run's own bounds) and never fails. Each prober gets the scope a real run gives
 * it: the plan, and the page chain the page probe found against the same server.
 */
class EveryProberContractTest {

    static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().await();
    }

    /** Opt-in probes configured small, so they really send against the misbehaving servers. */
    static ProbeOptions options() {
        return ProbeOptions.defaults().withTimeout(Duration.ofMillis(600))
                .withRateLimit(RateLimitSettings.of("/").withMaxRequests(5).withMaxRate(10)
                        .withMaxDuration(Duration.ofSeconds(1)).withMaxRecoveryWait(Duration.ofMillis(100)))
                .withLoad(LoadSettings.of(10, Duration.ofSeconds(1)).withConnections(2)
                        .withRequestTimeout(Duration.ofMillis(300)));
    }

    static List<BiFunction<Vertx, HttpProber, Prober<?>>> probers() {
        TrustStores trust = TrustStores.load(Optional.empty());
        return List.of(
                (v, http) -> new PageProbe(http),
                (v, http) -> new UpgradeProbe(http),
                (v, http) -> new CorsProbe(http),
                (v, http) -> new TlsProbe(v),
                (v, http) -> new ExposureProbe(v, trust, ExposureSettings.defaults()),
                (v, http) -> new RateLimitProbe(v, trust),
                (v, http) -> new LoadRunProbe(v, http));
    }

    static Stream<Arguments> cases() {
        List<RawServer.Behaviour> servers = List.of(RawServer.silent(),
                RawServer.garbage("SSH-2.0-OpenSSH_9.6 not http\r\n\r\n"),
                RawServer.resetAfter("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly a little"));
        List<String> names = List.of("silent", "garbage", "reset mid-response");
        return Stream.iterate(0, i -> i + 1).limit(probers().size()).flatMap(p -> Stream.concat(
                Stream.of(Arguments.of(p, "refused", null)),
                Stream.iterate(0, i -> i + 1).limit(servers.size())
                        .map(s -> Arguments.of(p, names.get(s), servers.get(s)))));
    }

    @ParameterizedTest(name = "prober {0} against a {1} server")
    @MethodSource("cases")
    void completesWithEvidenceAndNeverFails(int proberIndex, String server, RawServer.Behaviour behaviour)
            throws Exception {
        RawServer raw = behaviour == null ? null : RawServer.start(vertx, behaviour);
        try {
            int port = raw == null ? LoopbackSite.refusedPort() : raw.url("/").getPort();
            for (String scheme : List.of("http", "https")) {
                URI url = URI.create(scheme + "://127.0.0.1:" + port + "/");
                RunPlan plan = RunPlan.everything(url, options());
                HttpProber http = new HttpProber(vertx, plan.options());
                try {
                    Prober<?> prober = probers().get(proberIndex).apply(vertx, http);
                    RedirectChain page = new PageProbe(http).probe(ProbeScope.of(plan),
                            Deadline.in(plan.options().timeout())).await(15, TimeUnit.SECONDS);
                    ProbeScope scope = prober.kind() == ProbeKind.PAGE || prober.kind() == ProbeKind.HTTP_UPGRADE
                            || prober.kind() == ProbeKind.TLS_INSPECTION ? ProbeScope.of(plan)
                            : ProbeScope.of(plan).after(page);
                    // await throws if the future failed or never completed: that is the contract under test.
                    Object evidence = prober.probe(scope, Deadline.in(plan.options().timeout()))
                            .await(20, TimeUnit.SECONDS);
                    assertThat(evidence).as("%s over %s against a %s server", prober.kind(), scheme, server)
                            .isNotNull();
                } finally {
                    http.close().await();
                }
            }
        } finally {
            if (raw != null) {
                raw.close();
            }
        }
    }
}
