package dev.vantage.schedule;

import dev.vantage.probe.RunKind;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerContext;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Quartz job of one target and run kind: hands the run to Vert.x and returns at once (unless
 * {@link HandedRuns#MAX_IN_FLIGHT} runs are in flight), so a Quartz thread is busy for microseconds, not for the
 * probe (docs/scale.md). Runs of one target and kind still never overlap: the
 * runner gives a firing that finds its previous run in flight that same run instead of a second one, which is why
 * the job needs no {@code @DisallowConcurrentExecution} (and Quartz saves the trigger blocking it costs in the
 * database on every fire).
 */
public final class ProbeJob implements Job {

    static final String TARGET = "target";
    /** The run kind ({@code pulse}, {@code audit}, {@code load}); jobs stored before the split have none: pulse. */
    static final String KIND = "kind";
    static final String RUNNER = "vantage.runner";
    static final String HANDED = "vantage.handedRuns";
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
        Scheduler scheduler = ctx.getScheduler();
        SchedulerContext context;
        try {
            context = scheduler.getContext();
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
        ProbeRunner runner = (ProbeRunner) context.get(RUNNER);
        HandedRuns handed = (HandedRuns) context.get(HANDED);
        JobKey key = ctx.getJobDetail().getKey();
        try {
            Optional<Instant> due = Optional.ofNullable(ctx.getScheduledFireTime()).map(Date::toInstant);
            handed.start(() -> runner.run(name, kind, due), kind.id() + " of " + name,
                    () -> drop(scheduler, key, name));
        } catch (InterruptedException e) {
            // Shutdown while waiting for a slot: this firing is skipped.
            Thread.currentThread().interrupt();
        }
    }

    private static void drop(Scheduler scheduler, JobKey key, String name) {
        try {
            scheduler.deleteJob(key);
            LOG.info("target {} no longer exists; its {} schedule is dropped", name, key.getGroup());
        } catch (SchedulerException e) {
            LOG.warn("could not drop the schedule {} of the deleted target {}", key, name, e);
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
