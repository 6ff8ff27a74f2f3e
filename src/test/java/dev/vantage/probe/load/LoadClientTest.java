package dev.vantage.probe.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeout sweep's period; the sweep itself is exercised against silent servers in {@link LoadRunnerTest}. */
class LoadClientTest {

    @Test
    void theSweepRunsTenTimesPerTimeoutWithinOneAndFiftyMilliseconds() {
        assertThat(LoadClient.sweepMillis(5_000)).isEqualTo(LoadClient.MAX_SWEEP_MILLIS);
        assertThat(LoadClient.sweepMillis(300)).isEqualTo(30);
        assertThat(LoadClient.sweepMillis(200)).isEqualTo(20);
        assertThat(LoadClient.sweepMillis(5)).isEqualTo(1);
    }
}
