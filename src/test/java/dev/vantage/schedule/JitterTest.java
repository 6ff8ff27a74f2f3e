package dev.vantage.schedule;

import dev.vantage.probe.RunKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class JitterTest {

    static final Instant NOW = Instant.parse("2026-11-30T10:00:00.250Z");
    static final Duration MINUTE = Duration.ofSeconds(60);

    @Test
    void aThousandTargetsAtSixtySecondsDoNotAllFireAtTheTopOfTheMinute() {
        Set<Long> seconds = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Instant first = Jitter.firstFire("target-" + i, RunKind.PULSE, MINUTE, NOW);
            assertThat(first).isAfterOrEqualTo(NOW).isBefore(NOW.plus(MINUTE));
            seconds.add(first.getEpochSecond() % 60);
        }
        assertThat(seconds).as("distinct seconds of the minute used").hasSizeGreaterThan(50);
    }

    @Test
    void theOffsetIsStableAcrossRestartsAndNodes() {
        Instant a = Jitter.firstFire("shop", RunKind.PULSE, MINUTE, NOW);
        Instant b = Jitter.firstFire("shop", RunKind.PULSE, MINUTE, NOW.plusSeconds(3600));
        assertThat(Duration.between(a, b).toMillis() % MINUTE.toMillis()).as("same phase an hour later").isZero();
        assertThat(Jitter.offset("shop", RunKind.PULSE, MINUTE)).isEqualTo(Jitter.offset("shop", RunKind.PULSE, MINUTE));
    }

    @Test
    void aNewTargetsFirstAuditComesWithinAMinuteNotADay() {
        Instant first = Jitter.firstFire("shop", RunKind.AUDIT, Duration.ofHours(24), NOW);
        assertThat(first).isAfterOrEqualTo(NOW).isBefore(NOW.plus(Jitter.FIRST_SLOW_RUN_WINDOW));
    }

    @Test
    void manyNewTargetsSpreadTheirFirstAuditsInsteadOfAStormInTheFirstMinute() {
        assertThat(Jitter.firstSlowRunWindow(3)).isEqualTo(Jitter.FIRST_SLOW_RUN_WINDOW);
        Duration window = Jitter.firstSlowRunWindow(10_000);
        assertThat(window).isEqualTo(Duration.ofSeconds(20_000));
        long inFirstMinute = java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> Jitter.firstFire("target-" + i, RunKind.AUDIT, Duration.ofHours(24), NOW, window))
                .filter(t -> t.isBefore(NOW.plus(MINUTE))).count();
        assertThat(inFirstMinute).as("first audits of 10,000 new targets due in the first minute").isLessThan(100);
    }
}
