package dev.vantage.schedule;

import dev.vantage.config.Schedule;
import dev.vantage.config.TargetSpec;
import dev.vantage.plan.RunPlanner;
import dev.vantage.probe.RunKind;
import dev.vantage.store.Database;
import dev.vantage.store.ResultRepository;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Quartz with its JDBC job store (JobStoreTX) on the service's own database: one durable job and trigger per target
 * and run kind, plus the retention job. Every method blocks on JDBC, so call it from a worker thread.
 * <p>
 * Pulses of a node that is not clustered go to a second, in-memory Quartz scheduler (RAMJobStore) instead: each
 * firing in the JDBC store costs three transactions on the trigger row lock (at 1,000 targets on H2, Quartz's
 * scheduler thread held 37 % of the Java samples and the file grew 6 times faster; docs/scale.md). Nothing is
 * lost by keeping them in memory: every start schedules every stored target again, and an interval pulse's fire
 * times are a fixed grid
 * ({@link Jitter}), so the first pulse after a restart lands where the durable trigger would have fired. A cluster
 * keeps its pulses in the JDBC store: that is what hands each firing to exactly one node.
 */
public final class ProbeScheduler implements AutoCloseable {

    /** Targets whose changed jobs go to Quartz in one transaction when many are scheduled at once. */
    static final int BATCH = 500;

