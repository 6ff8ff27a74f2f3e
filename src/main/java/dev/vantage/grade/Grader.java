package dev.vantage.grade;

import dev.vantage.check.Finding;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.report.Report;

import java.util.List;

/** Turns findings into scores, letters and a report, using the scoring table and nothing else. */
public final class Grader {

    private final ScoringTable table;

    public Grader(ScoringTable table) {
        this.table = table;
    }

    public Report grade(SiteEvidence evidence, List<Finding> findings) {
        throw new UnsupportedOperationException("implemented in the grade branch");
    }
}
