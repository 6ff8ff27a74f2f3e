package dev.vantage.pipeline;

import dev.vantage.check.Area;
import dev.vantage.check.Check;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evaluates checks off the event loop, on a pool of its own, each within a time budget: a check that throws or
 * overruns becomes an ERROR finding naming it, never a stalled service. Callers block, so call from a worker.
 *
 * <p>A Java thread cannot be killed: an overrunning check is interrupted and abandoned, and its thread stays busy
 * until it returns. That is why the body scanners are linear-time and capped (docs/exposure.md); the budget is the
 * backstop that keeps one hostile page from holding a report, not the thing that bounds CPU.
 */
public final class BoundedChecks {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedChecks.class);
    /** Generous: every check of a run together takes about a millisecond on ordinary evidence. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(5);
    private static final ExecutorService SHARED = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), daemons());

    private final ExecutorService pool;
    private final Duration budget;

    public BoundedChecks() {
        this(SHARED, DEFAULT_BUDGET);
    }

    public BoundedChecks(ExecutorService pool, Duration budget) {
        this.pool = pool;
        this.budget = budget;
    }

    /** One finding per check, in the checks' order; the whole call returns within about one budget. */
    public List<Finding> evaluate(List<Check> checks, SiteEvidence evidence) {
        List<Future<Finding>> pending = new ArrayList<>(checks.size());
        for (Check check : checks) {
            pending.add(pool.submit(() -> guarded(check, evidence)));
        }
        long deadline = System.nanoTime() + budget.toNanos();
        List<Finding> out = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            Future<Finding> f = pending.get(i);
            try {
                out.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                f.cancel(true);
                LOG.warn("check {} exceeded its budget of {} ms on evidence from {}", check.id(), budget.toMillis(),
                        evidence.target());
                out.add(error(check, "the check did not finish within its budget of " + budget.toMillis()
                        + " ms (the page may be built to slow scanners down)", "overran"));
            } catch (ExecutionException e) {
                out.add(error(check, "the check failed internally: " + e.getCause().getClass().getSimpleName(),
                        "failed"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add(error(check, "the check was interrupted", "interrupted"));
            }
        }
        return out;
    }

    // A bug in one check must not cost the whole report: it becomes an ERROR finding and a log line.
    static Finding guarded(Check check, SiteEvidence evidence) {
        try {
            return check.evaluate(evidence);
        } catch (RuntimeException e) {
            LOG.error("check {} failed on evidence from {}", check.id(), evidence.target(), e);
            return error(check, "the check failed internally: " + e.getClass().getSimpleName(), "failed");
        }
    }

    private static Finding error(Check check, String observed, String why) {
        return new Finding(check.id(), check.area() == null ? Area.SECURITY : check.area(), check.title(),
                Verdict.ERROR, "check-error", observed, "Report this as a Vantage bug with the log line (" + why + ").");
    }

    private static ThreadFactory daemons() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "vantage-checks-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
