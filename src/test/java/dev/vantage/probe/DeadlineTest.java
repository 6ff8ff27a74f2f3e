package dev.vantage.probe;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The deadline on an injected clock: no waiting, no real time read. */
class DeadlineTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void countsDownOnItsClockAndPassesExactlyAtExpiry() {
        Deadline deadline = Deadline.in(Duration.ofMillis(300), now::get);

        assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(300));
        now.addAndGet(Duration.ofMillis(299).toNanos());
        assertThat(deadline.passed()).isFalse();
        assertThat(deadline.remainingMillis()).isEqualTo(1);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(deadline.passed()).isTrue();
        assertThat(deadline.remaining()).isZero();
        assertThat(deadline.remainingMillis()).as("timers reject 0").isEqualTo(1);
    }

    @Test
    void survivesTheClockWrappingAround() {
        now.set(Long.MAX_VALUE - 10);
        Deadline deadline = Deadline.in(Duration.ofNanos(100), now::get);

        now.addAndGet(50);
        assertThat(deadline.passed()).isFalse();
        now.addAndGet(50);
        assertThat(deadline.passed()).isTrue();
    }
}
