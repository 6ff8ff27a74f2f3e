package dev.vantage.report;

import dev.vantage.grade.Grade;
import dev.vantage.probe.ProbeFailure;

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
 */
public record Report(URI target, Instant startedAt, Duration took, Grade grade, int score, String scoringVersion,
                     List<AreaReport> areas, List<ScoredFinding> findings, List<String> capsApplied,
                     Optional<ProbeFailure> unreachable, ProbeSummary probe, Optional<TlsReport> tls) {

    public Report {
        areas = List.copyOf(areas);
        findings = List.copyOf(findings);
        capsApplied = List.copyOf(capsApplied);
    }

    /** A report without transport facts or TLS section (hand-built reports in tests and examples). */
    public Report(URI target, Instant startedAt, Duration took, Grade grade, int score, String scoringVersion,
                  List<AreaReport> areas, List<ScoredFinding> findings, List<String> capsApplied,
                  Optional<ProbeFailure> unreachable) {
        this(target, startedAt, took, grade, score, scoringVersion, areas, findings, capsApplied, unreachable,
                ProbeSummary.NONE, Optional.empty());
    }
}
