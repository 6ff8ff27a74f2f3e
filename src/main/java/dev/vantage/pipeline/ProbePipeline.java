package dev.vantage.pipeline;

import dev.vantage.check.Check;
import dev.vantage.check.CheckSelection;
import dev.vantage.check.Checks;
import dev.vantage.check.Finding;
import dev.vantage.dataset.DatasetUser;
import dev.vantage.grade.Grader;
import dev.vantage.grade.ScoringTable;
import dev.vantage.probe.RunKind;
import dev.vantage.probe.RunPlan;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.SiteProber;
import dev.vantage.report.Report;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Set;

/**
 * The default pipeline: probes as planned (I/O) → checks (pure, bounded, off the event loop) → composition with
 * earlier runs' evidence → grade (one table) → report.
 */
public final class ProbePipeline implements SiteAssessor {

    private final Vertx vertx;
    private final Grader grader;
    private final List<Check> checks;
    private final BoundedChecks bounded;

    public ProbePipeline(Vertx vertx) {
        this(vertx, Checks.all(), new Grader(ScoringTable.current()));
    }

    public ProbePipeline(Vertx vertx, List<Check> checks, Grader grader) {
        this(vertx, checks, grader, new BoundedChecks());
    }

    public ProbePipeline(Vertx vertx, List<Check> checks, Grader grader, BoundedChecks bounded) {
        this.vertx = vertx;
        this.checks = List.copyOf(checks);
        this.grader = grader;
        this.bounded = bounded;
    }

    @Override
    public Future<Report> assess(RunPlan plan, CheckSelection selection, CarriedEvidence carried) {
        // Building the prober reads the trust stores (files, key store parsing): never on an event loop. Checks
        // run on their own bounded pool, waited for on a worker, so a hostile page cannot stall an event loop.
        return vertx.executeBlocking(() -> new SiteProber(vertx, plan.options()), false)
                .compose(prober -> prober.probe(plan))
                .compose(evidence -> vertx.executeBlocking(() -> grade(plan, evidence, selection, carried), false));
    }

    /** Checks and grades evidence of a self-contained run; public so recorded evidence can be graded offline. */
    public Report grade(SiteEvidence evidence) {
        return grade(RunPlan.everything(evidence.target(), dev.vantage.probe.ProbeOptions.defaults()), evidence,
                CheckSelection.ALL, CarriedEvidence.NONE);
    }

    private Report grade(RunPlan plan, SiteEvidence probed, CheckSelection selection, CarriedEvidence carried) {
        SiteEvidence evidence = withIdleHistory(probed, carried);
        List<Check> selected = selection.apply(checks);
        List<Finding> fresh = bounded.evaluate(EvidenceComposer.answerable(selected, plan), evidence);
        Set<RunKind> covered = EvidenceComposer.covered(plan);
        List<Finding> findings = EvidenceComposer.findings(fresh, carried, covered, selection);
        // The data behind the findings in the report, fresh or carried from an earlier run.
        Set<String> reported = findings.stream().map(Finding::checkId).collect(java.util.stream.Collectors.toSet());
        Report graded = Report.of(evidence, grader.grade(evidence, findings))
                .withDatasets(selected.stream().filter(c -> c instanceof DatasetUser && reported.contains(c.id()))
                        .map(c -> ((DatasetUser) c).dataset()).distinct().toList());
        // A self-contained run (the one-shot check: every probe, nothing carried) is its own whole picture.
        if (carried == CarriedEvidence.NONE && plan.isWhole()) {
            return graded;
        }
        return graded.withComposition(EvidenceComposer.composition(graded, evidence, checks, fresh, carried,
                covered));
    }

    /**
     * The load run's evidence with the stored idle p95 as its baseline, so {@code performance.load-degradation} and
     * the report compare against the idle window rather than the run's one idle exchange. Done here, at grading,
     * because the idle window is history: nothing a probe sends or measures.
     */
    static SiteEvidence withIdleHistory(SiteEvidence e, CarriedEvidence carried) {
        if (carried.idleP95().isEmpty() || e.load().isEmpty()) {
            return e;
        }
        return new SiteEvidence(e.target(), e.startedAt(), e.took(), e.page(), e.httpUpgrade(), e.corsProbe(),
                e.tls(), e.exposure(), e.rateLimit(), e.load().map(l -> l.withIdleP95(carried.idleP95().get())),
                e.browser());
    }
}
