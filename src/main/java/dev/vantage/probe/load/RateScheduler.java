package dev.vantage.probe.load;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The arrival schedule of an open-model run: request {@code i} is intended to start at
 * {@code start + i * interval}, whatever happened to earlier requests. The {@link SendPacer} waits
 * {@link #nanosUntilNext()} and takes each request in turn; a late pacer catches up, and latency is measured from
 * the intended time, not the actual send (coordinated-omission correction). The clock is injected so the schedule
 * is tested without sleeping. Not thread-safe: one thread drives it (the pacer's, in a run).
 */
public final class RateScheduler {

    private final LongSupplier clock;
    private final long intervalNanos;
    private final long total;
    private long startNanos;
    private long next;
    private boolean started;

    /** {@code rate} requests per second over {@code span}: {@code ceil(rate * span)} requests in all. */
    public RateScheduler(double rate, Duration span, LongSupplier clock) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate " + rate + " must be above 0");
        }
        this.clock = clock;
        this.intervalNanos = Math.max(1, Math.round(1e9 / rate));
        this.total = Math.max(1, (long) Math.ceil(rate * (span.toNanos() / 1e9) - 1e-9));
    }

    /** Fixes request 0 at the clock's current time. */
    public void start() {
        startNanos = clock.getAsLong();
        started = true;
    }

    /** Requests due now and not yet taken (0 before {@link #start()} and after the last one). */
    public long due() {
        if (!started || next >= total) {
            return 0;
        }
        long elapsed = clock.getAsLong() - startNanos;
        if (elapsed < 0) {
            return 0;
        }
        long dueUpTo = Math.min(total, elapsed / intervalNanos + 1);
        return Math.max(0, dueUpTo - next);
    }

    /** Takes the next request: its index, whose intended start is {@link #intendedNanos(long)}. */
    public long take() {
        if (next >= total) {
            throw new IllegalStateException("all " + total + " requests were already taken");
        }
        return next++;
    }

    /** Intended start of request {@code index}, on the injected clock. */
    public long intendedNanos(long index) {
        return startNanos + index * intervalNanos;
    }

    /** Nanoseconds until the next request is due (0 when one is due now, or when all were taken). */
    public long nanosUntilNext() {
        if (next >= total) {
            return 0;
        }
        return Math.max(0, intendedNanos(next) - clock.getAsLong());
    }

    public boolean finished() {
        return next >= total;
    }

    public long taken() {
        return next;
    }

    public long total() {
        return total;
    }

    public long intervalNanos() {
        return intervalNanos;
    }
}
