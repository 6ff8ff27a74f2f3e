package dev.vantage.probe.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The arrival schedule on a fake clock: no sleeping, exact expectations. */
class RateSchedulerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private RateScheduler scheduler(double rate, Duration span) {
        RateScheduler s = new RateScheduler(rate, span, now::get);
        s.start();
        return s;
    }

    private long drain(RateScheduler s) {
        long due = s.due();
        for (long i = 0; i < due; i++) {
            s.take();
        }
        return due;
    }

    @Test
    void theFirstRequestIsDueAtTheStartAndTheNextOneIntervalLater() {
        RateScheduler s = scheduler(100, Duration.ofSeconds(1));
        assertThat(s.intervalNanos()).isEqualTo(10_000_000L);
        assertThat(drain(s)).isEqualTo(1);
        now.addAndGet(9_999_999L);
        assertThat(s.due()).isZero();
        assertThat(s.nanosUntilNext()).isEqualTo(1);
        now.addAndGet(1);
        assertThat(drain(s)).isEqualTo(1);
    }

    @Test
    void aLateTickCatchesUpWithEveryMissedArrivalAndKeepsTheirIntendedTimes() {
        RateScheduler s = scheduler(1000, Duration.ofSeconds(1));
        long start = now.get();
        drain(s);
        now.addAndGet(50_000_000L); // a 50 ms stall of the client: 50 arrivals were missed, none skipped
        assertThat(s.due()).isEqualTo(50);
        long first = s.take();
        assertThat(s.intendedNanos(first)).isEqualTo(start + 1_000_000L);
        assertThat(s.due()).isEqualTo(49);
    }

    @Test
    void arrivalsDoNotDependOnCompletions() {
        RateScheduler s = scheduler(200, Duration.ofSeconds(2));
        long sent = 0;
        for (int ms = 0; ms < 2000; ms++) {
            sent += drain(s); // nothing ever completes: the open model keeps sending
            now.addAndGet(1_000_000L);
        }
        assertThat(sent).isEqualTo(400);
        assertThat(s.finished()).isTrue();
    }

    @Test
    void theTotalIsRateTimesSpanAndNothingIsDueAfterIt() {
        RateScheduler s = scheduler(500, Duration.ofMillis(100));
        assertThat(s.total()).isEqualTo(50);
        now.addAndGet(10_000_000_000L);
        assertThat(drain(s)).isEqualTo(50);
        assertThat(s.due()).isZero();
        assertThat(s.finished()).isTrue();
        assertThatThrownBy(s::take).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fractionalRatesKeepTheirAverage() {
        RateScheduler s = scheduler(3, Duration.ofSeconds(10));
        assertThat(s.total()).isEqualTo(30);
        now.addAndGet(5_000_000_000L);
        assertThat(drain(s)).isEqualTo(16); // t = 0, 1/3 s, ... 5 s inclusive
    }

    @Test
    void nothingIsDueBeforeStart() {
        RateScheduler s = new RateScheduler(10, Duration.ofSeconds(1), now::get);
        assertThat(s.due()).isZero();
    }
}
