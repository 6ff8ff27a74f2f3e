package dev.vantage.probe;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * An absolute point in monotonic time by which a probe must have finished, shared by all its steps. The clock is
 * injected (nanoseconds, like {@link System#nanoTime()}) so deadline logic is tested without waiting.
 */
public record Deadline(long expiresAtNanos, LongSupplier clock) {

    /** A deadline on the system's monotonic clock. */
    public Deadline(long expiresAtNanos) {
        this(expiresAtNanos, System::nanoTime);
    }

    public static Deadline in(Duration budget) {
        return in(budget, System::nanoTime);
    }

    public static Deadline in(Duration budget, LongSupplier clock) {
        return new Deadline(clock.getAsLong() + budget.toNanos(), clock);
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, expiresAtNanos - clock.getAsLong()));
    }

    public boolean passed() {
        return clock.getAsLong() - expiresAtNanos >= 0;
    }

    /** Whole milliseconds left, at least 1 so it can be handed to timers that reject 0. */
    public long remainingMillis() {
        return Math.max(1, remaining().toMillis());
    }
}
