package dev.vantage.store;

import dev.vantage.grade.Grade;
import dev.vantage.probe.Phase;
import dev.vantage.probe.RunKind;
import dev.vantage.report.ProbeSummary;
import dev.vantage.report.Report;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the compact pulse store must do on every supported database (run by the repository tests of each). */
interface PulseStoreContract {

    Database database();

    Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    static Report pulse(Instant at, int status, Grade grade) {
        Map<Phase, Duration> phases = new EnumMap<>(Phase.class);
        phases.put(Phase.CONNECT, Duration.ofNanos(1_234_567));
        phases.put(Phase.TLS, Duration.ofMillis(3));
        phases.put(Phase.PROCESSING, Duration.ofMillis(20));
        phases.put(Phase.TRANSFER, Duration.ofNanos(500_000));
        ProbeSummary summary = new ProbeSummary(status, 1.1, true, phases, 0, 512,
                Optional.of(at.plus(Duration.ofDays(40))), Optional.of("TLSv1.3"));
        return new Report(URI.create("https://shop.example/"), at, Duration.ofMillis(30), grade, 95, "v7", List.of(),
                List.of(), List.of(), Optional.empty(), summary, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    default void anUnchangedPulseIsPackedAndReadBackWithEveryFactTheReadersUse() {
        ResultRepository results = new ResultRepository(database().dataSource());
        Instant at = T0.plusMillis(61_234);
        long id = results.insert("shop", RunKind.PULSE, pulse(at, 200, Grade.A), Optional.empty(), Optional.of("n1"),
                Optional.of(at.minusMillis(34)));

        assertThat(id).isEqualTo(ResultRepository.PACKED);
        assertThat(results.pulses("shop", T0, T0.plusSeconds(3600))).singleElement().satisfies(p -> {
            assertThat(p.at()).isEqualTo(at);
            assertThat(p.node()).isEqualTo("n1");
            assertThat(p.scheduledAt()).contains(at.minusMillis(34));
            assertThat(p.status()).isEqualTo(200);
            assertThat(p.grade()).isEqualTo("A");
            assertThat(p.connectUs()).isEqualTo(1234);
            assertThat(p.totalUs()).isEqualTo(1234 + 3000 + 20000 + 500);
            assertThat(p.tlsVersion()).contains("TLSv1.3");
            // Whole minutes after the pulse's second: the expiry check reads days.
            assertThat(p.certExpiry()).contains(at.plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS));
        });
        assertThat(results.history("shop", T0, 10)).singleElement()
                .satisfies(r -> assertThat(r.kind()).isEqualTo(RunKind.PULSE))
                .satisfies(r -> assertThat(r.scoringVersion()).isEqualTo("v7"));
        assertThat(results.recentLatencies("shop", T0, 720)).singleElement()
                .satisfies(w -> assertThat(w.get("request")).isEqualTo(Duration.ofNanos(20_500_000)));
        assertThat(results.pulses().newest("shop")).contains(at);
    }

    @Test
    default void fullRowsAndPackedPulsesReadAsOneNewestFirstHistory() {
        ResultRepository results = new ResultRepository(database().dataSource());
        results.insert("shop", RunKind.PULSE, pulse(T0, 200, Grade.A), Optional.of("{}"));
        for (int i = 1; i <= 130; i++) {
            results.insert("shop", RunKind.PULSE, pulse(T0.plusSeconds(60L * i), i % 10 == 0 ? 503 : 200, Grade.A),
                    Optional.empty());
        }
        results.insert("shop", RunKind.AUDIT, pulse(T0.plusSeconds(90), 200, Grade.B), Optional.of("{}"));

        assertThat(results.count("shop")).isEqualTo(132);
        List<ResultSummary> page = results.history("shop", Instant.EPOCH, 5);
        assertThat(page).extracting(ResultSummary::probedAt).containsExactly(T0.plusSeconds(7800),
                T0.plusSeconds(7740), T0.plusSeconds(7680), T0.plusSeconds(7620), T0.plusSeconds(7560));
        List<ResultSummary> all = results.history("shop", Instant.EPOCH, 1000);
        assertThat(all).hasSize(132);
        assertThat(all.get(all.size() - 1).probedAt()).isEqualTo(T0);
        assertThat(all.get(all.size() - 3).kind()).as("the audit between the first two pulses")
                .isEqualTo(RunKind.AUDIT);
        assertThat(results.pulses("shop", T0, T0.plusSeconds(7801))).hasSize(131);
    }

    @Test
    default void uptimeCountsWholeHoursFromTheCountersAndDecodesOnlyTheEdges() {
        ResultRepository results = new ResultRepository(database().dataSource());
        PulseRepository pulses = results.pulses();
        for (int i = 0; i < 180; i++) {   // three hours, one pulse a minute, every tenth one down
            results.insert("shop", RunKind.PULSE, pulse(T0.plusSeconds(60L * i), i % 10 == 9 ? 503 : 200, Grade.A),
                    Optional.empty());
        }
        assertThat(pulses.uptimeCounts("shop", T0, T0.plusSeconds(3 * 3600))).containsExactly(180, 162);
        assertThat(pulses.uptimeCounts("shop", T0.plusSeconds(1800), T0.plusSeconds(9000)))
                .as("half an hour, a whole hour, half an hour").containsExactly(120, 108);
        assertThat(pulses.uptimeCounts("shop", T0.plusSeconds(600), T0.plusSeconds(1200))).containsExactly(10, 9);

        pulses.markMaintenance("shop", T0.plusSeconds(60L * 9));
        pulses.markMaintenance("shop", T0.plusSeconds(60L * 10));
        assertThat(pulses.uptimeCounts("shop", T0, T0.plusSeconds(3 * 3600))).as("maintenance left out")
                .containsExactly(178, 161);
        assertThat(results.pulses("shop", T0, T0.plusSeconds(3600)).stream().filter(PackedPulse::maintenance))
                .hasSize(2);
    }

    @Test
    default void twoNodesAppendingTheSameTargetAndHourKeepEveryPulse() throws Exception {
        ResultRepository a = new ResultRepository(database().dataSource());
        ResultRepository b = new ResultRepository(database().dataSource());
        int each = 40;
        Thread other = new Thread(() -> {
            for (int i = 0; i < each; i++) {
                b.insert("shop", RunKind.PULSE, pulse(T0.plusMillis(2 * i + 1), 200, Grade.A), Optional.empty(),
                        Optional.of("node-b"), Optional.empty());
            }
        });
        other.start();
        for (int i = 0; i < each; i++) {
            a.insert("shop", RunKind.PULSE, pulse(T0.plusMillis(2 * i), 200, Grade.A), Optional.empty(),
                    Optional.of("node-a"), Optional.empty());
        }
        other.join();
        List<PackedPulse> stored = a.pulses("shop", T0, T0.plusSeconds(60));
        assertThat(stored).hasSize(2 * each);
        assertThat(stored.stream().filter(p -> p.node().equals("node-b"))).hasSize(each);
    }

    @Test
    default void retentionDeletesWholeHoursAndDeletingATargetDeletesItsPulses() {
        ResultRepository results = new ResultRepository(database().dataSource());
        for (int h = 0; h < 3; h++) {
            results.insert("shop", RunKind.PULSE, pulse(T0.plus(Duration.ofHours(h)).plusSeconds(59 * 60), 200,
                    Grade.A), Optional.empty());
            results.insert("blog", RunKind.PULSE, pulse(T0.plus(Duration.ofHours(h)), 200, Grade.A), Optional.empty());
        }
        results.deleteOlderThan(T0.plus(Duration.ofMinutes(90)));
        assertThat(results.pulses("shop", Instant.EPOCH, T0.plus(Duration.ofDays(1)))).as("the hour that ended")
                .hasSize(2);
        results.deleteTarget("shop");
        assertThat(results.count("shop")).isZero();
        assertThat(results.count("blog")).isEqualTo(2);
    }
}
