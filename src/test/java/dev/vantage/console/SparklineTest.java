package dev.vantage.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SparklineTest {

    @Test
    void theFastestPulseIsAtTheBottomAndTheSlowestAtTheTopOfTheBox() {
        Sparkline s = Sparkline.of(List.of(10L, 30L, 20L));
        assertThat(s.points()).isEqualTo("0.0,23.0 60.0,1.0 120.0,12.0");
        assertThat(s.description()).isEqualTo("pulse times of the last 3 pulses, from 10 ms to 30 ms");
    }

    @Test
    void aFlatSeriesIsDrawnMidHeightAndNoPulseDrawsNothing() {
        assertThat(Sparkline.of(List.of(5L, 5L)).points()).isEqualTo("0.0,12.0 120.0,12.0");
        assertThat(Sparkline.of(List.of(7L))).as("one pulse").isEqualTo(new Sparkline("0.0,12.0 120.0,12.0",
                "pulse times of the last 1 pulses, from 7 ms to 7 ms"));
        assertThat(Sparkline.of(List.of()).isEmpty()).isTrue();
    }
}
