package dev.vantage.service;

import dev.vantage.config.TargetSpec;
import dev.vantage.schedule.ProbeRunner;
import dev.vantage.schedule.ProbeScheduler;
import dev.vantage.schedule.ResultSink;
import dev.vantage.schedule.RunOutcome;
import dev.vantage.probe.RunKind;
import dev.vantage.report.JsonReportRenderer;
import dev.vantage.store.EvidenceRepository;
import dev.vantage.store.ResultRepository;
import dev.vantage.store.ResultSummary;
import dev.vantage.store.ScheduleLock;
import dev.vantage.store.StoredTarget;
import dev.vantage.store.TargetRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every change to targets goes through here, so the database, the Quartz schedule and the metrics never disagree.
 * Blocking work runs on worker threads; each method returns a future.
 */
public final class TargetManager {

    private static final Logger LOG = LoggerFactory.getLogger(TargetManager.class);

    private final Vertx vertx;
    private final TargetRepository targets;
    private final ResultRepository results;
    private final EvidenceRepository evidence;
    private final ProbeScheduler scheduler;
    private final ProbeRunner runner;
    private final Map<String, String> unschedulable = new ConcurrentHashMap<>();
    /** Held by every change, on every node: a read of targets and schedules and the writes it decides stay one step. */
    private final ScheduleLock lock;

    public TargetManager(Vertx vertx, TargetRepository targets, ResultRepository results, EvidenceRepository evidence,
                         ProbeScheduler scheduler, ProbeRunner runner, ScheduleLock lock) {
        this.vertx = vertx;
        this.lock = lock;
        this.targets = targets;
        this.results = results;
        this.evidence = evidence;
        this.scheduler = scheduler;
        this.runner = runner;
    }

    /**
     * Makes the database hold exactly the file's targets as file targets: new ones inserted, changed ones updated
     * (an API target of the same name is taken over), file targets no longer in the file deleted. Then every
     * stored target is (re)scheduled.
     */
    public Future<Void> syncFromFile(List<TargetSpec> fileTargets) {
        return serialised(() -> {
            Set<String> names = new HashSet<>();
            fileTargets.forEach(spec -> names.add(spec.name()));
            try {
                targets.storeAll(fileTargets, StoredTarget.Source.FILE);
            } catch (dev.vantage.store.StoreException e) {
                // Another node stored some of the same file meanwhile: one by one, each insert-or-update settles it.
                for (TargetSpec spec : fileTargets) {
                    if (!targets.insert(spec, StoredTarget.Source.FILE)) {
                        targets.update(spec, StoredTarget.Source.FILE);
                    }
                }
            }
            for (StoredTarget t : targets.all()) {
                if (t.source() == StoredTarget.Source.FILE && !names.contains(t.spec().name())) {
                    LOG.info("target {} was removed from the config file; deleting it", t.spec().name());
                    deleteEverywhere(t.spec().name());
                }
            }
            Set<String> stored = new HashSet<>();
            List<StoredTarget> all = targets.all();
            // Many targets new at once (a first start with a big file): spread their first audits out. Counted by
            // their audit schedules, which are durable (a single node's pulses are in memory, new at every start).
            Set<String> scheduledBefore = scheduler.scheduled(RunKind.AUDIT);
            scheduler.expectNewTargets((int) all.stream().filter(t -> !scheduledBefore.contains(t.spec().name()))
                    .count());
            try {
                all.forEach(t -> stored.add(t.spec().name()));
                Map<String, String> refused = scheduler.scheduleAll(all.stream().map(StoredTarget::spec).toList());
                unschedulable.keySet().retainAll(refused.keySet());
                refused.forEach((name, why) -> {
                    LOG.error("target {} cannot be scheduled and is skipped until it is changed: {}", name, why);
                    unschedulable.put(name, why);
                });
            } finally {
                scheduler.expectNewTargets(0);
            }
            for (String orphan : scheduler.scheduled()) {
                if (!stored.contains(orphan)) {
                    scheduler.unschedule(orphan);
                }
            }
            return null;
        });
    }

    /**
     * A stored target that cannot be scheduled (a cron that never fires, from an older version or a hand edit) must
     * not stop the service: it is skipped, logged, and listed by {@code /ready} until it is fixed.
     */
    private void scheduleOrReport(TargetSpec spec) {
        try {
            scheduler.schedule(spec);
            unschedulable.remove(spec.name());
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.error("target {} cannot be scheduled and is skipped until it is changed: {}", spec.name(), why);
            unschedulable.put(spec.name(), why);
        }
    }

    /** Stored targets that could not be scheduled, with the reason (shown by {@code /ready}). */
    public Map<String, String> unschedulable() {
        return Map.copyOf(unschedulable);
    }

    public Future<List<StoredTarget>> list() {
        return blocking(targets::all);
    }

    public Future<StoredTarget> get(String name) {
        return blocking(() -> targets.find(name).orElseThrow(() -> notFound(name)));
    }

