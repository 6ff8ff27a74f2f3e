package dev.vantage.pipeline;

import dev.vantage.check.Area;
import dev.vantage.check.Check;
import dev.vantage.check.CheckSelection;
import dev.vantage.check.Checks;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.grade.Grader;
import dev.vantage.grade.ScoringTable;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.SiteProber;
import dev.vantage.report.Report;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The default pipeline: probes (I/O) → checks (pure) → grade (one table) → report. */
public final class ProbePipeline implements SiteAssessor {

    private static final Logger LOG = LoggerFactory.getLogger(ProbePipeline.class);

    private final Vertx vertx;
    private final Grader grader;
    private final List<Check> checks;

    public ProbePipeline(Vertx vertx) {
        this(vertx, Checks.all(), new Grader(ScoringTable.current()));
    }

    public ProbePipeline(Vertx vertx, List<Check> checks, Grader grader) {
        this.vertx = vertx;
        this.checks = List.copyOf(checks);
        this.grader = grader;
    }

    @Override
    public Future<Report> assess(URI target, ProbeOptions options) {
        return assess(target, options, CheckSelection.ALL);
    }

    @Override
    public Future<Report> assess(URI target, ProbeOptions options, CheckSelection selection) {
        // Building the prober reads the trust stores (files, key store parsing): never on an event loop.
        return vertx.executeBlocking(() -> new SiteProber(vertx, options), false)
                .compose(prober -> prober.probe(target))
                .map(evidence -> grade(evidence, selection));
    }

    /** Checks and grades evidence; public so recorded evidence can be graded without a network. */
    public Report grade(SiteEvidence evidence) {
        return grade(evidence, CheckSelection.ALL);
    }

    private Report grade(SiteEvidence evidence, CheckSelection selection) {
        List<Check> selected = selection.apply(checks);
        List<Finding> findings = new ArrayList<>(selected.size());
        for (Check check : selected) {
            findings.add(evaluateGuarded(check, evidence));
        }
        return grader.grade(evidence, findings);
    }

    // A bug in one check must not cost the whole report: it becomes an ERROR finding and a log line.
    private static Finding evaluateGuarded(Check check, SiteEvidence evidence) {
        try {
            return check.evaluate(evidence);
        } catch (RuntimeException e) {
            LOG.error("check {} failed on evidence from {}", check.id(), evidence.target(), e);
            return new Finding(check.id(), check.area() == null ? Area.SECURITY : check.area(), check.title(),
                    Verdict.ERROR, "check-error", "the check failed internally: " + e.getClass().getSimpleName(),
                    "Report this as a Vantage bug with the log line.");
        }
    }
}
