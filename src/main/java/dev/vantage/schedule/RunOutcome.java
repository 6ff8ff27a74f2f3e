package dev.vantage.schedule;

import dev.vantage.report.Report;

/** One finished and stored probe run. */
public record RunOutcome(String target, long resultId, Report report) {
}
