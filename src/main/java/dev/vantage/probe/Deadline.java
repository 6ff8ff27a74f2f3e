package dev.vantage.probe;

import java.time.Duration;

/** An absolute point in monotonic time by which a probe must have finished, shared by all its steps. */
public record Deadline(long expiresAtNanos) {

    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, expiresAtNanos - System.nanoTime()));
    }

    public boolean passed() {
        return System.nanoTime() - expiresAtNanos >= 0;
    }

    /** Whole milliseconds left, at least 1 so it can be handed to timers that reject 0. */
    public long remainingMillis() {
        return Math.max(1, remaining().toMillis());
    }
}
