package dev.vantage.schedule;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The runs Quartz jobs handed to Vert.x without waiting for them (docs/scale.md: a job that waited held one of a
 * few Quartz threads for the whole probe, which capped a node far below 10,000 targets a minute). At most
 * {@link #MAX_IN_FLIGHT} at once: without a bound, an overloaded node started every due run at once and each then
 * missed its deadline, so it stored nothing at all; with it, the excess waits for a slot and shows as start lag.
 * Kept here too so shutdown can let the runs finish, and the schedule of a target found deleted is dropped off the
 * event loop.
 */
final class HandedRuns {

    /** Enough for 167 runs a second that each wait up to about 0.7 s on the network. */
    static final int MAX_IN_FLIGHT = 128;

    private static final Logger LOG = LoggerFactory.getLogger(HandedRuns.class);
    private final Set<Future<RunOutcome>> pending = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    /** Dropping a schedule is JDBC work: never on the event loop that completes the run. */
    private final ExecutorService drops = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vantage-quartz-drops");
        t.setDaemon(true);
        return t;
    });

    HandedRuns() {
        this(MAX_IN_FLIGHT);
    }

    HandedRuns(int maxInFlight) {
        slots = new Semaphore(maxInFlight);
    }

    /**
     * Starts a run when a slot is free (the calling Quartz thread waits for one) and follows it to its end;
     * {@code dropSchedule} runs (on a worker thread) when the target no longer exists.
     */
    void start(Supplier<Future<RunOutcome>> start, String what, Runnable dropSchedule) throws InterruptedException {
        slots.acquire();
        Future<RunOutcome> run;
        try {
            run = start.get();
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
        pending.add(run);
        run.onComplete(ar -> {
            slots.release();
            pending.remove(run);
            if (ar.failed() && ar.cause() instanceof NoSuchTargetException) {
                drops.execute(dropSchedule);
            } else if (ar.failed()) {
                LOG.warn("{} failed: {}", what, ar.cause().getMessage());
            }
        });
    }

    int inFlight() {
        return pending.size();
    }

    /** Waits, at most {@code max} in all, for the runs in flight; true when none is left. */
    boolean awaitIdle(Duration max) {
        long end = System.nanoTime() + max.toNanos();
        for (Future<RunOutcome> run : List.copyOf(pending)) {
            try {
                run.toCompletionStage().toCompletableFuture().get(Math.max(0, end - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                // Its failure was logged where it was followed.
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return pending.isEmpty();
    }

    void close() {
        drops.shutdown();
    }
}
