package dev.vantage.schedule;

import dev.vantage.probe.RunKind;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Consumer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Quartz job of one target: hands the probe to Vert.x and waits a bounded time so a Quartz thread is never
 * held by a hung probe. Never concurrent with itself, so a slow target cannot pile up runs.
 */
@DisallowConcurrentExecution
public final class ProbeJob implements Job {

    static final String TARGET = "target";
    /** The run kind ({@code pulse}, {@code audit}, {@code load}); jobs stored before the split have none: pulse. */
    static final String KIND = "kind";
    static final String RUNNER = "vantage.runner";
    static final String MAX_WAIT = "vantage.maxWait";
    /**
     * Scheduler-context key of a {@code Consumer<Duration>} told each job's start lag (intended fire time to job
     * start); the service's metrics put it there, a scheduler without metrics has none.
     */
    public static final String LAG_RECORDER = "vantage.lagRecorder";
    private static final Logger LOG = LoggerFactory.getLogger(ProbeJob.class);

    @Override
    public void execute(JobExecutionContext ctx) throws JobExecutionException {
        recordLag(ctx, Instant.now());
        String name = ctx.getMergedJobDataMap().getString(TARGET);
        RunKind kind = RunKind.parse(ctx.getMergedJobDataMap().getString(KIND)).orElse(RunKind.PULSE);
        ProbeRunner runner;
        Duration maxWait;
        try {
            runner = (ProbeRunner) ctx.getScheduler().getContext().get(RUNNER);
            maxWait = (Duration) ctx.getScheduler().getContext().get(MAX_WAIT);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
        try {
            runner.run(name, kind).toCompletionStage().toCompletableFuture().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Not a hang: the runner bounds every run itself (probe timeout, plus the load budget for targets
            // with a load run) and fails it past that bound. A long load run simply outlives this wait.
            LOG.info("{} of {} still running after {}s; it continues, the Quartz thread moves on", kind.id(), name,
                    maxWait.toSeconds());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NoSuchTargetException) {
                LOG.info("target {} no longer exists; its schedule is dropped", name);
                JobExecutionException drop = new JobExecutionException(e.getCause());
                drop.setUnscheduleAllTriggers(true);
                throw drop;
            }
            LOG.warn("{} of {} failed: {}", kind.id(), name, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Quartz may fire a batch slightly early (fire-ahead window): an early start counts as no lag. */
    @SuppressWarnings("unchecked")
    static void recordLag(JobExecutionContext ctx, Instant started) {
        try {
            Object recorder = ctx.getScheduler().getContext().get(LAG_RECORDER);
            Date intended = ctx.getScheduledFireTime();
            if (recorder instanceof Consumer<?> c && intended != null) {
                Duration lag = Duration.between(intended.toInstant(), started);
                ((Consumer<Duration>) c).accept(lag.isNegative() ? Duration.ZERO : lag);
            }
        } catch (SchedulerException e) {
            LOG.debug("no scheduler context to record the start lag in", e);
        }
    }
}
