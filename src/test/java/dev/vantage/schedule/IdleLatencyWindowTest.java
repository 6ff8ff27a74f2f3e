package dev.vantage.schedule;

import dev.vantage.probe.Phase;
import dev.vantage.report.IdleLatency;
import dev.vantage.report.ProbeSummary;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The idle latency window: nearest-rank percentiles per phase, bounded by time and count, no unanswered probes. */
class IdleLatencyWindowTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static ProbeSummary probe(int status, long connectMs, long processingMs, long transferMs) {
        Map<Phase, Duration> phases = new EnumMap<>(Phase.class);
        phases.put(Phase.RESOLVE, Duration.ofMillis(1));
        phases.put(Phase.CONNECT, Duration.ofMillis(connectMs));
        phases.put(Phase.PROCESSING, Duration.ofMillis(processingMs));
        phases.put(Phase.TRANSFER, Duration.ofMillis(transferMs));
        return new ProbeSummary(status, 1.1, false, phases, 0, -1, Optional.empty(), Optional.empty());
    }

    final ManualClock clock = new ManualClock();
    final IdleLatencyWindow window = new IdleLatencyWindow(Duration.ofMinutes(10), clock);

    @Test
    void percentilesAreNearestRankPerPhaseAndRequestIsProcessingPlusTransfer() {
        IntStream.rangeClosed(1, 100).forEach(i -> window.add("shop", probe(200, i, 10 * i, 1)));
        IdleLatency idle = window.snapshot("shop").orElseThrow();
        assertThat(idle.samples()).isEqualTo(100);
        assertThat(idle.phases().keySet()).containsExactly("connect", "processing", "request", "total");
        IdleLatency.Percentiles processing = idle.phases().get("processing");
        assertThat(List.of(processing.p50(), processing.p90(), processing.p95(), processing.p99())).containsExactly(
                Duration.ofMillis(500), Duration.ofMillis(900), Duration.ofMillis(950), Duration.ofMillis(990));
        assertThat(idle.requestP95()).contains(Duration.ofMillis(951));
        assertThat(idle.phases().get("total").p50()).isEqualTo(Duration.ofMillis(1 + 50 + 500 + 1));
    }

    @Test
    void oneSlowProbeInTwentyShowsInP99ButNotInP50() {
        IntStream.range(0, 19).forEach(i -> window.add("shop", probe(200, 1, 20, 0)));
        window.add("shop", probe(200, 1, 2_000, 0));
        IdleLatency.Percentiles p = window.snapshot("shop").orElseThrow().phases().get("processing");
        assertThat(p.p50()).isEqualTo(Duration.ofMillis(20));
        assertThat(p.p99()).isEqualTo(Duration.ofMillis(2_000));
    }

    @Test
    void unansweredProbesOldSamplesAndForgottenTargetsAreNotCounted() {
        window.add("shop", probe(0, 5, 5, 5));
        assertThat(window.snapshot("shop")).isEmpty();
        window.add("shop", probe(200, 5, 700, 0));
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        window.add("shop", probe(200, 5, 30, 0));
        assertThat(window.snapshot("shop").orElseThrow().samples()).isEqualTo(2);
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        IdleLatency recent = window.snapshot("shop").orElseThrow();
        assertThat(recent.samples()).as("the first sample left the 10 min window").isEqualTo(1);
        assertThat(recent.phases().get("processing").p99()).isEqualTo(Duration.ofMillis(30));
        window.forget("shop");
        assertThat(window.snapshot("shop")).isEmpty();
        assertThat(window.snapshot("never")).isEmpty();
    }

    @Test
    void theWindowKeepsAtMostItsSampleCap() {
        IntStream.range(0, IdleLatencyWindow.MAX_SAMPLES + 50).forEach(i -> window.add("shop", probe(200, 1, 1, 0)));
        assertThat(window.snapshot("shop").orElseThrow().samples()).isEqualTo(IdleLatencyWindow.MAX_SAMPLES);
    }
}
