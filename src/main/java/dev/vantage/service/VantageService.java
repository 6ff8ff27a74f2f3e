package dev.vantage.service;

import dev.vantage.api.ApiServer;
import dev.vantage.config.Secrets;
import dev.vantage.config.VantageConfig;
import dev.vantage.incident.IncidentService;
import dev.vantage.incident.IncidentTracker;
import dev.vantage.metrics.ProbeMetrics;
import dev.vantage.metrics.SeriesOwnership;
import dev.vantage.metrics.ServiceMetrics;
import dev.vantage.store.ClusterMembers;
import dev.vantage.pipeline.SiteAssessor;
import dev.vantage.report.Report;
import dev.vantage.schedule.ProbeRunner;
import dev.vantage.schedule.ProbeScheduler;
import dev.vantage.store.Database;
import dev.vantage.store.ResultRepository;
import dev.vantage.store.TargetRepository;
import dev.vantage.store.EvidenceRepository;
import dev.vantage.check.Checks;
import dev.vantage.plan.RunPlanner;
import java.time.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code vantage serve}: opens the database, syncs the config file's targets, starts Quartz and the HTTP server.
 * One instance per process (Quartz schedulers are registered by name).
 */
public final class VantageService {

    private static final Logger LOG = LoggerFactory.getLogger(VantageService.class);
    /** How long shutdown lets the runs in flight finish (bounded again by the scheduler's own shutdown wait). */
    private static final Duration MAX_JOB_WAIT = Duration.ofSeconds(30);
    /** How often a cluster node re-reads which targets' gauges it exports, and their newest series. */
    static final Duration SERIES_REFRESH = Duration.ofSeconds(5);

    private final Function<Vertx, SiteAssessor> assessors;
    private final Function<Report, String> renderer;
    private final Secrets secrets;
    private final String schedulerName;
    private PrometheusMeterRegistry registry;
    private Vertx vertx;
    private Database db;
    private ProbeScheduler scheduler;
    private HttpServer http;
    private IncidentTracker incidents;

    /**
     * @param assessors     builds the pipeline on the service's Vert.x instance
     * @param renderer      the JSON report renderer, used for stored reports and API answers
     * @param schedulerName Quartz scheduler name; every node sharing one database must use the same
     */
    public VantageService(Function<Vertx, SiteAssessor> assessors, Function<Report, String> renderer, Secrets secrets,
                          String schedulerName) {
        this.assessors = assessors;
        this.renderer = renderer;
        this.secrets = secrets;
        this.schedulerName = schedulerName;
    }

    public VantageService(Function<Vertx, SiteAssessor> assessors, Function<Report, String> renderer) {
        this(assessors, renderer, Secrets.fromSystem(), "vantage");
    }

    public Future<Void> start(VantageConfig config) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServiceMetrics.configure(registry);
        vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry)).build();
        SiteAssessor assessor = assessors.apply(vertx);
        return vertx.executeBlocking(() -> {
            db = Database.open(config.storage());
            TargetRepository targets = new TargetRepository(db.dataSource());
            ResultRepository results = new ResultRepository(db.dataSource());
            EvidenceRepository evidence = new EvidenceRepository(db.dataSource());
            ProbeRunner runner = new ProbeRunner(vertx, assessor, targets, results, evidence, renderer,
                    config.probing(), secrets, new RunPlanner(config.probing(), secrets, Checks.all()),
                    Clock.systemUTC());
            incidents = IncidentService.sink(vertx, db.dataSource(), config, registry);
            runner.addSink(incidents);
            scheduler = new ProbeScheduler(schedulerName, db, config.storage().clustered(), runner, results,
                    config.storage().retention(), MAX_JOB_WAIT);
            if (config.storage().clustered()) {
                String node = scheduler.quartz().getSchedulerInstanceId();
                runner.identifyAs(node);
                ProbeMetrics metrics = new ProbeMetrics(registry, Optional.of(node));
                runner.addSink(metrics);
                runner.storeSeries((spec, report) -> ProbeMetrics.series(spec, report).toJson());
                ClusterMembers members = new ClusterMembers(db.dataSource(), schedulerName);
                exportOwnedSeries(new SeriesOwnership(metrics, node, () -> members.live(System.currentTimeMillis()),
                        evidence::storedSeries));
            } else {
                runner.addSink(new ProbeMetrics(registry));
            }
            runner.onDropped(kind -> io.micrometer.core.instrument.Counter.builder("vantage.results.dropped")
                    .description("Runs whose result the database refused (down, unreachable): lost, but counted")
                    .tag("kind", kind.id()).register(registry).increment());
            ServiceMetrics.bind(registry, scheduler.schedulers());
            return new TargetManager(vertx, targets, results, evidence, scheduler, runner, db.scheduleLock());
        }).compose(manager -> manager.syncFromFile(config.targets()).compose(v -> vertx.executeBlocking(() -> {
            scheduler.start();
            return manager;
        }))).compose(manager -> new ApiServer(vertx, config, manager, secrets, renderer, registry::scrape,
                this::readiness, new dev.vantage.store.SessionRepository(db.dataSource())).listen()).map(server -> {
            http = server;
            LOG.info("vantage serving on http://{}:{} with {} file targets", config.server().host(),
                    server.actualPort(), config.targets().size());
            return (Void) null;
        }).recover(e -> stop().transform(ar -> Future.failedFuture(e)));
    }

    /** Every few seconds, re-picks which targets' gauges this node exports (docs/deployment.md). */
    private void exportOwnedSeries(SeriesOwnership ownership) {
        vertx.setPeriodic(SERIES_REFRESH.toMillis(), id -> vertx.executeBlocking(() -> {
            ownership.refresh();
            return null;
        }, false).onFailure(e -> LOG.debug("metric series ownership not refreshed: {}", e.getMessage())));
    }

    private Future<Map<String, Boolean>> readiness() {
        return vertx.executeBlocking(() -> Map.of("database", db.reachable(), "scheduler", scheduler.running()), false);
    }

    /** The port the HTTP server listens on (useful with {@code server.port: 0}). */
    public int port() {
        return http.actualPort();
    }

    /** The Quartz side, for tests that compare it with the targets table. */
    ProbeScheduler scheduler() {
        return scheduler;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The sink that turns reports into incidents (tests wait on the observations it counted). */
    public IncidentTracker incidentTracker() {
        return incidents;
    }

    /** Stops taking requests, lets running jobs finish (bounded), then closes Vert.x and the database. */
    public Future<Void> stop() {
        if (vertx == null) {
            return Future.succeededFuture();
        }
        Future<Void> httpClosed = http == null ? Future.succeededFuture() : http.close();
        // Vert.x closes last, and the caller is told through a context-free promise: listeners of futures bound
        // to the (now closed) event loop would never run.
        Promise<Void> done = Promise.promise();
        Vertx v = vertx;
        httpClosed.transform(ar -> vertx.executeBlocking(() -> {
            if (scheduler != null) {
                scheduler.close();
            }
            if (db != null) {
                db.close();
            }
            if (registry != null) {
                registry.close();
            }
            return null;
        })).onComplete(ar -> v.close().onComplete(done));
        return done.future();
    }
}
