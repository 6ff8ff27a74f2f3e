package dev.vantage.schedule;

import dev.vantage.check.CheckSelection;

import dev.vantage.config.Secrets;
import dev.vantage.config.TargetOptions;
import dev.vantage.config.TargetSpec;
import dev.vantage.config.VantageConfig;
import dev.vantage.pipeline.SiteAssessor;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.Deadline;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.http.HttpRequestSpec;
import dev.vantage.probe.http.RedirectProber;
import dev.vantage.probe.load.LoadContext;
import dev.vantage.probe.load.Ownership;
import dev.vantage.probe.load.LoadProbe;
import dev.vantage.report.IdleLatency;
import dev.vantage.report.Report;
import dev.vantage.store.ResultRepository;
import dev.vantage.store.StoredTarget;
import dev.vantage.store.TargetRepository;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Runs one target's probe through the pipeline on a Vert.x event loop, stores the result on a worker, then tells
 * the sinks. Runs of the same target never overlap: a second request while one is in flight gets the same future.
 */
public final class ProbeRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeRunner.class);
    /** Beyond the probe's own deadline, at most this long is given to a hung assessor before the run is abandoned. */
    private static final Duration MAX_GRACE = Duration.ofSeconds(5);

    private final Context context;
    private final SiteAssessor assessor;
    private final TargetRepository targets;
    private final ResultRepository results;
    private final Function<Report, String> renderer;
    private final VantageConfig.Probing probing;
    private final Secrets secrets;
    private final List<ResultSink> sinks = new CopyOnWriteArrayList<>();
    private final Map<String, Future<RunOutcome>> inFlight = new ConcurrentHashMap<>();
    private final IdleLatencyWindow idle = new IdleLatencyWindow();

    public ProbeRunner(Vertx vertx, SiteAssessor assessor, TargetRepository targets, ResultRepository results,
                       Function<Report, String> renderer, VantageConfig.Probing probing, Secrets secrets) {
        this.context = vertx.getOrCreateContext();
        this.assessor = assessor;
        this.targets = targets;
        this.results = results;
        this.renderer = renderer;
        this.probing = probing;
        this.secrets = secrets;
    }

    public void addSink(ResultSink sink) {
        sinks.add(sink);
    }

    public List<ResultSink> sinks() {
        return List.copyOf(sinks);
    }

    /** Probes the named target now; callable from any thread. Fails with {@link NoSuchTargetException}. */
    public Future<RunOutcome> run(String name) {
        Promise<RunOutcome> promise = Promise.promise();
        Future<RunOutcome> existing = inFlight.putIfAbsent(name, promise.future());
        if (existing != null) {
            return existing;
        }
        context.runOnContext(v -> start(name).onComplete(ar -> {
            inFlight.remove(name, promise.future());
            promise.handle(ar);
        }));
        return promise.future();
    }

    private Future<RunOutcome> start(String name) {
        return context.executeBlocking(() -> plan(name), false)
                .compose(plan -> {
                    TargetSpec spec = plan.spec();
                    ProbeOptions options = TargetOptions.of(spec, probing, secrets);
                    Duration limit = options.timeout().plus(grace(options.timeout()));
                    if (spec.load().isPresent() && plan.token().isPresent()) {
                        // Service-mode load is always owner-verified: the token goes with the settings, never
                        // the settings alone. The wait is extended by the load run's own bound.
                        options = options.withLoad(spec.load().get()).withLoadContext(LoadContext.verified(
                                plan.token().get(), idle.snapshot(name).flatMap(IdleLatency::requestP95)));
                        limit = limit.plus(LoadProbe.budget(spec.load().get())).plus(Ownership.MAX_VERIFY);
                    }
                    return bounded(assessor.assess(spec.url(), options, new CheckSelection(spec.enable(),
                            spec.disable())), limit, name).compose(a -> store(spec, a));
                });
    }

    /** What one run needs from the store: the target, and its ownership token when it has a load run. */
    private record Plan(TargetSpec spec, Optional<String> token) {
    }

    private Plan plan(String name) {
        return plan(name, false);
    }

    /** The stored target; its token too when it has a load run, or always with {@code withToken}. */
    private Plan plan(String name, boolean withToken) {
        TargetSpec spec = targets.find(name).map(StoredTarget::spec).orElseThrow(() -> new NoSuchTargetException(name));
        return new Plan(spec, withToken || spec.load().isPresent() ? targets.verificationToken(name)
                : Optional.empty());
    }

    /**
     * Checks now, without any load, whether the target proves ownership with its token: the page's redirects are
     * followed first, as a run does, because the load goes to the final page's origin.
     */
    public Future<Ownership.Verification> verifyOwnership(String name) {
        return context.executeBlocking(() -> {
            Plan plan = plan(name, true);
            String token = plan.token().orElseThrow(() -> new NoSuchTargetException(name));
            ProbeOptions options = TargetOptions.of(plan.spec(), probing, secrets);
            return new OwnershipCheck(context.owner(), plan.spec().url(), token,
                    new HttpProber(context.owner(), options));
        }, false).compose(OwnershipCheck::run);
    }

    /** One ownership check: the prober it owns is closed whatever happens. */
    private record OwnershipCheck(io.vertx.core.Vertx vertx, java.net.URI url, String token, HttpProber http) {
        Future<Ownership.Verification> run() {
            Deadline deadline = Deadline.in(Ownership.FETCH_TIMEOUT);
            return new RedirectProber(http).follow(HttpRequestSpec.get(url), deadline)
                    .compose(chain -> Ownership.verify(vertx, http, chain.last().request().url(), token))
                    .eventually(() -> http.close().otherwiseEmpty());
        }
    }

    /** The target was deleted: its idle latency samples go with it. */
    public void forget(String name) {
        idle.forget(name);
    }

    private Future<RunOutcome> store(TargetSpec spec, Report graded) {
        idle.add(spec.name(), graded.probe());
        Report report = idle.snapshot(spec.name()).map(graded::withIdleLatency).orElse(graded);
        String json = renderer.apply(report);
        return context.executeBlocking(() -> results.insert(spec.name(), report, json), false).map(id -> {
            for (ResultSink sink : sinks) {
                try {
                    sink.accept(spec, report);
                } catch (RuntimeException e) {
                    LOG.warn("result sink {} failed for target {}", sink.getClass().getSimpleName(), spec.name(), e);
                }
            }
            return new RunOutcome(spec.name(), id, report);
        });
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