    /** Stored and scheduled together: a target that cannot be scheduled is not kept either. */
    public Future<StoredTarget> create(TargetSpec spec) {
        return serialised(() -> {
            if (!targets.insert(spec, StoredTarget.Source.API)) {
                throw new TargetChangeRefused(TargetChangeRefused.Reason.CONFLICT, "a target named \"" + spec.name() + "\" already exists");
            }
            try {
                scheduler.schedule(spec);
            } catch (Exception e) {
                targets.delete(spec.name());
                throw e;
            }
            unschedulable.remove(spec.name());
            return targets.find(spec.name()).orElseThrow(() -> notFound(spec.name()));
        });
    }

    /** Stored and rescheduled together: when the new schedule cannot be made, the previous target is restored. */
    public Future<StoredTarget> update(TargetSpec spec) {
        return serialised(() -> {
            StoredTarget existing = targets.find(spec.name()).orElseThrow(() -> notFound(spec.name()));
            refuseFileTarget(existing);
            targets.update(spec, StoredTarget.Source.API);
            try {
                scheduler.schedule(spec);
            } catch (Exception e) {
                targets.update(existing.spec(), existing.source());
                throw e;
            }
            unschedulable.remove(spec.name());
            return targets.find(spec.name()).orElseThrow(() -> notFound(spec.name()));
        });
    }

    public Future<Void> delete(String name) {
        return serialised(() -> {
            refuseFileTarget(targets.find(name).orElseThrow(() -> notFound(name)));
            deleteEverywhere(name);
            return null;
        });
    }

    public Future<RunOutcome> run(String name, RunKind kind) {
        return runner.run(name, kind);
    }

    /**
     * The newest composed report (reports stored before the pulse/audit split are read from the results), with the
     * time of the newest pulse, which changed nothing since and so was packed without rewriting it.
     */
    public Future<String> latestReport(String name) {
        return blocking(() -> {
            targets.find(name).orElseThrow(() -> notFound(name));
            Optional<String> stored = evidence.latest(name).map(EvidenceRepository.Latest::report)
                    .or(() -> results.latestReport(name));
            Optional<Instant> newestPulse = results.pulses().newest(name);
            return stored.map(json -> newestPulse.map(at -> JsonReportRenderer.withPulseAt(json, at)).orElse(json))
                    .orElseThrow(() -> new TargetChangeRefused(TargetChangeRefused.Reason.NOT_FOUND,
                    "target \"" + name + "\" has no result yet; POST /api/targets/" + name + "/run to probe it now"));
        });
    }

    public Future<List<ResultSummary>> history(String name, Instant since, int limit) {
        return blocking(() -> {
            targets.find(name).orElseThrow(() -> notFound(name));
            return results.history(name, since, limit);
        });
    }

    /** The page timings of the target's recent answered runs, newest first ({@link ResultRepository#recentLatencies}). */
    public Future<List<Map<String, java.time.Duration>>> recentLatencies(String name, Instant since, int limit) {
        return blocking(() -> {
            targets.find(name).orElseThrow(() -> notFound(name));
            return results.recentLatencies(name, since, limit);
        });
    }

    /** A target with its ownership token, for the verification instructions. */
    public record Verification(StoredTarget target, String token) {
    }

    public Future<Verification> verification(String name) {
        return blocking(() -> verificationOf(name));
    }

    /** A new token for the target: the old one no longer proves ownership, so load stops until it is served. */
    public Future<Verification> rotateVerification(String name) {
        return blocking(() -> {
            if (!targets.rotateVerificationToken(name)) {
                throw notFound(name);
            }
            LOG.info("verification token of target {} rotated", name);
            return verificationOf(name);
        });
    }

    /** Fetches the proof now (one request, or a DNS query), without sending any load. */
    public Future<dev.vantage.probe.load.Ownership.Verification> checkOwnership(String name) {
        return runner.verifyOwnership(name);
    }

    private Verification verificationOf(String name) {
        StoredTarget target = targets.find(name).orElseThrow(() -> notFound(name));
        return new Verification(target, targets.verificationToken(name).orElseThrow(() -> notFound(name)));
    }

    private void deleteEverywhere(String name) throws Exception {
        scheduler.unschedule(name);
        unschedulable.remove(name);
        targets.delete(name);
        results.deleteTarget(name);
        evidence.deleteTarget(name);
        for (ResultSink sink : runner.sinks()) {
            sink.forget(name);
        }
    }

    private static void refuseFileTarget(StoredTarget t) {
        if (t.source() == StoredTarget.Source.FILE) {
            throw new TargetChangeRefused(TargetChangeRefused.Reason.CONFLICT, "target \"" + t.spec().name() + "\" is defined in the config file, which is "
                    + "its source of truth; change it there and restart");
        }
    }

    private static TargetChangeRefused notFound(String name) {
        return new TargetChangeRefused(TargetChangeRefused.Reason.NOT_FOUND, "no target named \"" + name + "\"");
    }

    /**
     * Target changes run one at a time across the whole cluster ({@link ScheduleLock}), so the database and Quartz
     * never disagree whatever the interleaving of PUT, DELETE, POST and start-up syncs: nodes starting together
     * would otherwise each read "not scheduled yet", each write a first fire time, and a firing could run twice.
     */
    private <T> Future<T> serialised(Callable<T> work) {
        return blocking(() -> lock.holding(work));
    }

    private <T> Future<T> blocking(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }

    /** For callers that only need to know a target exists. */
    public Future<Optional<StoredTarget>> find(String name) {
        return blocking(() -> targets.find(name));
    }
}
