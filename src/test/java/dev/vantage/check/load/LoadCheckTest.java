package dev.vantage.check.load;

import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.Phase;
import dev.vantage.probe.PhaseTimings;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpRequestSpec;
import dev.vantage.probe.http.RedirectChain;
import dev.vantage.probe.http.RedirectOutcome;
import dev.vantage.probe.load.LoadEvidence;
import dev.vantage.probe.load.LoadEvidence.ErrorKind;
import dev.vantage.probe.load.LoadEvidence.LatencySummary;
import dev.vantage.probe.load.LoadEvidence.Outcome;
import dev.vantage.probe.load.LoadSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The load checks on recorded evidence: thresholds, stop reasons, the degradation ratio. */
class LoadCheckTest {

    static final URI TARGET = URI.create("https://app.example");
    static final LoadSettings SETTINGS = LoadSettings.of(200, Duration.ofSeconds(10))
            .withPaths(List.of("/login"));
    final LoadCheck check = new LoadCheck(e -> Optional.empty());
    final LoadDegradationCheck degradation = new LoadDegradationCheck(e -> Optional.empty());

    static LatencySummary latency(long p95Millis) {
        Duration p95 = Duration.ofMillis(p95Millis);
        return new LatencySummary(2000, p95.dividedBy(2), p95.multipliedBy(9).dividedBy(10), p95,
                p95.multipliedBy(2), p95.multipliedBy(3), p95.multipliedBy(4), p95.dividedBy(2));
    }

    static LoadEvidence run(Outcome outcome, long p95Millis, Map<ErrorKind, Long> errors) {
        return new LoadEvidence(TARGET, SETTINGS, Instant.EPOCH, outcome, outcome == Outcome.COMPLETED ? ""
                : "why", Duration.ofSeconds(10), 2000, 2000, errors, latency(p95Millis), 199.9, 199.5,
                Duration.ofMillis(1), Optional.empty());
    }

    @Test
    void aFastErrorFreeRunPassesAndQuotesItsPercentiles() {
        Finding f = check.evaluate(Optional.of(run(Outcome.COMPLETED, 120, Map.of())));
        assertThat(f.verdict()).isEqualTo(Verdict.PASS);
        assertThat(f.result()).isEqualTo(LoadCheck.WITHIN);
        assertThat(f.observed()).contains("200 req/s for 10 s", "/login", "2000 sent", "199.9 req/s achieved",
                "no errors", "p95 120.0 ms", "p99 240.0 ms", "thresholds p95 < 300 ms", "errors <= 1.00%");
    }