    static final String PROBES = "probes";
    private static final JobKey RETENTION = JobKey.jobKey("retention", "maintenance");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProbeScheduler.class);
    /** How often a clustered node checks in; a node is declared dead 7.5 s after a missed check-in. */
    public static final Duration CLUSTER_CHECKIN = Duration.ofMillis(7_500);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);
    /**
     * Quartz threads, and the most triggers one acquisition takes: jobs only hand runs to Vert.x, so a thread is
     * busy for one short transaction per fire (docs/scale.md).
     */
    static final int THREADS = 8;
    /**
     * Triggers due within this window of the first one acquired are fired with it, one acquisition and one
     * fire transaction for the batch instead of per trigger; they start at most this much early.
     */
    static final Duration FIRE_AHEAD = Duration.ofMillis(100);
    private final Scheduler scheduler;
    /** Where pulses are scheduled: {@link #scheduler} itself in a cluster, else an in-memory one. */
    private final Scheduler pulses;
    private final List<Scheduler> all;
    private final HandedRuns handed = new HandedRuns();
    private final Duration maxWait;
    private final RunPlanner planner;
    /** Over how long the first audits of newly scheduled targets are spread; see {@link #expectNewTargets}. */
    private volatile Duration firstSlowRunWindow = Jitter.FIRST_SLOW_RUN_WINDOW;
    private final Clock clock;

    /**
     * @param name      the Quartz scheduler name; every node of a cluster must use the same one
     * @param clustered Quartz clustering (PostgreSQL): each firing runs on one node, dead nodes' jobs move
     * @param maxWait   how long {@link #close()} lets the runs in flight finish (at most the shutdown wait)
     */
    public ProbeScheduler(String name, Database db, boolean clustered, ProbeRunner runner, ResultRepository results,
                          Duration retention, Duration maxWait) throws SchedulerException {
        this(name, db, clustered, runner, results, retention, maxWait, Clock.systemUTC());
    }

    /** @param clock where the first fire times of interval schedules are computed from (tests pin it) */
    public ProbeScheduler(String name, Database db, boolean clustered, ProbeRunner runner, ResultRepository results,
                          Duration retention, Duration maxWait, Clock clock) throws SchedulerException {
        this.planner = runner.planner();
        this.clock = clock;
        this.maxWait = maxWait;
        String dsName = "vantage-" + name;
        DBConnectionManager.getInstance().addConnectionProvider(dsName, new PooledProvider(db));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "vantage-quartz");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", db.dialect().quartzDelegate());
        p.setProperty("org.quartz.jobStore.dataSource", dsName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // Strings only in job data: nothing Java-serialized sits in the database across upgrades.
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(clustered));
        // Row locks in the database, clustered or not: Quartz's in-memory semaphore left the scheduler thread
        // retrying forever after the interrupt of shutdown.
        p.setProperty("org.quartz.jobStore.useDBLocks", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "30000");
        // Quartz's default, set explicitly: the failover bound in docs/deployment.md (and ClusterIT) is built on it.
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(CLUSTER_CHECKIN.toMillis()));
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow",
                Long.toString(FIRE_AHEAD.toMillis()));
        StdSchedulerFactory factory = new StdSchedulerFactory(p);
        scheduler = factory.getScheduler();
        scheduler.getContext().put(RetentionJob.RESULTS, results);
        scheduler.getContext().put(RetentionJob.RETENTION, retention);
        pulses = clustered ? scheduler : inMemory(name + "-pulses");
        all = pulses == scheduler ? List.of(scheduler) : List.of(scheduler, pulses);
        for (Scheduler s : schedulers()) {
            s.getContext().put(ProbeJob.RUNNER, runner);
            s.getContext().put(ProbeJob.HANDED, handed);
        }
        if (!clustered) {
            // Pulse jobs an earlier version (or a cluster on this database) kept in the JDBC store would fire
            // beside the in-memory ones.
            List<JobKey> durablePulses = new java.util.ArrayList<>(
                    scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(PROBES)));
            if (!durablePulses.isEmpty()) {
                scheduler.deleteJobs(durablePulses);
                LOG.info("moved {} pulse schedules from the database to memory (not clustered)", durablePulses.size());
            }
        }
    }

    /** The in-memory scheduler of a single node's pulses, with the same misfire rule as the JDBC store. */
    private static Scheduler inMemory(String name) throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "vantage-pulses");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "30000");
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(THREADS));
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow",
                Long.toString(FIRE_AHEAD.toMillis()));
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        return new StdSchedulerFactory(p).getScheduler();
    }

    /**
     * The JDBC scheduler, and the in-memory pulse scheduler when there is one: always the same list, which metrics
     * hold only weakly (a new list each call was collected, and the gauges read NaN).
     */
    public List<Scheduler> schedulers() {
        return all;
    }

    /** The scheduler that holds the schedules of {@code kind}. */
    public Scheduler quartz(RunKind kind) {
        return kind == RunKind.PULSE ? pulses : scheduler;
    }

    public void start() throws SchedulerException {
        JobDetail job = JobBuilder.newJob(RetentionJob.class).withIdentity(RETENTION).storeDurably().build();
        Trigger t = TriggerBuilder.newTrigger().withIdentity("retention", "maintenance").forJob(job).startNow()
                .withSchedule(SimpleScheduleBuilder.repeatHourlyForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount()).build();
        scheduler.scheduleJob(job, Set.of(t), true);
        for (Scheduler s : schedulers()) {
            s.start();
        }
    }

    /**
     * Creates or replaces the schedules of a target: its pulse, its audit and (with a load block) its load run, each
     * a durable job and trigger. An unchanged schedule is left alone, so restarts keep the next fire times instead of
     * probing everything at once.
     */
    public void schedule(TargetSpec spec) throws SchedulerException {
        Changes changed = new Changes();
        plan(spec, changed);
        // One transaction for all the kinds that changed: with 10,000 targets in the file, a start-up that wrote
        // each kind on its own spent most of its time committing (docs/scale.md).
        changed.apply();
    }

    /** The jobs to (re)write, per scheduler. */
    private final class Changes {
        private final Map<Scheduler, Map<JobDetail, Set<? extends Trigger>>> bySchedulers =
                new java.util.LinkedHashMap<>();

        void put(RunKind kind, JobDetail job, Trigger trigger) {
            bySchedulers.computeIfAbsent(quartz(kind), s -> new HashMap<>()).put(job, Set.of(trigger));
        }

        void apply() throws SchedulerException {
            for (var e : bySchedulers.entrySet()) {
                e.getKey().scheduleJobs(e.getValue(), true);
            }
        }
    }

    /**
     * Schedules many targets as {@link #schedule} does, with the changed jobs of {@link #BATCH} targets written in
     * one Quartz transaction. A batch Quartz refuses (a cron that never fires) is retried one target at a time so
     * the others still get scheduled; returns the targets that could not be, with the reason.
     */
    public Map<String, String> scheduleAll(List<TargetSpec> specs) {
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        for (int from = 0; from < specs.size(); from += BATCH) {
            List<TargetSpec> batch = specs.subList(from, Math.min(specs.size(), from + BATCH));
            try {
                Changes changed = new Changes();
                for (TargetSpec spec : batch) {
                    plan(spec, changed);
                }
                changed.apply();
            } catch (SchedulerException | RuntimeException e) {
                for (TargetSpec spec : batch) {
                    try {
                        schedule(spec);
                    } catch (SchedulerException | RuntimeException one) {
                        refused.put(spec.name(), one.getMessage() == null ? one.getClass().getSimpleName()
                                : one.getMessage());
                    }
                }
            }
        }
        return refused;
    }

    /** Adds the jobs and triggers of every kind of the target whose schedule is new or different. */
    private void plan(TargetSpec spec, Changes changed) throws SchedulerException {
        plan(spec.name(), RunKind.PULSE, Optional.of(spec.schedule()), changed);
        plan(spec.name(), RunKind.AUDIT, Optional.of(planner.auditSchedule(spec)), changed);
        plan(spec.name(), RunKind.LOAD, planner.loadSchedule(spec), changed);
    }

    /** Adds the job and trigger of one kind to {@code changed} when its schedule is new or different. */
    private void plan(String name, RunKind kind, Optional<Schedule> wanted, Changes changed)
            throws SchedulerException {
        Scheduler scheduler = quartz(kind);
        JobKey key = JobKey.jobKey(name, group(kind));
        TriggerKey triggerKey = TriggerKey.triggerKey(name, group(kind));
        Trigger existing = scheduler.getTrigger(triggerKey);
        if (wanted.isEmpty()) {
            // A read first: deleting takes Quartz's lock and a commit, and most targets never had a load run.
            if (existing != null || scheduler.checkExists(key)) {
                scheduler.deleteJob(key);
            }
            return;
        }
        Schedule s = wanted.get();
        if (existing != null && sameSchedule(existing, s)) {
            return;
        }
        if (existing != null && (existing instanceof CronTrigger) != s.cron().isPresent()) {
            // Quartz cannot replace a trigger by one of another type in place (it looks in the wrong table).
            scheduler.unscheduleJob(existing.getKey());
        }
        JobDetail job = JobBuilder.newJob(ProbeJob.class).withIdentity(key).usingJobData(ProbeJob.TARGET, name)
                .usingJobData(ProbeJob.KIND, kind.id()).storeDurably().build();
        TriggerBuilder<Trigger> tb = TriggerBuilder.newTrigger().withIdentity(triggerKey).forJob(key);
        Trigger trigger = s.interval().<Trigger>map(d -> tb.startAt(Date.from(Jitter.firstFire(name, kind, d,
                        clock.instant(), firstSlowRunWindow))).withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(d.toMillis()).repeatForever()
                        // After a pause, skip the missed runs instead of bursting them.
                        .withMisfireHandlingInstructionNextWithRemainingCount()).build())
                .orElseGet(() -> tb.startNow().withSchedule(CronScheduleBuilder.cronSchedule(s.cron().orElseThrow())
                        .withMisfireHandlingInstructionDoNothing()).build());
        // Quartz refuses such a trigger only when it is stored, and a target's kinds may go to two schedulers: a
        // refusal there could leave the target half scheduled. Refused here, before anything is written.
        if (((org.quartz.spi.OperableTrigger) trigger).computeFirstFireTime(null) == null) {
            throw new SchedulerException("Based on configured schedule, the given trigger '" + trigger.getKey()
                    + "' will never fire.");
        }
        changed.put(kind, job, trigger);
    }

    /**
     * Says how many targets are about to be scheduled at once (a config file at start), so their first audits and
     * load runs are spread over a window that grows with the count instead of all falling in the first minute.
     */
    public void expectNewTargets(int count) {
        firstSlowRunWindow = Jitter.firstSlowRunWindow(count);
    }

    /** Quartz job group of a run kind; pulses keep the group of the single run kind before the split. */
    static String group(RunKind kind) {
        return switch (kind) {
            case PULSE -> PROBES;
            case AUDIT -> "audits";
            case LOAD -> "loads";
        };
    }

    private static boolean sameSchedule(Trigger t, Schedule s) {
        if (t instanceof SimpleTrigger simple && s.interval().isPresent()) {
            return simple.getRepeatInterval() == s.interval().get().toMillis();
        }
        if (t instanceof CronTrigger c && s.cron().isPresent()) {
            return c.getCronExpression().equals(s.cron().get());
        }
        return false;
    }

    public void unschedule(String name) throws SchedulerException {
        for (RunKind kind : RunKind.values()) {
            quartz(kind).deleteJob(JobKey.jobKey(name, group(kind)));
        }
    }

    /** Names of the targets that have a schedule of any kind. */
    public Set<String> scheduled() throws SchedulerException {
        Set<String> out = new TreeSet<>();
        for (RunKind kind : RunKind.values()) {
            out.addAll(scheduled(kind));
        }
        return out;
    }

    /** Names of the targets that have a schedule of {@code kind}. */
    public Set<String> scheduled(RunKind kind) throws SchedulerException {
        Set<String> out = new TreeSet<>();
        quartz(kind).getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(group(kind)))
                .forEach(k -> out.add(k.getName()));
        return out;
    }

    /** The pulse trigger of a target. */
    public Trigger trigger(String name) throws SchedulerException {
        return trigger(name, RunKind.PULSE);
    }

    public Trigger trigger(String name, RunKind kind) throws SchedulerException {
        return quartz(kind).getTrigger(TriggerKey.triggerKey(name, group(kind)));
    }

    public boolean running() {
        try {
            for (Scheduler s : schedulers()) {
                if (!s.isStarted() || s.isShutdown() || s.isInStandbyMode()) {
                    return false;
                }
            }
            return true;
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** The JDBC scheduler: audits, load runs, retention, and a cluster's pulses. */
    public Scheduler quartz() {
        return scheduler;
    }

    /** Lets the runs in flight finish (bounded) so no half-stored result is left behind. */
    @Override
    public void close() throws SchedulerException {
        // Standby first: halting the scheduler thread mid-acquisition interrupts its JDBC work, and Quartz then
        // retries releasing the trigger forever, so shutdown(true) would never return.
        for (Scheduler s : schedulers()) {
            s.standby();
        }
        Thread t = new Thread(() -> {
            for (Scheduler s : schedulers()) {
                try {
                    s.shutdown(true);
                } catch (SchedulerException e) {
                    LOG.warn("Quartz shutdown failed", e);
                }
            }
        }, "vantage-quartz-shutdown");
        t.setDaemon(true);
        t.start();
        try {
            // Bounded: a stuck Quartz thread must not keep the process from stopping.
            t.join(SHUTDOWN_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("Quartz did not shut down within {}s; continuing", SHUTDOWN_WAIT.toSeconds());
        }
        Duration wait = maxWait.compareTo(SHUTDOWN_WAIT) < 0 ? maxWait : SHUTDOWN_WAIT;
        if (!handed.awaitIdle(wait)) {
            LOG.warn("{} runs still in flight after {}s; continuing", handed.inFlight(), wait.toSeconds());
        }
        handed.close();
    }

    /** Lends Quartz connections from the database's scheduler pool, apart from the repositories' one. */
    private record PooledProvider(Database db) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return db.schedulerDataSource().getConnection();
        }

        @Override
        public void shutdown() {
            // The pool belongs to the database, which the service closes after the scheduler.
        }

        @Override
        public void initialize() {
        }
    }
}
