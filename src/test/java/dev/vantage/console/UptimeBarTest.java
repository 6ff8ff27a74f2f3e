package dev.vantage.console;

import dev.vantage.incident.UptimeRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The status page's 90-day bar: one UTC day per segment, its state and title, and the overall sentence. */
class UptimeBarTest {

    private static final Instant NOW = Instant.parse("2026-11-30T15:00:00Z");

    @Test
    void eachOfTheLastNinetyDaysIsOneSegmentWithItsShareUp() {
        List<Instant> asked = new ArrayList<>();
        UptimeBar bar = UptimeBar.of(NOW, (since, until) -> {
            asked.add(since);
            LocalDate day = since.atZone(ZoneOffset.UTC).toLocalDate();
            if (day.equals(LocalDate.parse("2026-11-30"))) {
                return new UptimeRepository.Counts(900, 900);
            }
            if (day.equals(LocalDate.parse("2026-11-29"))) {
                return new UptimeRepository.Counts(1440, 1439);
            }
            if (day.equals(LocalDate.parse("2026-11-28"))) {
                return new UptimeRepository.Counts(1440, 100);
            }
            return new UptimeRepository.Counts(0, 0);
        });
        assertThat(bar.days()).hasSize(90);
        assertThat(asked.get(0)).isEqualTo(Instant.parse("2026-09-02T00:00:00Z"));
        assertThat(asked.get(89)).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(bar.days().get(89).state()).isEqualTo("up");
        assertThat(bar.days().get(88).state()).isEqualTo("partial");
        assertThat(bar.days().get(88).title()).isEqualTo("2026-11-29: 99.93% up (1439 of 1440 pulses)");
        assertThat(bar.days().get(87).state()).isEqualTo("down");
        assertThat(bar.days().get(0).state()).isEqualTo("none");
        assertThat(bar.days().get(0).title()).isEqualTo("2026-09-02: no data");
        assertThat(bar.days().get(89).x()).isEqualTo(89 * (UptimeBar.SEGMENT + UptimeBar.GAP));
        assertThat(bar.summary()).isEqualTo("64.52% up over the last 90 days (3,780 pulses)");
    }

    @Test
    void oneFailedPulseInAMillionIsNotRoundedUpToAHundredPercent() {
        assertThat(UptimeBar.percent(999_999 / 1_000_000.0)).isEqualTo("99.99%");
        assertThat(UptimeBar.of(NOW, (a, b) -> new UptimeRepository.Counts(0, 0)).summary())
                .isEqualTo("no pulses stored in the last 90 days");
    }
}