    @Test
    void aP95AboveTheThresholdFails() {
        Finding f = check.evaluate(Optional.of(run(Outcome.COMPLETED, 301, Map.of())));
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.result()).isEqualTo(LoadCheck.P95_OVER);
        assertThat(f.remediation()).contains("300 ms");
    }

    @Test
    void errorsAboveTheBoundFailBeforeLatencyIsConsidered() {
        Finding f = check.evaluate(Optional.of(run(Outcome.COMPLETED, 500,
                Map.of(ErrorKind.STATUS_5XX, 30L, ErrorKind.TIMEOUT, 1L))));
        assertThat(f.result()).isEqualTo(LoadCheck.ERRORS_OVER);
        assertThat(f.observed()).contains("errors 1.55%", "30 status-5xx", "1 timeout");
        Finding exactlyAtBound = check.evaluate(Optional.of(run(Outcome.COMPLETED, 100,
                Map.of(ErrorKind.STATUS_4XX, 20L))));
        assertThat(exactlyAtBound.result()).isEqualTo(LoadCheck.WITHIN);
    }

    @Test
    void stopReasonsMapToTheirOwnResults() {
        assertThat(check.evaluate(Optional.of(run(Outcome.STOPPED_ERRORS, 10, Map.of(ErrorKind.RESET, 900L))))
                .result()).isEqualTo(LoadCheck.STOPPED);
        assertThat(check.evaluate(Optional.of(run(Outcome.DEADLINE, 10, Map.of()))).verdict())
                .isEqualTo(Verdict.WARN);
        assertThat(check.evaluate(Optional.of(run(Outcome.UNREACHABLE, 10, Map.of()))).result())
                .isEqualTo(LoadCheck.UNREACHABLE);
        Finding refused = check.evaluate(Optional.of(LoadEvidence.refused(TARGET, SETTINGS,
                "load run refused: token missing")));
        assertThat(refused.result()).isEqualTo(LoadCheck.REFUSED);
        assertThat(refused.observed()).contains("no load was sent", "token missing");
        assertThat(check.evaluate(Optional.empty()).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    }

    @Test
    void everyResultIsDeclared() {
        assertThat(check.results()).contains(LoadCheck.WITHIN, LoadCheck.P95_OVER, LoadCheck.ERRORS_OVER,
                LoadCheck.STOPPED, LoadCheck.DEADLINE, LoadCheck.UNREACHABLE, LoadCheck.REFUSED,
                LoadCheck.NOT_CONFIGURED, LoadCheck.CLOSED_LOOP);
        assertThat(LoadChecks.all()).extracting(c -> c.id())
                .containsExactly("performance.load", "performance.load-degradation");
    }

    @Test
    void degradationIsTheRatioOfLoadedToIdleP95() {
        Optional<LoadEvidence> load = Optional.of(run(Outcome.COMPLETED, 240, Map.of()));
        assertThat(degradation.evaluate(load, Optional.of(Duration.ofMillis(200))).result())
                .isEqualTo(LoadDegradationCheck.LOW);
        Finding moderate = degradation.evaluate(load, Optional.of(Duration.ofMillis(80)));
        assertThat(moderate.result()).isEqualTo(LoadDegradationCheck.MODERATE);
        assertThat(moderate.observed()).contains("3.0x");
        assertThat(degradation.evaluate(load, Optional.of(Duration.ofMillis(20))).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(degradation.evaluate(load, Optional.empty()).result())
                .isEqualTo(LoadDegradationCheck.NOT_MEASURED);
    }

    @Test
    void aSmallLoadedP95PassesWhateverTheRatio() {
        Optional<LoadEvidence> load = Optional.of(run(Outcome.COMPLETED, 12, Map.of()));
        assertThat(degradation.evaluate(load, Optional.of(Duration.ofMillis(1))).result())
                .isEqualTo(LoadDegradationCheck.LOW);
    }

    @Test
    void theIdleBaselineFallsBackToProcessingAndTransferOfThePageExchange() {
        LoadEvidence load = run(Outcome.COMPLETED, 400, Map.of());
        PhaseTimings timings = PhaseTimings.NONE.with(Phase.CONNECT, Duration.ofMillis(300))
                .with(Phase.PROCESSING, Duration.ofMillis(40)).with(Phase.TRANSFER, Duration.ofMillis(10));
        HttpExchange page = HttpExchange.failed(HttpRequestSpec.get(TARGET), timings,
                new ProbeFailure(FailureKind.RESET, "recorded"));
        SiteEvidence site = new SiteEvidence(TARGET, Instant.EPOCH, Duration.ofSeconds(1),
                new RedirectChain(List.of(page), RedirectOutcome.FAILED), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        Finding f = new LoadDegradationCheck(e -> Optional.of(load)).evaluate(site);
        assertThat(f.observed()).contains("50.0 ms idle", "8.0x");
        assertThat(f.result()).isEqualTo(LoadDegradationCheck.SEVERE);
        Finding known = new LoadDegradationCheck(e -> Optional.of(load.withIdleP95(Duration.ofMillis(300))))
                .evaluate(site);
        assertThat(known.result()).isEqualTo(LoadDegradationCheck.LOW);
        assertThat(new LoadCheck(e -> Optional.of(load)).evaluate(site).result()).isEqualTo(LoadCheck.P95_OVER);
    }
}
