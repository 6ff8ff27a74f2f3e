package dev.vantage.report;

import dev.vantage.grade.ScoredFinding;
import dev.vantage.grade.AreaReport;
import dev.vantage.check.tls.SslLabsRating;
import dev.vantage.check.tls.TlsRatingCheck;
import dev.vantage.dataset.DatasetInfo;
import dev.vantage.grade.Grade;
import dev.vantage.grade.Grading;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.tls.TlsInspection;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.load.LoadEvidence;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The report card of one probe run: what every sink (CLI, JSON, store, metrics) consumes.
 *
 * @param scoringVersion version of the scoring table that produced the grades, so old results stay explainable
 * @param capsApplied    why the overall grade is lower than the score alone gives (e.g. "certificate not trusted: F")
 * @param unreachable    present when the target could not be reached at all; the grade is then F
 * @param probe          transport facts (status, phases, certificate expiry) for metrics and history
 * @param tls            the TLS inspection and its rating, for https targets that were inspected
 * @param load           the opt-in load run, when one was configured (refused runs included, with the reason)
 * @param idleLatency    latency percentiles over the recent recurring probes of the target (service mode only)
 * @param composition    which run kinds' evidence the report was graded from, and how old each is (service mode)
 * @param datasets       the datasets (and their dates) the checks judged software versions with
 * @param browser        the browser audit of this run, for the Web Vitals gauges (docs/metrics.md); without its
 *                       script bodies, which only the secrets check reads and a kept report must not hold
 */
public record Report(URI target, Instant startedAt, Duration took, Grade grade, int score, String scoringVersion,
                     List<AreaReport> areas, List<ScoredFinding> findings, List<String> capsApplied,
                     Optional<ProbeFailure> unreachable, ProbeSummary probe, Optional<TlsReport> tls,
                     Optional<LoadEvidence> load, Optional<IdleLatency> idleLatency, Composition composition,
                     List<DatasetInfo> datasets, Optional<BrowserEvidence> browser) {

    public Report {
        datasets = List.copyOf(datasets);
        areas = List.copyOf(areas);
        findings = List.copyOf(findings);
        capsApplied = List.copyOf(capsApplied);
        java.util.Objects.requireNonNull(composition, "composition");
    }

    /** A report that names no dataset and has no browser audit. */
    public Report(URI target, Instant startedAt, Duration took, Grade grade, int score, String scoringVersion,
                  List<AreaReport> areas, List<ScoredFinding> findings, List<String> capsApplied,
                  Optional<ProbeFailure> unreachable, ProbeSummary probe, Optional<TlsReport> tls,
                  Optional<LoadEvidence> load, Optional<IdleLatency> idleLatency, Composition composition) {
        this(target, startedAt, took, grade, score, scoringVersion, areas, findings, capsApplied, unreachable, probe,
                tls, load, idleLatency, composition, List.of(), Optional.empty());
    }

    /** A report of one self-contained run (no carried evidence). */
    public Report(URI target, Instant startedAt, Duration took, Grade grade, int score, String scoringVersion,
                  List<AreaReport> areas, List<ScoredFinding> findings, List<String> capsApplied,
                  Optional<ProbeFailure> unreachable, ProbeSummary probe, Optional<TlsReport> tls,
                  Optional<LoadEvidence> load, Optional<IdleLatency> idleLatency) {
        this(target, startedAt, took, grade, score, scoringVersion, areas, findings, capsApplied, unreachable, probe,
                tls, load, idleLatency, Composition.NONE);
    }

    /** A report without transport facts, TLS, load or idle sections (hand-built reports in tests and examples). */
    public Report(URI target, Instant startedAt, Duration took, Grade grade, int score, String scoringVersion,
                  List<AreaReport> areas, List<ScoredFinding> findings, List<String> capsApplied,
                  Optional<ProbeFailure> unreachable) {
        this(target, startedAt, took, grade, score, scoringVersion, areas, findings, capsApplied, unreachable,
                ProbeSummary.NONE, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The report of graded evidence: the grading, the transport facts of the page chain, the TLS section (the
     * inspection and its SSL Labs-style rating, the same pure function the {@code tls.rating} check calls) and
     * the load run.
     */
    public static Report of(SiteEvidence evidence, Grading g) {
        Optional<TlsReport> tls = evidence.tls().filter(TlsInspection::speaksTls)
                .map(t -> new TlsReport(t, SslLabsRating.rate(t, TlsRatingCheck.hstsMaxAge(evidence))));
        return new Report(evidence.target(), evidence.startedAt(), evidence.took(), g.grade(), g.score(),
                g.scoringVersion(), g.areas(), g.findings(), g.capsApplied(), g.unreachable(),
                ProbeSummary.from(evidence), tls, evidence.load(), Optional.empty(), Composition.NONE, List.of(),
                evidence.browser().map(BrowserEvidence::withoutScripts));
    }

    /** The same report with the idle percentiles the service computed over its recent probes. */
    public Report withIdleLatency(IdleLatency value) {
        return new Report(target, startedAt, took, grade, score, scoringVersion, areas, findings, capsApplied,
                unreachable, probe, tls, load, Optional.ofNullable(value), composition, datasets, browser);
    }

    /** The same report, saying which evidence it was composed from. */
    public Report withComposition(Composition value) {
        return new Report(target, startedAt, took, grade, score, scoringVersion, areas, findings, capsApplied,
                unreachable, probe, tls, load, idleLatency, value, datasets, browser);
    }

    /** The same report, naming the datasets its checks used. */
    public Report withDatasets(List<DatasetInfo> value) {
        return new Report(target, startedAt, took, grade, score, scoringVersion, areas, findings, capsApplied,
                unreachable, probe, tls, load, idleLatency, composition, value, browser);
    }
}
