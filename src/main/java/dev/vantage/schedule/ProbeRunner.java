package dev.vantage.schedule;

import dev.vantage.check.CheckSelection;
import dev.vantage.config.Secrets;
import dev.vantage.config.TargetOptions;
import dev.vantage.config.TargetSpec;
import dev.vantage.config.VantageConfig;
import dev.vantage.pipeline.CarriedEvidence;
import dev.vantage.pipeline.SiteAssessor;
import dev.vantage.plan.RunPlanner;
import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.RunKind;
import dev.vantage.probe.RunPlan;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.http.HttpRequestSpec;
import dev.vantage.probe.http.RedirectProber;
import dev.vantage.probe.load.LoadProbe;
import dev.vantage.probe.load.Ownership;
import dev.vantage.report.EvidenceState;
import dev.vantage.report.IdleLatency;
import dev.vantage.report.Report;
import dev.vantage.store.EvidenceRepository;
import dev.vantage.store.ResultRepository;
import dev.vantage.store.StoredTarget;
import dev.vantage.store.TargetRepository;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs one target's pulse, audit or load run: plan (store reads on a worker) → assess (the pipeline, bounded) →
 * store (a worker) → publish (sinks). Runs of the same target and kind never overlap (a second request while one
 * is in flight gets the same future); audits of the same host queue behind each other; a pulse that sees the site
 * change triggers an audit, at most one per target per {@link #TRIGGER_DEBOUNCE}.
 */
public final class ProbeRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeRunner.class);
    /** Beyond the probe's own deadline, at most this long is given to a hung assessor before the run is abandoned. */
    private static final Duration MAX_GRACE = Duration.ofSeconds(5);
    /** At most one change-triggered audit per target per hour (docs/probes.md). */
    public static final Duration TRIGGER_DEBOUNCE = Duration.ofHours(1);

    private final Context context;
    /**
     * Runs are spread over one event-loop context per core (a target always on the same one): a pulse is mostly
     * TLS handshake CPU, and on one loop a node topped out near 100 pulses a second (docs/scale.md).
     */
    private final List<Context> loops;
    private final SiteAssessor assessor;
    private final TargetRepository targets;
    private final ResultRepository results;
    private final EvidenceRepository evidence;
    private final Function<Report, String> renderer;
    private final VantageConfig.Probing probing;
    private final Secrets secrets;
    private final RunPlanner planner;
    private final Clock clock;
    private final List<ResultSink> sinks = new CopyOnWriteArrayList<>();
    private final Map<String, Future<RunOutcome>> inFlight = new ConcurrentHashMap<>();
    private final HostGate audits = new HostGate();
    private volatile java.util.function.Consumer<RunKind> dropped = kind -> { };
    /** The cluster node this runner stores its results as (Quartz's instance id); empty on a single node. */
    private volatile Optional<String> node = Optional.empty();
    /** In a cluster, the metric series stored with each newest report (the exporting node renders them). */
    private volatile BiFunction<TargetSpec, Report, String> seriesOf;

    public ProbeRunner(Vertx vertx, SiteAssessor assessor, TargetRepository targets, ResultRepository results,
                       EvidenceRepository evidence, Function<Report, String> renderer, VantageConfig.Probing probing,
                       Secrets secrets, RunPlanner planner, Clock clock) {
        this.context = vertx.getOrCreateContext();
        int n = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<Context> spread = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            spread.add(((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext());
        }
        this.loops = List.copyOf(spread);
        this.assessor = assessor;
        this.targets = targets;
        this.results = results;
        this.evidence = evidence;
        this.renderer = renderer;
        this.probing = probing;
        this.secrets = secrets;
        this.planner = planner;
        this.clock = clock;
    }

    public void addSink(ResultSink sink) {
        sinks.add(sink);
    }

    public List<ResultSink> sinks() {
        return List.copyOf(sinks);
    }

    /** Names the cluster node that produces this runner's results (stored with each result and newest report). */
    /** Called with the run kind of every result the store refused (database down): counted, never silent. */
    public void onDropped(java.util.function.Consumer<RunKind> counter) {
        this.dropped = counter;
    }

    public void identifyAs(String nodeId) {
        this.node = Optional.of(nodeId);
    }

    public Optional<String> node() {
        return node;
    }

    /** Stores {@code seriesOf(spec, report)} with each newest report, for the node that exports the target. */
    public void storeSeries(BiFunction<TargetSpec, Report, String> seriesOf) {
        this.seriesOf = seriesOf;
    }

    public RunPlanner planner() {
        return planner;
    }

    /** An audit of the named target now (the fullest picture); see {@link #run(String, RunKind)}. */
    public Future<RunOutcome> run(String name) {
        return run(name, RunKind.AUDIT);
    }

    /**
     * Runs the named target's run of {@code kind} now; callable from any thread. Fails with
     * {@link NoSuchTargetException}, or {@link dev.vantage.plan.RunRefusedException} for a load run of a target
     * without a load block.
     */
    public Future<RunOutcome> run(String name, RunKind kind) {
        return run(name, kind, Optional.empty());
    }

    /**
     * As {@link #run(String, RunKind)}, for the scheduled firing due at {@code scheduledAt}: stored with the result,
     * so "each firing ran once" can be counted. A firing that finds the previous run of its target and kind still
     * in flight joins it (and is not stored a second time).
     */
    public Future<RunOutcome> run(String name, RunKind kind, Optional<Instant> scheduledAt) {
        String key = name + "/" + kind.id();
        Promise<RunOutcome> promise = Promise.promise();
        Future<RunOutcome> existing = inFlight.putIfAbsent(key, promise.future());
        if (existing != null) {
            return existing;
        }
        loopFor(name).runOnContext(v -> start(name, kind, scheduledAt).onComplete(ar -> {
            inFlight.remove(key, promise.future());
            promise.handle(ar);
        }));
        return promise.future();
    }

    /**
     * Everything a run needs from the store, read in one blocking step.
     *
     * @param recent      the idle latency window before this run, newest first (read from the stored results)
     * @param scheduledAt the firing this run is for; empty for runs asked for through the API
     */
    private record Prepared(TargetSpec spec, RunPlan plan, CarriedEvidence carried, Duration limit,
                            List<Map<String, Duration>> recent, Optional<Instant> scheduledAt) {
    }

    private Future<RunOutcome> start(String name, RunKind kind, Optional<Instant> scheduledAt) {
        return loopFor(name).executeBlocking(() -> prepare(name, kind, scheduledAt), false).compose(p -> {
            Future<Report> assessed = kind == RunKind.AUDIT
                    ? audits.serialise(p.plan().target().getHost(), () -> assess(p))
                    : assess(p);
            return assessed.compose(report -> store(p, report));
        });
    }

    private Future<Report> assess(Prepared p) {
        return bounded(assessor.assess(p.plan(), new CheckSelection(p.spec().enable(), p.spec().disable()),
                p.carried()), p.limit(), p.spec().name());
    }

    private Prepared prepare(String name, RunKind kind, Optional<Instant> scheduledAt) {
        TargetSpec spec = targets.find(name).map(StoredTarget::spec).orElseThrow(() -> new NoSuchTargetException(name));
        Optional<String> token = kind == RunKind.LOAD ? targets.verificationToken(name) : Optional.empty();
        List<Map<String, Duration>> recent = results.recentLatencies(name,
                clock.instant().minus(IdleLatencyWindow.DEFAULT_WINDOW), IdleLatencyWindow.MAX_SAMPLES);
        RunPlan plan = planner.plan(spec, kind, token);
        Duration limit = plan.options().timeout().plus(grace(plan.options().timeout()));
        if (plan.sends(ProbeKind.LOAD) && plan.options().load().isPresent()) {
            limit = limit.plus(LoadProbe.budget(plan.options().load().get())).plus(Ownership.MAX_VERIFY);
        }
        // The idle window is history: it enters at grading (the load degradation baseline), not in the plan.
        Optional<Duration> idleP95 = IdleLatencyWindow.of(IdleLatencyWindow.DEFAULT_WINDOW, recent)
                .flatMap(IdleLatency::requestP95);
        return new Prepared(spec, plan, new CarriedEvidence(withNewestPulse(name, evidence.states(name)),
                planner.cadences(spec), idleP95), limit, recent, scheduledAt);
    }

    /**
     * The stored pulse evidence is that of the last pulse that changed something; the pulses since were packed
     * unchanged, so the evidence is as old as the newest of them.
     */
    private Map<RunKind, EvidenceState> withNewestPulse(String name, Map<RunKind, EvidenceState> states) {
        EvidenceState pulse = states.get(RunKind.PULSE);
        if (pulse == null) {
            return states;
        }
        Optional<Instant> newest = results.pulses().newest(name).filter(at -> at.isAfter(pulse.takenAt()));
        if (newest.isEmpty()) {
            return states;
        }
        Map<RunKind, EvidenceState> out = new java.util.EnumMap<>(states);
        out.put(RunKind.PULSE, new EvidenceState(RunKind.PULSE, newest.get(), pulse.findings(), pulse.section(),
                pulse.watch()));
        return out;
    }

    /**
     * Checks now, without any load, whether the target proves ownership with its token: the page's redirects are
     * followed first, as a run does, because the load goes to the final page's origin.
     */
    public Future<Ownership.Verification> verifyOwnership(String name) {
        return context.executeBlocking(() -> {
            TargetSpec spec = targets.find(name).map(StoredTarget::spec)
                    .orElseThrow(() -> new NoSuchTargetException(name));
            String token = targets.verificationToken(name).orElseThrow(() -> new NoSuchTargetException(name));
            ProbeOptions options = TargetOptions.of(spec, probing, secrets);
            return new OwnershipCheck(context.owner(), spec.url(), token, new HttpProber(context.owner(), options));
        }, false).compose(OwnershipCheck::run);
    }

    /** One ownership check: the prober it owns is closed whatever happens. */
    private record OwnershipCheck(Vertx vertx, java.net.URI url, String token, HttpProber http) {
        Future<Ownership.Verification> run() {
            Deadline deadline = Deadline.in(Ownership.FETCH_TIMEOUT);
            return new RedirectProber(http).follow(HttpRequestSpec.get(url), deadline)
                    .compose(chain -> Ownership.verify(vertx, http, chain.last().request().url(), token))
                    .eventually(() -> http.close().otherwiseEmpty());
        }
    }

    private Future<RunOutcome> store(Prepared p, Report graded) {
        String name = p.spec().name();
        RunKind kind = p.plan().kind();
        // The window is this run's page timings plus those stored before it, capped as the window is.
        List<Map<String, Duration>> window = new java.util.ArrayList<>();
        // Microseconds, as stored: the next run reads this sample back at that precision and must agree with it.
        IdleLatencyWindow.phases(graded.probe().inMicros()).ifPresent(window::add);
        p.recent().stream().limit(IdleLatencyWindow.MAX_SAMPLES - window.size()).forEach(window::add);
        Report report = IdleLatencyWindow.of(IdleLatencyWindow.DEFAULT_WINDOW, window)
                .map(graded::withIdleLatency).orElse(graded);
        return loopFor(p.spec().name()).executeBlocking(() -> persist(p, report), false).onFailure(e -> {
            if (e instanceof dev.vantage.store.StoreException) {
                // The database is down or refused the write: the run is lost, but never without trace.
                LOG.warn("{} of {} could not be stored and is dropped: {}", kind.id(), name, e.getMessage());
                dropped.accept(kind);
            }
        }).map(id -> {
            for (ResultSink sink : sinks) {
                try {
                    sink.accept(p.spec(), report);
                } catch (RuntimeException e) {
                    LOG.warn("result sink {} failed for target {}", sink.getClass().getSimpleName(), name, e);
                }
            }
            if (kind == RunKind.PULSE) {
                triggerAuditOnChange(p, report);
            }
            return new RunOutcome(name, id, report);
        });
    }

    /**
     * Stores the run. A pulse that changed nothing (grade, success, its findings and the watched facts are as
     * stored) is packed into the compact pulse store and nothing else is written: the stored report and evidence
     * stay those of the last change, and readers take the pulse time from the pulse store. Anything else is a full
     * result row, the fresh evidence states of the kinds the run covered, and the newest composed report.
     */
    private long persist(Prepared p, Report report) {
        String name = p.spec().name();
        RunKind kind = p.plan().kind();
        if (!targets.exists(name)) {
            // Deleted while this run was in flight: nothing of it is kept (no orphan rows).
            throw new NoSuchTargetException(name);
        }
        boolean changed = kind != RunKind.PULSE || changedSinceStored(name, p.carried(), report);
        // Rendered only when stored: most pulses change nothing and keep no report text.
        String json = changed ? renderer.apply(report) : null;
        long id = results.insert(name, kind, report, Optional.ofNullable(json), node, p.scheduledAt());
        if (changed) {
            for (RunKind fresh : report.composition().fresh()) {
                report.composition().state(fresh).ifPresent(s -> evidence.save(name, s));
            }
            evidence.saveLatest(name, new EvidenceRepository.Latest(json, report.startedAt(), report.grade().letter(),
                    report.unreachable().isEmpty(), node,
                    Optional.ofNullable(seriesOf).map(f -> f.apply(p.spec(), report))));
        }
        return id;
    }

    private boolean changedSinceStored(String name, CarriedEvidence before, Report report) {
        Optional<EvidenceRepository.Verdict> stored = evidence.latestVerdict(name);
        Optional<EvidenceState> was = before.state(RunKind.PULSE);
        Optional<EvidenceState> now = report.composition().state(RunKind.PULSE);
        return stored.isEmpty() || was.isEmpty() || now.isEmpty()
                || !stored.get().grade().equals(report.grade().letter())
                || stored.get().success() != report.unreachable().isEmpty()
                || !was.get().findings().equals(now.get().findings())
                || !was.get().watch().equals(now.get().watch());
    }

    private static boolean watchChanged(CarriedEvidence before, Report report) {
        Optional<String> was = before.state(RunKind.PULSE).flatMap(EvidenceState::watch);
        Optional<String> now = report.composition().state(RunKind.PULSE).flatMap(EvidenceState::watch);
        return was.isPresent() && now.isPresent() && !was.equals(now);
    }

    /** A pulse that saw the certificate, TLS parameters, banner or security headers change asks for an audit. */
    private void triggerAuditOnChange(Prepared p, Report report) {
        if (!watchChanged(p.carried(), report) || !p.plan().probes().equals(java.util.Set.of(ProbeKind.PAGE))) {
            return;
        }
        String name = p.spec().name();
        context.executeBlocking(() -> evidence.claimTriggeredAudit(name, clock.instant(), TRIGGER_DEBOUNCE), false)
                .onSuccess(claimed -> {
                    if (claimed) {
                        LOG.info("target {} changed since its previous pulse; auditing it now", name);
                        run(name, RunKind.AUDIT);
                    } else {
                        LOG.debug("target {} changed again within {}; audit debounced", name, TRIGGER_DEBOUNCE);
                    }
                })
                .onFailure(e -> LOG.warn("could not claim a triggered audit of {}: {}", name, e.getMessage()));
    }

    /** The event loop a target's runs use: always the same one for a target, spread over the cores. */
    private Context loopFor(String name) {
        return loops.get(Math.floorMod(name.hashCode(), loops.size()));
    }

    private static Duration grace(Duration timeout) {
        Duration g = timeout.compareTo(Duration.ofMillis(200)) < 0 ? Duration.ofMillis(200) : timeout;
        return g.compareTo(MAX_GRACE) > 0 ? MAX_GRACE : g;
    }

    /** The assessor promises to finish by its deadline; this guards the schedule against one that does not. */
    private Future<Report> bounded(Future<Report> f, Duration limit, String name) {
        Promise<Report> p = Promise.promise();
        long timer = context.owner().setTimer(limit.toMillis(), id -> p.tryFail(
                new IllegalStateException("assessment of " + name + " did not finish within " + limit.toSeconds() + "s")));
        f.onComplete(ar -> {
            context.owner().cancelTimer(timer);
            if (ar.succeeded()) {
                p.tryComplete(ar.result());
            } else {
                p.tryFail(ar.cause());
            }
        });
        return p.future();
    }
}
