package dev.vantage.report;

import dev.vantage.grade.Grade;
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
 */
public record Report(URI target, Instant startedAt, Duration took, Grade grade, int score, String scoringVersion,
                     List<AreaReport> areas, List<ScoredFinding> findings, List<String> capsApplied,
                     Optional<ProbeFailure> unreachable, ProbeSummary probe, Optional<TlsReport> tls,
                     Optional<LoadEvidence> load, Optional<IdleLatency> idleLatency, Composition composition) {

    public Report {
        areas = List.copyOf(areas);
        findings = List.copyOf(findings);
        capsApplied = List.copyOf(capsApplied);
        java.util.Objects.requireNonNull(composition, "composition");
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

    /** The same report with the idle percentiles the service computed over its recent probes. */
    public Report withIdleLatency(IdleLatency value) {
        return new Report(target, startedAt, took, grade, score, scoringVersion, areas, findings, capsApplied,
                unreachable, probe, tls, load, Optional.ofNullable(value), composition);
    }

    /** The same report, saying which evidence it was composed from. */
    public Report withComposition(Composition value) {
        return new Report(target, startedAt, took, grade, score, scoringVersion, areas, findings, capsApplied,
                unreachable, probe, tls, load, idleLatency, value);
    }
}
