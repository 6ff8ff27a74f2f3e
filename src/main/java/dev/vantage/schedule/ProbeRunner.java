package dev.vantage.schedule;

import dev.vantage.check.CheckSelection;

import dev.vantage.config.Secrets;
import dev.vantage.config.TargetOptions;
import dev.vantage.config.TargetSpec;
import dev.vantage.config.VantageConfig;
import dev.vantage.pipeline.SiteAssessor;
import dev.vantage.probe.ProbeOptions;
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
        return context.<TargetSpec>executeBlocking(() -> targets.find(name).map(StoredTarget::spec)
                        .orElseThrow(() -> new NoSuchTargetException(name)), false)
                .compose(spec -> {
                    ProbeOptions options = TargetOptions.of(spec, probing, secrets);
                    return bounded(assessor.assess(spec.url(), options, new CheckSelection(spec.enable(), spec.disable())),
                            options.timeout().plus(grace(options.timeout())), name)
                            .compose(a -> store(spec, a));
                });
    }

    private Future<RunOutcome> store(TargetSpec spec, Report report) {
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
