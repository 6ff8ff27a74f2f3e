package dev.vantage.schedule;

import dev.vantage.config.Schedule;
import dev.vantage.config.Secrets;
import dev.vantage.config.TargetSpec;
import dev.vantage.config.VantageConfig;
import dev.vantage.grade.Grade;
import dev.vantage.report.Report;
import dev.vantage.service.SampleReports;
import dev.vantage.check.Checks;
import dev.vantage.plan.RunPlanner;
import dev.vantage.store.Database;
import dev.vantage.store.EvidenceRepository;
import java.time.Clock;
import dev.vantage.probe.RunKind;
import dev.vantage.store.ResultRepository;
import dev.vantage.store.StoredTarget;
import dev.vantage.store.TargetRepository;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.SimpleTrigger;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbeSchedulerTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final VantageConfig.Probing PROBING = new VantageConfig.Probing(false, true);
    @TempDir
    Path dir;
    private Vertx vertx;
    private Database db;
    private TargetRepository targets;
    private ResultRepository results;
    private final AtomicInteger assessments = new AtomicInteger();
    private volatile Promise<Report> held;
    private volatile CountDownLatch entered;
    private final CopyOnWriteArrayList<String> seen = new CopyOnWriteArrayList<>();
    private ProbeRunner runner;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        db = Database.open(new VantageConfig.Storage("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(),
                Optional.empty(), Optional.empty(), Duration.ofDays(30), false));
        targets = new TargetRepository(db.dataSource());
        results = new ResultRepository(db.dataSource());
        runner = new ProbeRunner(vertx, (plan, checks, carried) -> {
            assessments.incrementAndGet();
            CountDownLatch e = entered;
            if (e != null) {
                e.countDown();
            }
            assertThat(Vertx.currentContext()).as("assessor runs on a Vert.x context").isNotNull();
            assertThat(Vertx.currentContext().isEventLoopContext()).isTrue();
            if (held != null) {
                return held.future();
            }
            return Future.succeededFuture(SampleReports.graded(plan.target(), Instant.now(), Grade.A, 92));
        }, targets, results, new EvidenceRepository(db.dataSource()), SampleReports::json, PROBING,
                Secrets.fromSystem(), new RunPlanner(PROBING, Secrets.fromSystem(), Checks.all()), Clock.systemUTC());
        runner.addSink((spec, r) -> seen.add(spec.name() + ":" + r.grade().letter()));
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
        db.close();
    }

    private ProbeScheduler scheduler() throws Exception {
        return new ProbeScheduler("test-" + NAMES.incrementAndGet(), db, false, runner, results, Duration.ofDays(30),
                Duration.ofSeconds(5), Clock.offset(Clock.systemUTC(), Jitter.offset("shop", RunKind.AUDIT,
                        Jitter.FIRST_SLOW_RUN_WINDOW).negated()));
    }

    private TargetSpec target(String name, Schedule s) {
        TargetSpec spec = TargetSpec.of(name, URI.create("https://" + name + ".example/"), s);
        targets.insert(spec, StoredTarget.Source.API);
        return spec;
    }

    @Test
    void aScheduledTargetIsProbedStoredAndReportedToSinks() throws Exception {
        CountDownLatch stored = new CountDownLatch(1);
        runner.addSink((spec, a) -> stored.countDown());
        try (ProbeScheduler s = scheduler()) {
            s.start();
            s.schedule(target("shop", Schedule.every(Duration.ofMinutes(10))));
            assertThat(stored.await(10, TimeUnit.SECONDS)).as("the first audit fires at once").isTrue();
            assertThat(s.running()).isTrue();
        }
        assertThat(seen).first().isEqualTo("shop:A");
        assertThat(results.count("shop")).isPositive();
        assertThat(results.latestReport("shop")).get().asString().contains("\"grade\":\"A\"");
    }

    @Test
    void manyTargetsAreScheduledInBatchesAndABatchQuartzRefusesStillSchedulesTheOthers() throws Exception {
        List<TargetSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < ProbeScheduler.BATCH + 20; i++) {
            specs.add(TargetSpec.of("t" + i, URI.create("https://t" + i + ".example/"),
                    Schedule.every(Duration.ofHours(1))));
        }
        // A cron that never fires (stored by an older version or a hand edit): Quartz refuses its trigger.
        specs.add(3, TargetSpec.of("never", URI.create("https://never.example/"), Schedule.cron("0 0 0 1 1 ? 2020")));
        try (ProbeScheduler s = scheduler()) {
            Map<String, String> refused = s.scheduleAll(specs);
            assertThat(refused).containsOnlyKeys("never");
            assertThat(s.scheduled()).hasSize(specs.size() - 1).doesNotContain("never").contains("t0", "t519");
            for (RunKind kind : List.of(RunKind.PULSE, RunKind.AUDIT)) {
                // Pulses and audits live in two schedulers: the refused target has neither, not half a schedule.
                assertThat(s.scheduled(kind)).as("%s schedules", kind).doesNotContain("never").hasSize(specs.size() - 1);
            }
            assertThat(s.scheduleAll(specs)).as("a second start changes nothing").containsOnlyKeys("never");
        }
    }

    @Test
    void schedulesSurviveARestartAndChangesReplaceTheTrigger() throws Exception {
        try (ProbeScheduler s = scheduler()) {
            s.schedule(target("a", Schedule.every(Duration.ofMinutes(10))));
            s.schedule(target("b", Schedule.cron("0 0 3 * * ?")));
            SimpleTrigger t = (SimpleTrigger) s.trigger("a");
            assertThat(t.getMisfireInstruction())
                    .isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_REMAINING_COUNT);
            assertThat(((CronTrigger) s.trigger("b")).getMisfireInstruction())
                    .isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
        }
        ProbeScheduler again = new ProbeScheduler("test-" + NAMES.incrementAndGet(), db, false, runner, results,
                Duration.ofDays(30), Duration.ofSeconds(5));
        // A new scheduler name sees its own rows only; reuse the first name to prove the store is durable.
        again.close();
        try (ProbeScheduler s = new ProbeScheduler("test-" + (NAMES.get() - 1), db, false, runner, results,
                Duration.ofDays(30), Duration.ofSeconds(5))) {
            assertThat(s.scheduled()).containsExactly("a", "b");
            s.schedule(TargetSpec.of("a", URI.create("https://a.example/"), Schedule.cron("0 */5 * * * ?")));
            assertThat(s.trigger("a")).isInstanceOf(CronTrigger.class);
            s.unschedule("b");
            assertThat(s.scheduled()).containsExactly("a");
        }
    }

    /**
     * A single node's pulses live in memory (no JDBC transaction per firing); audits stay durable. Pulse jobs a
     * cluster (or an earlier version) left in the database are removed at start, or both would fire.
     */
    @Test
    void aSingleNodeKeepsItsPulsesInMemoryAndRemovesDurablePulsesLeftInTheDatabase() throws Exception {
        String name = "test-" + NAMES.incrementAndGet();
        org.quartz.JobKey pulseJob = org.quartz.JobKey.jobKey("a", ProbeScheduler.PROBES);
        try (ProbeScheduler cluster = new ProbeScheduler(name, db, true, runner, results, Duration.ofDays(30),
                Duration.ofSeconds(5))) {
            cluster.schedule(target("a", Schedule.every(Duration.ofMinutes(10))));
            assertThat(cluster.quartz(RunKind.PULSE)).as("a cluster's pulses").isSameAs(cluster.quartz());
            assertThat(cluster.quartz().checkExists(pulseJob)).isTrue();
        }
        try (ProbeScheduler single = new ProbeScheduler(name, db, false, runner, results, Duration.ofDays(30),
                Duration.ofSeconds(5))) {
            assertThat(single.quartz().checkExists(pulseJob)).as("the durable pulse, removed at start").isFalse();
            assertThat(single.scheduled(RunKind.AUDIT)).as("audits stay durable").containsExactly("a");
            assertThat(single.scheduled(RunKind.PULSE)).as("pulses, until the start-up sync").isEmpty();
            single.schedule(target("a", Schedule.every(Duration.ofMinutes(10))));
            assertThat(single.quartz(RunKind.PULSE)).isNotSameAs(single.quartz());
            // Micrometer holds a gauge's object weakly: a new list on each call was collected and read NaN.
            assertThat(single.schedulers()).isSameAs(single.schedulers())
                    .containsExactly(single.quartz(), single.quartz(RunKind.PULSE));
            assertThat(single.quartz(RunKind.PULSE).getMetaData().getJobStoreClass())
                    .isEqualTo(org.quartz.simpl.RAMJobStore.class);
            assertThat(single.scheduled(RunKind.PULSE)).containsExactly("a");
            assertThat(single.quartz().checkExists(pulseJob)).as("nothing of the pulse in the database").isFalse();
            // On the target's grid, as the durable trigger was: a restart keeps the pulse times.
            assertThat(single.trigger("a").getStartTime().toInstant().toEpochMilli() % Duration.ofMinutes(10).toMillis())
                    .isEqualTo(Jitter.offset("a", RunKind.PULSE, Duration.ofMinutes(10)).toMillis());
            single.unschedule("a");
            assertThat(single.scheduled()).isEmpty();
        }
    }

    @Test
    void runsOfOneTargetNeverOverlap() throws Exception {
        target("slow", Schedule.every(Duration.ofMinutes(1)));
        held = Promise.promise();
        Future<RunOutcome> first = runner.run("slow");
        Future<RunOutcome> second = runner.run("slow");
        assertThat(second).isSameAs(first);
        Promise<Report> h = held;
        vertx.runOnContext(v -> h.complete(SampleReports.graded(URI.create("https://slow.example/"), Instant.now(),
                Grade.B, 75)));
        RunOutcome outcome = first.await(5, TimeUnit.SECONDS);
        assertThat(outcome.report().grade()).isEqualTo(Grade.B);
        assertThat(outcome.resultId()).isPositive();
        assertThat(assessments).hasValue(1);
    }

    @Test
    void unknownTargetsFailClearly() {
        assertThatThrownBy(() -> runner.run("ghost").await(5, TimeUnit.SECONDS))
                .isInstanceOf(NoSuchTargetException.class).hasMessageContaining("ghost");
        assertThat(assessments).hasValue(0);
    }

    @Test
    void aHungAssessorIsAbandonedAfterItsDeadline() {
        TargetSpec spec = new TargetSpec("hung", URI.create("https://hung.example/"), Schedule.every(Duration.ofMinutes(1)),
                java.util.List.of(), java.util.List.of(), Optional.of(Duration.ofMillis(100)), Map.of(), Optional.empty(),
                Map.of(), Optional.empty(), Map.of(), Optional.empty());
        targets.insert(spec, StoredTarget.Source.API);
        held = Promise.promise();
        assertThatThrownBy(() -> runner.run("hung").await(10, TimeUnit.SECONDS))
                .hasMessageContaining("did not finish within");
        assertThat(results.count("hung")).isZero();
    }

    @Test
    void aHeldRunDoesNotHoldAQuartzThread() throws Exception {
        // Twice as many held runs as Quartz has threads: a job that waited for its run would stop at THREADS.
        int runs = 2 * ProbeScheduler.THREADS;
        held = Promise.promise();
        entered = new CountDownLatch(runs);
        try (ProbeScheduler s = new ProbeScheduler("test-" + NAMES.incrementAndGet(), db, false, runner, results,
                Duration.ofDays(30), Duration.ofSeconds(30))) {
            s.start();
            for (int i = 0; i < runs; i++) {
                s.schedule(target("held-" + i, Schedule.every(Duration.ofMinutes(10))));
                s.quartz(RunKind.PULSE).triggerJob(org.quartz.JobKey.jobKey("held-" + i, ProbeScheduler.group(RunKind.PULSE)));
            }
            assertThat(entered.await(20, TimeUnit.SECONDS)).as("every held run reached the assessor").isTrue();
            Promise<Report> h = held;
            vertx.runOnContext(v -> h.complete(SampleReports.graded(URI.create("https://held.example/"),
                    Instant.now(), Grade.A, 90)));
        }
        // close() let the released runs store their results before it returned.
        for (int i = 0; i < runs; i++) {
            assertThat(results.count("held-" + i)).as("held-" + i).isPositive();
        }
    }

    @Test
    void everyFiringReportsItsStartLag() throws Exception {
        CopyOnWriteArrayList<Duration> lags = new CopyOnWriteArrayList<>();
        CountDownLatch recorded = new CountDownLatch(1);
        try (ProbeScheduler s = scheduler()) {
            s.quartz(RunKind.PULSE).getContext().put(ProbeJob.LAG_RECORDER, (java.util.function.Consumer<Duration>) d -> {
                lags.add(d);
                recorded.countDown();
            });
            s.start();
            s.schedule(target("lag", Schedule.every(Duration.ofMinutes(10))));
            s.quartz(RunKind.PULSE).triggerJob(org.quartz.JobKey.jobKey("lag", ProbeScheduler.group(RunKind.PULSE)));
            assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lags).isNotEmpty().allSatisfy(d -> assertThat(d.isNegative()).isFalse());
    }

    @Test
    void aFiringOfADeletedTargetDropsItsSchedule() throws Exception {
        CountDownLatch dropped = new CountDownLatch(1);
        try (ProbeScheduler s = scheduler()) {
            s.schedule(target("gone", Schedule.every(Duration.ofMinutes(10))));
            s.quartz(RunKind.PULSE).getListenerManager().addSchedulerListener(new org.quartz.listeners.SchedulerListenerSupport() {
                @Override
                public void jobDeleted(org.quartz.JobKey key) {
                    if (key.getName().equals("gone") && key.getGroup().equals(ProbeScheduler.PROBES)) {
                        dropped.countDown();
                    }
                }
            });
            targets.delete("gone");
            s.start();
            s.quartz(RunKind.PULSE).triggerJob(org.quartz.JobKey.jobKey("gone", ProbeScheduler.PROBES));
            assertThat(dropped.await(10, TimeUnit.SECONDS)).as("the pulse schedule of a deleted target is dropped")
                    .isTrue();
            assertThat(s.trigger("gone")).isNull();
        }
        assertThat(assessments).hasValue(0);
    }
}
