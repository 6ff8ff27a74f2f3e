package dev.vantage.grade;

import dev.vantage.probe.ProbeFailure;

import java.util.List;
import java.util.Optional;

/**
 * What grading decided about one set of findings: the overall letter and score, per-area grades, every finding with
 * its price, and why the grade is capped. A report carries it beside the evidence's transport facts.
 *
 * @param scoringVersion version of the scoring table that produced the grades, so old results stay explainable
 * @param capsApplied    why the overall grade is lower than the score alone gives
 * @param unreachable    present when the target could not be reached at all; the grade is then F
 */
public record Grading(Grade grade, int score, String scoringVersion, List<AreaReport> areas,
                      List<ScoredFinding> findings, List<String> capsApplied, Optional<ProbeFailure> unreachable) {

    public Grading {
        areas = List.copyOf(areas);
        findings = List.copyOf(findings);
        capsApplied = List.copyOf(capsApplied);
    }
}
