package dev.vantage.probe.load;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Hands each open-model request to the run's event loop on time. The event loop's own timers fire on the
 * millisecond (a Vert.x periodic timer of 1 ms sent up to a millisecond late, and latency counts that wait since it
 * runs from the intended time), so a dedicated thread owns the {@link RateScheduler}: it parks until
 * {@link #LEAD_NANOS} before the next intended start (a park wakes some tens of microseconds late) and hands the
 * request over that early; the event loop then waits out what is left of the lead ({@link #awaitIntended}), so the
 * request leaves on time without the thread hand-off's own delay. Spinning is bounded by the lead per request
 * (about 5 % of a core at 500 req/s); between requests both threads sleep.
 *
 * <p>The clock and the park are injected, so the pacing is tested on a fake clock without sleeping.
 */
final class SendPacer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SendPacer.class);

    /**
     * How early a request is handed over. A park overshoots by the kernel's timer slack (50 µs) plus the wake-up
     * (90 µs at p50 measured on the busy 2-core bench machine) and waking the event loop adds more, so 200 µs
     * leaves the event loop a little to wait in the usual case and bounds its spin; see docs/load.md.
     */
    static final long LEAD_NANOS = 200_000;

    /** Receives each request due, in order, with its intended start; {@code last} marks the final one. */
    interface HandOff {
        void due(long index, long intendedNanos, boolean last);
    }

    private final RateScheduler scheduler;
    private final LongSupplier clock;
    private final LongConsumer park;
    private final HandOff handOff;
    private volatile boolean stopped;
    private volatile Thread runner;

    /** Production pacing: {@link LockSupport#parkNanos(long)} on the thread that runs it. */
    SendPacer(RateScheduler scheduler, LongSupplier clock, HandOff handOff) {
        this(scheduler, clock, LockSupport::parkNanos, handOff);
    }

    SendPacer(RateScheduler scheduler, LongSupplier clock, LongConsumer park, HandOff handOff) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.park = park;
        this.handOff = handOff;
    }

    /** Starts the schedule (request 0 is due now) and paces it on a new daemon thread; returns request 0's time. */
    long startThread(String name) {
        scheduler.start();
        long first = scheduler.intendedNanos(0);
        Thread thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start(); // from here on the scheduler belongs to that thread
        return first;
    }

    /**
     * Hands over every request of the schedule in order, each {@link #LEAD_NANOS} before its intended start (at
     * once when already late: a late thread catches up, and latency still counts from the intended times), until
     * the last one or {@link #stop()}. A park may return early (unpark, spuriously): the loop asks the clock again.
     * A hand-off that throws (the event loop shut down under the run) ends the pacing with a log line; the run then
     * ends at its deadline.
     */
    @Override
    public void run() {
        runner = Thread.currentThread();
        try {
            while (!stopped && !scheduler.finished()) {
                long wait = scheduler.nanosUntilNext() - LEAD_NANOS;
                if (wait > 0) {
                    park.accept(wait);
                    continue;
                }
                long index = scheduler.take();
                handOff.due(index, scheduler.intendedNanos(index), scheduler.finished());
            }
        } catch (RuntimeException e) {
            stopped = true;
            LOG.warn("load pacing stopped after {} of {} requests: the hand-off to the event loop failed",
                    scheduler.taken(), scheduler.total(), e);
        }
    }

    /** Stops handing over requests: the thread ends at once, even in the middle of a long park (a slow rate). */
    void stop() {
        stopped = true;
        Thread thread = runner;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Waits on the calling thread until {@code intendedNanos}: the rest of the lead, at most {@link #LEAD_NANOS}
     * whatever the clock says, so a confused clock can never hold the event loop. Returns the number of clock reads
     * spent waiting (0 when the request is already due).
     */
    static long awaitIntended(LongSupplier clock, long intendedNanos) {
        long now = clock.getAsLong();
        long giveUp = now + LEAD_NANOS;
        long reads = 0;
        while (now < intendedNanos && now < giveUp) {
            Thread.onSpinWait();
            now = clock.getAsLong();
            reads++;
        }
        return reads;
    }
}
